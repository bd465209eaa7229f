/**
 * Refunds of unused balance (SPEC §3): clients ask for their unspent cash back
 * and see their own requests; admins approve or reject. Advisors have none.
 */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { internal } from "./_generated/api";
import { adminMutation, adminQuery, clientMutation, clientQuery, internalAction, internalMutation, internalQuery } from "./functions";
import * as BalanceRefunds from "./model/balanceRefunds";
import { vBalanceRefundStatus } from "./model/ledgerSchema";
import { refundPayment } from "./model/payments";

/** The signed-in client's refundable cash and their latest requests. */
export const mine = clientQuery({
  args: {},
  returns: v.object({ refundable: BalanceRefunds.vRefundable, requests: v.array(BalanceRefunds.vOwnRequest) }),
  handler: async (ctx) => ({
    refundable: await BalanceRefunds.refundable(ctx, ctx.user._id),
    requests: await BalanceRefunds.listOwn(ctx, ctx.user._id),
  }),
});

/** Asks for `amount` minor units of the wallet's cash back to the card payments it came from. */
export const request = clientMutation({
  args: { amount: v.number(), note: v.optional(v.string()) },
  returns: v.id("balanceRefunds"),
  handler: async (ctx, args) => await BalanceRefunds.request(ctx, { userId: ctx.user._id, ...args, now: Date.now() }),
});

/** Withdraws the client's own request while no admin has decided it. */
export const cancel = clientMutation({
  args: { id: v.id("balanceRefunds") },
  returns: v.null(),
  handler: async (ctx, args) => {
    await BalanceRefunds.cancel(ctx, { id: args.id, userId: ctx.user._id, now: Date.now() });
    return null;
  },
});

/** Admin queue: open requests oldest first, finished ones newest first; all statuses newest first. */
export const queue = adminQuery({
  args: { paginationOpts: paginationOptsValidator, status: v.optional(vBalanceRefundStatus) },
  returns: paginationResultValidator(BalanceRefunds.vQueueRow),
  handler: async (ctx, args) => await BalanceRefunds.queuePage(ctx, args.status, args.paginationOpts),
});

export const approve = adminMutation({
  args: { id: v.id("balanceRefunds") },
  returns: v.null(),
  handler: async (ctx, args) => {
    await BalanceRefunds.approve(ctx, { id: args.id, adminId: ctx.user._id, now: Date.now() });
    await ctx.scheduler.runAfter(0, internal.balanceRefunds.refundPayments, { id: args.id });
    return null;
  },
});

export const reject = adminMutation({
  args: { id: v.id("balanceRefunds"), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await BalanceRefunds.reject(ctx, { id: args.id, adminId: ctx.user._id, reason: args.reason, now: Date.now() });
    return null;
  },
});

/** Runs an approved request's refunds again (e.g. after an outage); each payment is refunded at most once. */
export const retry = adminMutation({
  args: { id: v.id("balanceRefunds") },
  returns: v.null(),
  handler: async (ctx, args) => {
    await BalanceRefunds.requireRetryable(ctx, args.id);
    await ctx.scheduler.runAfter(0, internal.balanceRefunds.refundPayments, { id: args.id });
    return null;
  },
});

export const pendingParts = internalQuery({
  args: { id: v.id("balanceRefunds") },
  handler: async (ctx, args) => await BalanceRefunds.pendingParts(ctx, args.id),
});

export const recordPartOutcome = internalMutation({
  args: {
    id: v.id("balanceRefunds"),
    checkoutId: v.id("topUpCheckouts"),
    outcome: v.union(v.object({ ok: v.literal(true), providerRefundId: v.string() }), v.object({ ok: v.literal(false), message: v.string() })),
  },
  returns: v.null(),
  handler: async (ctx, args) => {
    await BalanceRefunds.recordPartOutcome(ctx, { ...args, now: Date.now() });
    return null;
  },
});

/** Refunds each pending payment of an approved request (Stripe or the test checkout) and records how it went. */
export const refundPayments = internalAction({
  args: { id: v.id("balanceRefunds") },
  returns: v.null(),
  handler: async (ctx, { id }) => {
    const parts = await ctx.runQuery(internal.balanceRefunds.pendingParts, { id });
    for (const part of parts) {
      const outcome = await refundPayment(part, `balanceRefund:${id}:${part.checkoutId}`);
      await ctx.runMutation(internal.balanceRefunds.recordPartOutcome, { id, checkoutId: part.checkoutId, outcome });
    }
    return null;
  },
});
