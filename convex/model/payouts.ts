/**
 * Payouts through Stripe Connect Express (SPEC §6), used when Stripe is
 * configured: each advisor onboards to an Express account, and an approved
 * withdrawal is paid by a transfer to it, idempotent by withdrawal id. Without
 * Stripe, an admin pays to the masked bank account and marks it paid
 * (model/withdrawals.ts).
 */
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { config } from "../../lib/config";
import { appError } from "../errors";
import { stripeClient, stripeConfigured } from "./payments";
import { findBankDetails, markPaid } from "./withdrawals";

export function transferKey(withdrawalId: Id<"withdrawals">): string {
  return `withdrawal:${withdrawalId}:transfer`;
}

/** The advisor's Connect account, when Stripe is configured and they set one up. */
export async function connectedAccount(ctx: QueryCtx, advisorUserId: Id<"users">): Promise<string | null> {
  if (!stripeConfigured()) return null;
  return (await findBankDetails(ctx, advisorUserId))?.stripeAccountId ?? null;
}

export async function setupView(ctx: QueryCtx, advisorUserId: Id<"users">) {
  const bank = await findBankDetails(ctx, advisorUserId);
  return { stripe: stripeConfigured(), connected: stripeConfigured() && bank?.stripeAccountId !== undefined };
}

/** What onboarding needs; refuses when Stripe is not configured or no bank details are on file. */
export async function onboardingTarget(ctx: QueryCtx, user: { _id: Id<"users">; email: string }) {
  if (!stripeConfigured()) throw appError("CONFLICT", "Payouts through Stripe are not set up here; an admin pays withdrawals to your bank account.");
  const bank = await findBankDetails(ctx, user._id);
  if (bank === null) throw appError("CONFLICT", "Add your bank details before setting up Stripe payouts.");
  return { userId: user._id, email: user.email, stripeAccountId: bank.stripeAccountId };
}

export async function saveAccount(ctx: MutationCtx, args: { userId: Id<"users">; stripeAccountId: string; now: number }) {
  const bank = await findBankDetails(ctx, args.userId);
  if (bank === null) throw appError("CONFLICT", "Add your bank details before setting up Stripe payouts.");
  if (bank.stripeAccountId === undefined) await ctx.db.patch(bank._id, { stripeAccountId: args.stripeAccountId, updatedAt: args.now });
}

/** Creates the advisor's Express account once (idempotent by user) and returns the onboarding link. */
export async function onboardingLink(target: { userId: Id<"users">; email: string; stripeAccountId?: string }) {
  const stripe = stripeClient();
  const accountId =
    target.stripeAccountId ??
    (
      await stripe.accounts.create(
        { type: "express", email: target.email, capabilities: { transfers: { requested: true } }, metadata: { userId: target.userId } },
        { idempotencyKey: `connect-account:${target.userId}` },
      )
    ).id;
  const link = await stripe.accountLinks.create({
    account: accountId,
    type: "account_onboarding",
    refresh_url: `${config.appUrl}/advisor/earnings?stripe=refresh`,
    return_url: `${config.appUrl}/advisor/earnings?stripe=return`,
  });
  return { accountId, url: link.url };
}

/** An approved Stripe withdrawal still to transfer, or null when there is nothing to do. */
export async function transferTarget(ctx: QueryCtx, withdrawalId: Id<"withdrawals">) {
  const w = await ctx.db.get(withdrawalId);
  if (w === null || w.status !== "approved" || !w.viaStripe || w.transferFailure !== undefined) return null;
  const destination = await connectedAccount(ctx, w.advisorUserId);
  return destination === null ? null : { withdrawalId: w._id, amount: w.amount, currency: w.currency, destination };
}

/** Sends the transfer; never throws, a refusal comes back as its message. */
export async function transfer(target: { withdrawalId: Id<"withdrawals">; amount: number; currency: string; destination: string }) {
  try {
    const result = await stripeClient().transfers.create(
      { amount: target.amount, currency: target.currency.toLowerCase(), destination: target.destination, metadata: { withdrawalId: target.withdrawalId } },
      { idempotencyKey: transferKey(target.withdrawalId) },
    );
    return { ok: true as const, transferId: result.id };
  } catch (error) {
    return { ok: false as const, message: error instanceof Error ? error.message : "Stripe refused the transfer." };
  }
}

/** Records the transfer's outcome once: paid with its transfer id, or the failure for an admin to act on. */
export async function recordTransfer(
  ctx: MutationCtx,
  args: { withdrawalId: Id<"withdrawals">; outcome: { ok: true; transferId: string } | { ok: false; message: string }; now: number },
) {
  const w = await ctx.db.get(args.withdrawalId);
  if (w === null || w.status !== "approved") return;
  if (args.outcome.ok) {
    await markPaid(ctx, { id: w._id, adminId: w.decidedBy!, now: args.now, stripeTransferId: args.outcome.transferId });
  } else {
    await ctx.db.patch(w._id, { transferFailure: args.outcome.message.slice(0, 500), updatedAt: args.now });
  }
}
