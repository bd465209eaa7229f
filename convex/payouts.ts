/** Stripe Connect payouts (model/payouts.ts): advisors onboard; approved withdrawals are transferred. */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { advisorQuery, internalAction, internalMutation, internalQuery, publicAction, requireUser } from "./functions";
import * as Payouts from "./model/payouts";

/** Whether payouts go through Stripe here, and whether the signed-in advisor's account is set up. */
export const setup = advisorQuery({
  args: {},
  returns: v.object({ stripe: v.boolean(), connected: v.boolean() }),
  handler: async (ctx) => await Payouts.setupView(ctx, ctx.user._id),
});

/** Creates the advisor's Stripe Express account if needed and returns Stripe's onboarding link. */
export const startStripeOnboarding = publicAction({
  args: {},
  returns: v.object({ url: v.string() }),
  handler: async (ctx): Promise<{ url: string }> => {
    const target = await ctx.runQuery(internal.payouts.onboardingTarget, {});
    const { accountId, url } = await Payouts.onboardingLink(target);
    await ctx.runMutation(internal.payouts.saveAccount, { userId: target.userId, stripeAccountId: accountId });
    return { url };
  },
});

export const onboardingTarget = internalQuery({
  args: {},
  handler: async (ctx) => await Payouts.onboardingTarget(ctx, await requireUser(ctx, ["advisor"])),
});

export const saveAccount = internalMutation({
  args: { userId: v.id("users"), stripeAccountId: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Payouts.saveAccount(ctx, { ...args, now: Date.now() });
    return null;
  },
});

export const transferTarget = internalQuery({
  args: { withdrawalId: v.id("withdrawals") },
  handler: async (ctx, args) => await Payouts.transferTarget(ctx, args.withdrawalId),
});

export const recordTransfer = internalMutation({
  args: {
    withdrawalId: v.id("withdrawals"),
    outcome: v.union(v.object({ ok: v.literal(true), transferId: v.string() }), v.object({ ok: v.literal(false), message: v.string() })),
  },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Payouts.recordTransfer(ctx, { ...args, now: Date.now() });
    return null;
  },
});

/** Pays an approved withdrawal by a Stripe transfer, once per withdrawal (Stripe's idempotency key). */
export const transfer = internalAction({
  args: { withdrawalId: v.id("withdrawals") },
  returns: v.null(),
  handler: async (ctx, { withdrawalId }) => {
    const target = await ctx.runQuery(internal.payouts.transferTarget, { withdrawalId });
    if (target === null) return null;
    const outcome = await Payouts.transfer(target);
    await ctx.runMutation(internal.payouts.recordTransfer, { withdrawalId, outcome });
    return null;
  },
});
