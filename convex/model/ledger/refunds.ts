/**
 * Corrections: a transaction is never edited; it is reversed in full, or a
 * charge is refunded in part or in full, by a new transaction that points at
 * it (`reversesId`).
 */
import type { Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { appError } from "../../errors";
import { drawInOrder, refundShares } from "../../../lib/money";
import type { AccountKind } from "../ledgerSchema";
import {
  PLATFORM_REVENUE,
  advisorAvailable,
  advisorPending,
  clientCash,
  clientPromo,
  findAccount,
  isClientWallet,
  requireKey,
  requirePositiveCents,
} from "./accounts";
import { findTransactionByKey, post, type EntryInput, type PostResult } from "./posting";

/** Corrects a transaction by posting its exact opposite (entries are never edited). */
export async function reverse(
  ctx: MutationCtx,
  args: { transactionId: Id<"ledgerTransactions">; key: string; description: string; createdBy?: Id<"users">; now: number },
): Promise<PostResult> {
  requireKey(args.key);
  const existing = await findTransactionByKey(ctx, args.key);
  if (existing !== null) return { transactionId: existing._id, duplicate: true };
  const original = await ctx.db.get(args.transactionId);
  if (original === null) throw appError("NOT_FOUND", "That transaction does not exist.");
  const already = await ctx.db
    .query("ledgerTransactions")
    .withIndex("by_reversesId", (q) => q.eq("reversesId", original._id))
    .first();
  if (already !== null) throw appError("CONFLICT", "That transaction has already been reversed or refunded.");
  const entries = await ctx.db
    .query("ledgerEntries")
    .withIndex("by_transactionId", (q) => q.eq("transactionId", original._id))
    .collect();
  return await post(ctx, {
    key: args.key,
    type: "adjustment",
    description: args.description,
    currency: original.currency,
    entries: entries.map((e) => ({ account: { kind: e.accountKind, ownerId: e.ownerId }, amount: -e.amount })),
    refs: original.refs,
    reversesId: original._id,
    createdBy: args.createdBy,
    now: args.now,
  });
}

/**
 * Refunds part or all of a charge (a "deduct" transaction such as a session
 * settlement): the client gets `amount` back into the accounts it paid from
 * (promo stays promo), and the advisor's earning and the platform fee are
 * taken back in proportion. By default the advisor's pending earnings are
 * used first and what they lack comes from available earnings; a caller that
 * knows where the earning sits says so with `earningFrom` (a session's earning
 * still pending, or already released). Available earnings may go below zero:
 * the part of the refund beyond what is available is an "adjustment" in the
 * advisor's history, recovered from future earnings, since every release adds
 * to the same account before anything can be withdrawn (decision 010).
 * Several partial refunds never return more than the charge, and together
 * they return exactly the original split.
 */
export async function refundCharge(
  ctx: MutationCtx,
  args: {
    transactionId: Id<"ledgerTransactions">;
    amount: number;
    key: string;
    description: string;
    createdBy?: Id<"users">;
    /** Where the advisor's share comes from; absent: pending first, then available. */
    earningFrom?: "pending" | "available";
    now: number;
  },
): Promise<PostResult> {
  requireKey(args.key);
  const existing = await findTransactionByKey(ctx, args.key);
  if (existing !== null) return { transactionId: existing._id, duplicate: true };
  requirePositiveCents(args.amount, "A refund");
  const original = await ctx.db.get(args.transactionId);
  if (original === null) throw appError("NOT_FOUND", "That transaction does not exist.");
  if (original.type !== "deduct") throw appError("INVALID_ARGUMENT", "Only a charge can be refunded.");
  const earlier = await ctx.db
    .query("ledgerTransactions")
    .withIndex("by_reversesId", (q) => q.eq("reversesId", original._id))
    .collect();
  if (earlier.some((t) => t.type !== "refund")) throw appError("CONFLICT", "That charge has already been reversed.");
  const refundedBefore = earlier.reduce((sum, t) => sum + t.amount, 0);
  const charge = original.amount;
  if (refundedBefore + args.amount > charge) {
    throw appError("INVALID_ARGUMENT", `At most ${charge - refundedBefore} of this charge can still be refunded.`);
  }

  const entries = await ctx.db
    .query("ledgerEntries")
    .withIndex("by_transactionId", (q) => q.eq("transactionId", original._id))
    .collect();
  const paidFrom = (kind: AccountKind) => -entries.filter((e) => e.accountKind === kind).reduce((sum, e) => sum + e.amount, 0);
  const clientId = entries.find((e) => isClientWallet(e.accountKind))?.ownerId;
  const advisorEntry = entries.find((e) => e.accountKind === "advisor_pending" || e.accountKind === "advisor_available");
  const fee = entries.filter((e) => e.accountKind === "platform_revenue").reduce((sum, e) => sum + e.amount, 0);
  if (clientId === undefined) throw appError("INVALID_ARGUMENT", "That charge was not paid from a client wallet.");

  // Proportional shares of the cumulative refund, minus what earlier refunds already returned (lib/money).
  const back = refundShares({ charge, promo: paidFrom("client_promo"), fee }, refundedBefore, args.amount);

  const advisorDebits: EntryInput[] = [];
  if (back.earning > 0) {
    if (advisorEntry?.ownerId === undefined) throw new Error(`Charge ${original._id} has no advisor entry to refund from`);
    const advisorId = advisorEntry.ownerId;
    const pending = (await findAccount(ctx, advisorPending(advisorId), original.currency))?.balance ?? 0;
    const pendingLimit = args.earningFrom === "available" ? 0 : args.earningFrom === "pending" ? back.earning : Math.max(0, pending);
    const [fromPending, fromAvailable] = drawInOrder(back.earning, [pendingLimit, Number.MAX_SAFE_INTEGER]);
    const available = (await findAccount(ctx, advisorAvailable(advisorId), original.currency))?.balance ?? 0;
    const [covered, shortfall] = drawInOrder(fromAvailable, [Math.max(0, available), Number.MAX_SAFE_INTEGER]);
    advisorDebits.push(
      { account: advisorPending(advisorId), amount: -fromPending },
      { account: advisorAvailable(advisorId), amount: -covered },
      { account: advisorAvailable(advisorId), amount: -shortfall, historyType: "adjustment" },
    );
  }
  return await post(ctx, {
    key: args.key,
    type: "refund",
    description: args.description,
    currency: original.currency,
    entries: [
      { account: clientPromo(clientId), amount: back.promo },
      { account: clientCash(clientId), amount: back.cash },
      ...advisorDebits,
      { account: PLATFORM_REVENUE, amount: -back.fee },
    ].filter((e) => e.amount !== 0),
    refs: original.refs,
    reversesId: original._id,
    createdBy: args.createdBy,
    now: args.now,
  });
}


/** What the refunds of a charge have returned so far, and how much of the advisor's share they took from pending earnings. */
export async function refundedOf(
  ctx: QueryCtx,
  chargeId: Id<"ledgerTransactions">,
): Promise<{ amount: number; earningFromPending: number; count: number }> {
  const refunds = await ctx.db
    .query("ledgerTransactions")
    .withIndex("by_reversesId", (q) => q.eq("reversesId", chargeId))
    .take(100);
  let earningFromPending = 0;
  for (const refund of refunds) {
    const entries = await ctx.db
      .query("ledgerEntries")
      .withIndex("by_transactionId", (q) => q.eq("transactionId", refund._id))
      .collect();
    earningFromPending -= entries.filter((e) => e.accountKind === "advisor_pending").reduce((sum, e) => sum + e.amount, 0);
  }
  return { amount: refunds.reduce((sum, t) => sum + t.amount, 0), earningFromPending, count: refunds.length };
}
