/**
 * Disputes and satisfaction credit (SPEC §7, decision 010).
 *
 * - A client opens a dispute on an ended session of theirs within the
 *   settings' window, one open at a time per session, at most
 *   `disputesMaxPerDay` a day. While it is open the session's earning stays
 *   pending (model/earnings.ts `release`).
 * - An admin resolves it: a full or partial refund of what is left of the
 *   charge (Ledger.refundCharge, key `dispute:<id>:refund`: promo back to
 *   promo, cash to cash, earning and fee taken back in proportion), or a
 *   rejection; a note is required and the action is audited. Resolving
 *   releases the earning left if its time has come.
 * - A satisfaction credit is self-serve: promo credit up to the charge,
 *   capped, once per period per client, paid by the platform; the advisor
 *   keeps the earning.
 */
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { formatMoney, isCents } from "../../lib/money";
import { DISPUTE_DESCRIPTION_MAX, descriptionProblem, type DisputeOutcome, type DisputeReason } from "../../lib/disputes/rules";
import { recordAudit, requireReason } from "./audit";
import * as Earnings from "./earnings";
import * as Ledger from "./ledger";
import { catchUpBeforeCredit } from "./sessionsLifecycle";
import type { Session } from "./sessionsSchema";
import { getSettings, type PlatformSettings } from "./settings";
import * as EarningsRollup from "./earningsRollup";
import { notify } from "./notifications";
import * as SessionsNotices from "./sessionsNotices";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export function refundKey(disputeId: Id<"disputes">): string {
  return `dispute:${disputeId}:refund`;
}

export function satisfactionKey(sessionId: Id<"sessions">): string {
  return `session:${sessionId}:satisfaction`;
}

export async function loadDisputeOrThrow(ctx: QueryCtx, disputeId: Id<"disputes">): Promise<Doc<"disputes">> {
  const dispute = await ctx.db.get(disputeId);
  if (dispute === null) throw appError("NOT_FOUND", "That dispute does not exist.");
  return dispute;
}

export async function findOpenDispute(ctx: QueryCtx, sessionId: Id<"sessions">): Promise<Doc<"disputes"> | null> {
  return await ctx.db
    .query("disputes")
    .withIndex("by_sessionId_and_status", (q) => q.eq("sessionId", sessionId).eq("status", "open"))
    .first();
}

/** How much of a session's charge can still be refunded (the charge less earlier refunds). */
export async function refundableLeft(ctx: QueryCtx, session: Session): Promise<number> {
  if (session.settlementTransactionId === undefined || session.chargeCents <= 0) return 0;
  return session.chargeCents - (await Ledger.refundedOf(ctx, session.settlementTransactionId)).amount;
}

/** Why the client cannot open a dispute on the session now, or null. */
export async function disputeRefusal(ctx: QueryCtx, session: Session, settings: PlatformSettings, now: number): Promise<string | null> {
  if (session.status !== "ended" || session.endedAt === undefined) return "Only an ended session can be disputed.";
  if (now > session.endedAt + settings.disputeWindowHours * HOUR) {
    return `A session can be disputed only within ${settings.disputeWindowHours} hours of its end.`;
  }
  if ((await findOpenDispute(ctx, session._id)) !== null) return "This session already has an open dispute.";
  return null;
}

export async function open(
  ctx: MutationCtx,
  args: { session: Session; clientId: Id<"users">; reason: DisputeReason; description: string; now: number },
): Promise<Id<"disputes">> {
  const { session, now } = args;
  if (session.clientId !== args.clientId) throw appError("FORBIDDEN", "Only the session's client can dispute it.");
  const problem = descriptionProblem(args.description);
  if (problem !== null) throw appError("INVALID_ARGUMENT", problem, "description");
  const settings = await getSettings(ctx);
  const refusal = await disputeRefusal(ctx, session, settings, now);
  if (refusal !== null) throw appError("CONFLICT", refusal);
  const lastDay = await ctx.db
    .query("disputes")
    .withIndex("by_clientId_and_openedAt", (q) => q.eq("clientId", args.clientId).gt("openedAt", now - DAY))
    .take(settings.disputesMaxPerDay);
  if (lastDay.length >= settings.disputesMaxPerDay) {
    throw appError("RATE_LIMITED", `You can open at most ${settings.disputesMaxPerDay} disputes a day. Try again later.`);
  }
  await SessionsNotices.disputeOpened(ctx, session, now);
  return await ctx.db.insert("disputes", {
    sessionId: session._id,
    clientId: session.clientId,
    advisorUserId: session.advisorUserId,
    reason: args.reason,
    description: args.description.trim().slice(0, DISPUTE_DESCRIPTION_MAX),
    status: "open",
    currency: session.currency,
    openedAt: now,
  });
}

export type Resolution = { outcome: DisputeOutcome; amount?: number; note: string };

