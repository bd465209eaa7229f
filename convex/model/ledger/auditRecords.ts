/**
 * The audit's checks of the ledger against the business records that move
 * money (issue 13): balanced books can still hold a key posted twice, a
 * checkout credited twice under two event ids, or a session charged for time
 * its own timeline does not show. Each check reads one record and a bounded
 * number of documents, so auditRun.ts can apply it page by page.
 *
 * - transactionRecordProblems: a transaction's idempotency key is unique, and
 *   a top-up credit (refs.checkoutId, not a correction) is the one its
 *   checkout records;
 * - checkoutProblems: a paid checkout has exactly that credit, for its amount
 *   and currency, and an unpaid one none;
 * - bookingSettlementProblems (from transactionRecordProblems): a booking's
 *   settlement (`booking:<id>:settle`) is the one its booking records, moved
 *   what the booking says it charged, never more than its price, split into
 *   fee + earning;
 * - sessionProblems: an ended session's billed seconds, recomputed from its
 *   sessionEvents, are the stored ones; its charge is floor(rate × seconds / 60);
 *   fee + earning = charge; its settlement transaction moved the charge.
 */
import type { Doc } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import type { AuditProblem } from "./audit";

/** Transactions read per key: enough to count a duplicate without reading an unbounded list. */
const MAX_SAME_KEY = 100;

/**
 * A key posted more than once (reported once, at the key's first transaction),
 * and a top-up credit that is not the one its checkout records (a second
 * credit of the same checkout, or a credit of a missing or unpaid one).
 * Corrections (`reversesId`) copy the refs of what they correct, so they are
 * not credits.
 */
export async function transactionRecordProblems(ctx: QueryCtx, transaction: Doc<"ledgerTransactions">): Promise<AuditProblem[]> {
  const problems: AuditProblem[] = [];
  const sameKey = await ctx.db
    .query("ledgerTransactions")
    .withIndex("by_key", (q) => q.eq("key", transaction.key))
    .take(MAX_SAME_KEY);
  if (sameKey.length > 1 && sameKey[0]._id === transaction._id) {
    problems.push({
      problem: "duplicate_key",
      currency: transaction.currency,
      transactionId: transaction._id,
      key: transaction.key,
      expected: 1,
      actual: sameKey.length,
      unit: "count",
    });
  }
  problems.push(...(await bookingSettlementProblems(ctx, transaction)));
  const checkoutRef = transaction.refs?.checkoutId;
  if (checkoutRef !== undefined && transaction.reversesId === undefined) {
    const checkoutId = ctx.db.normalizeId("topUpCheckouts", checkoutRef);
    const checkout = checkoutId === null ? null : await ctx.db.get(checkoutId);
    if (checkout === null || checkout.status !== "paid" || checkout.transactionId !== transaction._id) {
      problems.push({
        problem: "checkout_extra_credit",
        currency: transaction.currency,
        transactionId: transaction._id,
        checkoutId: checkoutId ?? undefined,
        expected: 0,
        actual: transaction.amount,
      });
    }
  }
  return problems;
}

async function bookingSettlementProblems(ctx: QueryCtx, transaction: Doc<"ledgerTransactions">): Promise<AuditProblem[]> {
  const match = /^booking:(.+):settle$/.exec(transaction.key);
  if (match === null || transaction.reversesId !== undefined) return [];
  const bookingId = ctx.db.normalizeId("bookings", match[1]);
  const booking = bookingId === null ? null : await ctx.db.get(bookingId);
  const charged = booking?.chargedCents ?? 0;
  const split = (booking?.feeCents ?? 0) + (booking?.earningCents ?? 0);
  const consistent =
    booking !== null && booking.settlementTransactionId === transaction._id && transaction.amount === charged && charged <= booking.priceCents && split === charged;
  if (consistent) return [];
  return [{ problem: "booking_settlement_mismatch", currency: transaction.currency, transactionId: transaction._id, bookingId: bookingId ?? undefined, expected: charged, actual: transaction.amount }];
}

