/** Withdrawals (SPEC §6): advisors request and see their own; admins approve, reject or mark paid. Clients have none. */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { internal } from "./_generated/api";
import { adminMutation, adminQuery, advisorMutation, advisorQuery } from "./functions";
import { vWithdrawalStatus } from "./model/earningsSchema";
import * as Payouts from "./model/payouts";
import * as Withdrawals from "./model/withdrawals";

/** The signed-in advisor's payout account, masked (holder and last 4), or null. */
export const bankDetails = advisorQuery({
  args: {},
  returns: Withdrawals.vBankDetailsView,
  handler: async (ctx) => await Withdrawals.maskedBankDetails(ctx, ctx.user._id),
});

/** Sets the payout account; only the holder's name and the last 4 are kept, and only they are returned. */
export const saveBankDetails = advisorMutation({
  args: { holderName: v.string(), accountNumber: v.string() },
  returns: Withdrawals.vBankDetailsView,
  handler: async (ctx, args) => await Withdrawals.saveBankDetails(ctx, { userId: ctx.user._id, ...args, now: Date.now() }),
});

/** Asks to withdraw `amount` minor units of the platform currency from available earnings. */
export const request = advisorMutation({
  args: { amount: v.number() },
  returns: v.id("withdrawals"),
  handler: async (ctx, args) => await Withdrawals.request(ctx, { advisorUserId: ctx.user._id, amount: args.amount, now: Date.now() }),
});

/** The signed-in advisor's withdrawals, newest first (bounded). */
export const mine = advisorQuery({
  args: {},
  returns: v.array(Withdrawals.vWithdrawalRow),
  handler: async (ctx) => await Withdrawals.listOwn(ctx, ctx.user._id),
});

/** Admin queue: open requests oldest first, finished ones newest first; all statuses newest first. */
export const queue = adminQuery({
  args: { paginationOpts: paginationOptsValidator, status: v.optional(vWithdrawalStatus) },
  returns: paginationResultValidator(Withdrawals.vQueueRow),
  handler: async (ctx, args) => await Withdrawals.queuePage(ctx, args.status, args.paginationOpts),
});

/** Approves a request; with Stripe Connect set up for the advisor, the transfer is sent and marks it paid. */
export const approve = adminMutation({
  args: { id: v.id("withdrawals") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const found = await ctx.db.get(args.id);
    const viaStripe = found !== null && (await Payouts.connectedAccount(ctx, found.advisorUserId)) !== null;
    await Withdrawals.approve(ctx, { id: args.id, adminId: ctx.user._id, viaStripe, now: Date.now() });
    if (viaStripe) await ctx.scheduler.runAfter(0, internal.payouts.transfer, { withdrawalId: args.id });
    return null;
  },
});

export const reject = adminMutation({
  args: { id: v.id("withdrawals"), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Withdrawals.reject(ctx, { id: args.id, adminId: ctx.user._id, reason: args.reason, now: Date.now() });
    return null;
  },
});

export const markPaid = adminMutation({
  args: { id: v.id("withdrawals") },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Withdrawals.markPaid(ctx, { id: args.id, adminId: ctx.user._id, now: Date.now() });
    return null;
  },
});