export async function resolve(
  ctx: MutationCtx,
  args: { disputeId: Id<"disputes">; resolution: Resolution; adminId: Id<"users">; now: number },
): Promise<void> {
  const { now } = args;
  const note = requireReason(args.resolution.note);
  const dispute = await loadDisputeOrThrow(ctx, args.disputeId);
  if (dispute.status !== "open") throw appError("CONFLICT", "This dispute is already resolved.");
  const session = await ctx.db.get(dispute.sessionId);
  if (session === null) throw new Error(`Dispute ${dispute._id} has no session`);
  const before = { status: dispute.status };
  let patch: Partial<Doc<"disputes">>;

  if (args.resolution.outcome === "reject") {
    patch = { status: "rejected" };
  } else {
    const left = await refundableLeft(ctx, session);
    if (left <= 0) throw appError("CONFLICT", "Nothing of this session's charge is left to refund.");
    const amount = args.resolution.outcome === "full_refund" ? left : args.resolution.amount;
    if (amount === undefined || !isCents(amount) || amount <= 0 || amount > left) {
      throw appError("INVALID_ARGUMENT", `A partial refund must be a whole amount from 1 to ${left} cents.`, "amount");
    }
    const released = (await Ledger.findTransactionByKey(ctx, Earnings.releaseKey(session._id))) !== null;
    await catchUpBeforeCredit(ctx, session.clientId, now);
    const { transactionId } = await Ledger.refundCharge(ctx, {
      transactionId: session.settlementTransactionId!,
      amount,
      key: refundKey(dispute._id),
      description: `Dispute refund: ${session.kind} session`,
      createdBy: args.adminId,
      earningFrom: released ? "available" : "pending",
      now,
    });
    const entries = await ctx.db
      .query("ledgerEntries")
      .withIndex("by_transactionId", (q) => q.eq("transactionId", transactionId))
      .collect();
    const taken = (kinds: readonly string[]) => -entries.filter((e) => kinds.includes(e.accountKind)).reduce((sum, e) => sum + e.amount, 0);
    const earningReversedCents = taken(["advisor_pending", "advisor_available"]);
    // The advisor's earning figures (total, this month, chart) count the refund on the session's day.
    await EarningsRollup.recordSettlement(ctx, {
      advisorUserId: session.advisorUserId,
      currency: session.currency,
      endedAt: session.endedAt ?? now,
      earnedCents: -earningReversedCents,
      sessions: 0,
      billedSeconds: 0,
    });
    patch = {
      status: "refunded",
      refundCents: amount,
      earningReversedCents,
      feeReversedCents: taken(["platform_revenue"]),
      refundTransactionId: transactionId,
    };
  }
  patch = { ...patch, outcome: args.resolution.outcome, note, resolvedBy: args.adminId, resolvedAt: now };
  await ctx.db.patch(dispute._id, patch);
  const outcome = patch.refundCents === undefined ? "rejected" : `resolved with a refund of ${formatMoney(patch.refundCents, session.currency)}`;
  for (const userId of [session.clientId, session.advisorUserId]) {
    await notify(ctx, { userId, kind: "dispute_resolved", title: `A dispute on a ${session.kind} session was ${outcome}`, body: note, href: `/session/${session._id}/receipt`, now });
  }
  await recordAudit(
    ctx,
    { actorId: args.adminId, action: "dispute.resolve", targetType: "dispute", targetId: dispute._id, before, after: patch, reason: note },
    now,
  );
  // The release job leaves a disputed session pending; resolving releases what is left once it is due.
  if (session.earningReleaseAt !== undefined && now >= session.earningReleaseAt) await Earnings.release(ctx, session, now);
}

/** Why the client cannot take a satisfaction credit on the session now, or null; with the amount it would be. */
export async function creditOffer(
  ctx: QueryCtx,
  session: Session,
  settings: PlatformSettings,
  now: number,
): Promise<{ amount: number; refusal: string | null }> {
  const left = await refundableLeft(ctx, session);
  const amount = Math.min(left, settings.satisfactionCreditMax);
  const refuse = (refusal: string) => ({ amount, refusal });
  if (session.status !== "ended" || session.endedAt === undefined) return refuse("Only an ended session qualifies.");
  if (session.chargeCents <= 0) return refuse("This session was not charged.");
  if (now > session.endedAt + settings.satisfactionCreditWindowHours * HOUR) {
    return refuse(`A satisfaction credit can be taken only within ${settings.satisfactionCreditWindowHours} hours of the session's end.`);
  }
  const onSession = await ctx.db.query("satisfactionCredits").withIndex("by_sessionId", (q) => q.eq("sessionId", session._id)).first();
  if (onSession !== null) return refuse("You already took a satisfaction credit on this session.");
  if ((await findOpenDispute(ctx, session._id)) !== null) return refuse("This session has an open dispute; wait for its outcome.");
  if (left <= 0) return refuse("This session's charge was already refunded.");
  const recent = await ctx.db
    .query("satisfactionCredits")
    .withIndex("by_clientId_and_at", (q) => q.eq("clientId", session.clientId).gt("at", now - settings.satisfactionCreditEveryDays * DAY))
    .first();
  if (recent !== null) {
    return refuse(`A satisfaction credit can be taken once every ${settings.satisfactionCreditEveryDays} days; your last was on another session.`);
  }
  return { amount, refusal: null };
}

export async function takeSatisfactionCredit(
  ctx: MutationCtx,
  args: { session: Session; clientId: Id<"users">; now: number },
): Promise<{ amount: number; transactionId: Id<"ledgerTransactions"> }> {
  const { session, now } = args;
  if (session.clientId !== args.clientId) throw appError("FORBIDDEN", "Only the session's client can take a credit on it.");
  const settings = await getSettings(ctx);
  const offer = await creditOffer(ctx, session, settings, now);
  if (offer.refusal !== null) throw appError("CONFLICT", offer.refusal);
  await catchUpBeforeCredit(ctx, session.clientId, now);
  const { transactionId } = await Ledger.post(ctx, {
    key: satisfactionKey(session._id),
    type: "adjustment",
    description: `Satisfaction credit: ${session.kind} session`,
    currency: session.currency,
    entries: [
      { account: Ledger.PLATFORM_REVENUE, amount: -offer.amount },
      { account: Ledger.clientPromo(session.clientId), amount: offer.amount },
    ],
    refs: { sessionId: session._id },
    createdBy: args.clientId,
    now,
  });
  await ctx.db.insert("satisfactionCredits", {
    sessionId: session._id,
    clientId: session.clientId,
    amount: offer.amount,
    currency: session.currency,
    transactionId,
    at: now,
  });
  return { amount: offer.amount, transactionId };
}