/** A paid checkout's credit exists, names it, and is its amount in its currency; an unpaid checkout has none. */
export async function checkoutProblems(ctx: QueryCtx, checkout: Doc<"topUpCheckouts">): Promise<AuditProblem[]> {
  const credit = checkout.transactionId === undefined ? null : await ctx.db.get(checkout.transactionId);
  const base = { problem: "checkout_credit_mismatch" as const, currency: checkout.currency, checkoutId: checkout._id, transactionId: credit?._id };
  if (checkout.status !== "paid") {
    return credit === null ? [] : [{ ...base, expected: 0, actual: credit.amount }];
  }
  const matches =
    credit !== null &&
    credit.type === "add" &&
    credit.reversesId === undefined &&
    credit.refs?.checkoutId === checkout._id &&
    credit.amount === checkout.amount &&
    credit.currency === checkout.currency;
  return matches ? [] : [{ ...base, expected: checkout.amount, actual: credit?.amount ?? 0 }];
}

/** Where a session's billing stands part way through its timeline: billed time so far, and since when it runs (null: stopped). */
export type TimelineState = { billedMs: number; runningSince: number | null };
export const TIMELINE_START: TimelineState = { billedMs: 0, runningSince: null };

/**
 * Folds events (in timeline order) into billed time: a chat bills from its
 * acceptance, a video from `billing_started`; both from every resume, until
 * the next pause or the end. A stop dated before its start adds nothing, as
 * billing never goes backwards.
 */
export function foldTimeline(
  state: TimelineState,
  kind: Doc<"sessions">["kind"],
  events: Pick<Doc<"sessionEvents">, "kind" | "at">[],
): TimelineState {
  let { billedMs, runningSince } = state;
  for (const event of events) {
    const starts = event.kind === "resumed" || event.kind === "billing_started" || (event.kind === "accepted" && kind === "chat");
    const stops = event.kind === "paused" || event.kind === "ended";
    if (starts && runningSince === null) runningSince = event.at;
    if (stops && runningSince !== null) {
      billedMs += Math.max(0, event.at - runningSince);
      runningSince = null;
    }
  }
  return { billedMs, runningSince };
}

/**
 * An ended session checked against its own timeline (the events folded into
 * `timeline`): stored billed seconds, the charge from the formula, the split
 * and the settlement that moved the charge.
 */
export async function sessionProblems(ctx: QueryCtx, session: Doc<"sessions">, timeline: TimelineState): Promise<AuditProblem[]> {
  const problems: AuditProblem[] = [];
  const base = { currency: session.currency, sessionId: session._id };
  const billedSeconds = Math.floor(timeline.billedMs / 1000);
  // Billing still running after the last event means the timeline lacks its end: that is a mismatch too.
  if (timeline.runningSince !== null || billedSeconds !== session.billedSeconds) {
    problems.push({ ...base, problem: "session_billed_seconds_mismatch", expected: billedSeconds, actual: session.billedSeconds, unit: "seconds" });
  }
  const charge = Math.floor((session.rateCentsPerMinute * billedSeconds) / 60);
  if (charge !== session.chargeCents) {
    problems.push({ ...base, problem: "session_charge_mismatch", expected: charge, actual: session.chargeCents });
  }
  const split = (session.feeCents ?? 0) + (session.earningCents ?? 0);
  if (split !== session.chargeCents) {
    problems.push({ ...base, problem: "session_split_mismatch", expected: session.chargeCents, actual: split });
  }
  const settlement = session.settlementTransactionId === undefined ? null : await ctx.db.get(session.settlementTransactionId);
  const settled = settlement === null ? 0 : settlement.amount;
  if (settled !== session.chargeCents || (settlement !== null && settlement.refs?.sessionId !== session._id)) {
    problems.push({ ...base, problem: "session_settlement_mismatch", transactionId: settlement?._id, expected: session.chargeCents, actual: settled });
  }
  return problems;
}
