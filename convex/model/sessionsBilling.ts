/**
 * One session's billing (ADR 002): `syncBilling` brings a session's derived
 * meter, hold, warnings and automatic pauses up to a server time from its
 * totals. The clock calls it every second; every mutation that changes a live
 * session calls it first, so the order of ticks and user actions never
 * changes what is billed.
 */
import { advance, chargeCents, lastAffordableSecond, pauseBilling, timerColour, warningLevel, type BillingState } from "../../lib/billing";
import { feeSplit } from "../../lib/money";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { ensureClockRunning } from "./clock";
import * as Ledger from "./ledger";
import { getSettings, type PlatformSettings } from "./settings";
import type { EndReason, PauseReason } from "./sessionsSchema";
import { recordEvent, systemMessage, type Actor } from "./sessionsTimeline";

export type Session = Doc<"sessions">;

const WARNING_TEXT = {
  two_minutes: "2 minutes of balance left.",
  one_minute: "1 minute of balance left.",
  exhausted: "Balance exhausted.",
} as const;

const PAUSE_TEXT: Record<PauseReason, string> = {
  manual: "Billing paused.",
  inactive: "Billing paused: no messages for a while. Send a message to resume.",
  disconnected: "Billing paused: a participant lost the connection. Reconnecting…",
  zero_balance: "Billing paused: the balance is used up. Top up to continue.",
};

export function billingState(session: Session): BillingState {
  return { billedMs: session.billedMs, resumedAt: session.resumedAt };
}

/** What the session may still cost: the client's available balance plus what its own hold already keeps. */
export async function budgetFor(
  ctx: QueryCtx,
  session: Session,
): Promise<{ budget: number; hold: Doc<"ledgerHolds"> | null; wallet: Ledger.Wallet }> {
  const wallet = await Ledger.loadWallet(ctx, session.clientId, session.currency);
  const hold = session.holdId === undefined ? null : await ctx.db.get(session.holdId);
  const own = hold !== null && hold.status === "active" ? hold.amount : 0;
  return { budget: Math.max(0, wallet.balance.available + own), hold, wallet };
}

/** The meter a session shows before billing starts, from a budget alone. */
export function initialMeter(rateCentsPerMinute: number, budget: number) {
  const remaining = lastAffordableSecond(rateCentsPerMinute, budget);
  return {
    billedMs: 0,
    resumedAt: null,
    billedSeconds: 0,
    chargeCents: 0,
    availableCents: budget,
    remainingSeconds: remaining,
    warningLevel: warningLevel(remaining),
    timerColour: timerColour(remaining),
    firedWarnings: [],
  };
}

/** When a running session must pause for chat inactivity or a silent video side. */
function presenceDeadline(session: Session, settings: PlatformSettings): { at: number; reason: PauseReason } | null {
  if (session.resumedAt === null) return null;
  if (session.kind === "chat") {
    const since = Math.max(session.lastMessageAt ?? 0, session.resumedAt);
    return { at: since + settings.chatInactivitySeconds * 1000, reason: "inactive" };
  }
  const since = Math.max(Math.min(session.clientSeenAt ?? 0, session.advisorSeenAt ?? 0), session.resumedAt);
  return { at: since + settings.videoDisconnectSeconds * 1000, reason: "disconnected" };
}

/**
 * Keeps the session's wallet hold equal to its running charge. `hold` and
 * `wallet` were read in this transaction with no ledger write since, so the
 * ledger need not read them again.
 */
async function holdCharge(
  ctx: MutationCtx,
  session: Session,
  hold: Doc<"ledgerHolds"> | null,
  wallet: Ledger.Wallet,
  charge: number,
  now: number,
) {
  if (charge === 0) return session.holdId;
  if (hold === null) {
    const { holdId } = await Ledger.createHold(ctx, {
      key: `session:${session._id}:hold`,
      ownerId: session.clientId,
      currency: session.currency,
      amount: charge,
      description: `Live ${session.kind} session`,
      refs: { sessionId: session._id },
      now,
    });
    return holdId;
  }
  if (hold.status === "active" && hold.amount !== charge) {
    await Ledger.resizeHold(ctx, { holdId: hold._id, amount: charge, now }, { hold, wallet });
  }
  return hold._id;
}

/** Pauses a running session whose billing state is already stopped at `at`. */
async function applyPause(
  ctx: MutationCtx,
  session: Session,
  billing: BillingState,
  reason: PauseReason,
  at: number,
  actor: Actor,
  settings: PlatformSettings,
): Promise<void> {
  const pauseCount = session.pauseCount + 1;
  const billedSeconds = Math.floor(billing.billedMs / 1000);
  await ctx.db.patch(session._id, {
    status: "paused",
    billedMs: billing.billedMs,
    resumedAt: null,
    pauseReason: reason,
    pausedAt: at,
    pauseCount,
  });
  await recordEvent(ctx, session._id, { kind: "paused", actor, reason, billedSeconds, at });
  await systemMessage(ctx, session._id, PAUSE_TEXT[reason], at);
  const timeoutMs =
    reason === "zero_balance" ? settings.zeroBalanceResumeMinutes * 60_000
    : reason === "disconnected" ? settings.videoReconnectGraceSeconds * 1000
    : null;
  if (timeoutMs !== null) {
    await ctx.scheduler.runAt(at + timeoutMs, internal.sessions.endIfStillPaused, { sessionId: session._id, pauseCount });
  }
}

/**
 * Brings an active session up to server time `now`: derived meter fields,
 * the hold, newly due warnings (once each), and an automatic pause at the
 * exact moment it was due (last affordable second, 90 s without a message,
 * 15 s without a heartbeat), whichever came first. Idempotent. The clock
 * calls this directly: it needs no re-read of the session afterwards.
 */
export async function advanceBilling(
  ctx: MutationCtx,
  session: Session,
  now: number,
  preloadedSettings?: PlatformSettings,
): Promise<void> {
  if (session.status !== "active") return;
  const settings = preloadedSettings ?? (await getSettings(ctx));
  const deadline = presenceDeadline(session, settings);
  const due = deadline !== null && deadline.at <= now ? deadline : null;
  const at = due?.at ?? now;
  const { budget, hold, wallet } = await budgetFor(ctx, session);
  const result = advance({
    billing: billingState(session),
    rateCentsPerMinute: session.rateCentsPerMinute,
    budgetCents: budget,
    firedWarnings: session.firedWarnings,
    now: at,
  });

  const holdId = await holdCharge(ctx, session, hold, wallet, result.chargeCents, now);
  for (const fired of result.newWarnings) {
    await ctx.db.insert("balanceWarnings", { sessionId: session._id, ...fired });
    await systemMessage(ctx, session._id, WARNING_TEXT[fired.warning], fired.at);
  }
  const derived = {
    billedSeconds: result.billedSeconds,
    chargeCents: result.chargeCents,
    availableCents: result.availableCents,
    remainingSeconds: result.remainingSeconds,
    warningLevel: result.warningLevel,
    timerColour: result.timerColour,
    firedWarnings: [...session.firedWarnings, ...result.newWarnings.map((w) => w.warning)],
    holdId,
  };
  // Only the fields that changed: most seconds move the meter, not the colour, level or hold.
  const changes: Partial<typeof derived> = {};
  for (const key of Object.keys(derived) as (keyof typeof derived)[]) {
    if (JSON.stringify(derived[key]) !== JSON.stringify(session[key])) Object.assign(changes, { [key]: derived[key] });
  }
  if (Object.keys(changes).length > 0) await ctx.db.patch(session._id, { ...changes, syncedAt: now });

  const system: Actor = { role: "system" };
  if (result.autoPause !== null) {
    await applyPause(ctx, { ...session, ...derived }, result.billing, "zero_balance", result.autoPause.at, system, settings);
  } else if (due !== null) {
    await applyPause(ctx, { ...session, ...derived }, pauseBilling(billingState(session), due.at), due.reason, due.at, system, settings);
  }
}

/** `advanceBilling`, then the session as it now stands. */
export async function syncBilling(
  ctx: MutationCtx,
  session: Session,
  now: number,
  preloadedSettings?: PlatformSettings,
): Promise<Session> {
  if (session.status !== "active") return session;
  await advanceBilling(ctx, session, now, preloadedSettings);
  return (await ctx.db.get(session._id))!;
}

/** Manual pause at `now` (after catching up, which may already have paused it). */
export async function pause(ctx: MutationCtx, session: Session, actor: Actor, now: number): Promise<void> {
  const synced = await syncBilling(ctx, session, now);
  if (synced.status !== "active") throw appError("CONFLICT", "The session is not running.");
  const settings = await getSettings(ctx);
  await applyPause(ctx, synced, pauseBilling(billingState(synced), now), "manual", now, actor, settings);
}

/** Whether the client can afford at least one more second of the session. */
export async function canResume(ctx: QueryCtx, session: Session): Promise<boolean> {
  const { budget } = await budgetFor(ctx, session);
  return lastAffordableSecond(session.rateCentsPerMinute, budget) > session.billedSeconds;
}

/** Resumes a paused session if the client can still afford at least one more second. */
export async function resume(ctx: MutationCtx, session: Session, actor: Actor, now: number): Promise<Session> {
  if (session.status !== "paused") throw appError("CONFLICT", "The session is not paused.");
  if (!(await canResume(ctx, session))) {
    throw appError("INSUFFICIENT_FUNDS", "Top up the wallet to resume the session.");
  }
  await ctx.db.patch(session._id, { status: "active", resumedAt: now, pauseReason: undefined, pausedAt: undefined });
  await recordEvent(ctx, session._id, { kind: "resumed", actor, reason: session.pauseReason, billedSeconds: session.billedSeconds, at: now });
  await systemMessage(ctx, session._id, "Billing resumed.", now);
  await ensureClockRunning(ctx, now);
  return await syncBilling(ctx, (await ctx.db.get(session._id))!, now);
}

/**
 * Ends a live session: stops billing at `now` (or where an automatic pause
 * stopped it) and settles in one ledger transaction that captures the hold,
 * promo first then cash, to the advisor's pending earnings and platform revenue.
 */
export async function end(ctx: MutationCtx, session: Session, reason: EndReason, actor: Actor, now: number): Promise<void> {
  if (session.status !== "active" && session.status !== "paused") throw appError("CONFLICT", "The session is not live.");
  const synced = await syncBilling(ctx, session, now);
  const billing = pauseBilling(billingState(synced), now);
  const billedSeconds = Math.floor(billing.billedMs / 1000);
  const charge = chargeCents(synced.rateCentsPerMinute, billedSeconds);
  const settings = await getSettings(ctx);
  const split = feeSplit(charge, settings.feeBps);
  const before = await Ledger.walletBalance(ctx, synced.clientId, synced.currency);

  let settlementTransactionId: Id<"ledgerTransactions"> | undefined;
  if (charge > 0) {
    if (synced.holdId === undefined) throw new Error(`Session ${synced._id} billed ${charge} without a hold`);
    const credits = [
      { account: Ledger.advisorPending(synced.advisorUserId), amount: split.earning },
      { account: Ledger.PLATFORM_REVENUE, amount: split.fee },
    ].filter((c) => c.amount > 0);
    const { transactionId } = await Ledger.captureHold(ctx, {
      holdId: synced.holdId,
      amount: charge,
      key: `session:${synced._id}:settle`,
      type: "deduct",
      description: `Live ${synced.kind} session`,
      credits,
      refs: { sessionId: synced._id },
      releaseRest: true,
      now,
    });
    settlementTransactionId = transactionId;
  } else if (synced.holdId !== undefined) {
    await Ledger.releaseHold(ctx, { holdId: synced.holdId, now });
  }
  const after = await Ledger.walletBalance(ctx, synced.clientId, synced.currency);

  await ctx.db.patch(synced._id, {
    status: "ended",
    billedMs: billing.billedMs,
    resumedAt: null,
    billedSeconds,
    chargeCents: charge,
    feeCents: split.fee,
    earningCents: split.earning,
    walletBeforeCents: before.posted,
    walletAfterCents: after.posted,
    availableCents: after.available,
    settlementTransactionId,
    endedAt: now,
    endReason: reason,
    endedBy: actor.id,
    pauseReason: undefined,
    syncedAt: now,
  });
  await recordEvent(ctx, synced._id, { kind: "ended", actor, reason, billedSeconds, at: now });
  await systemMessage(ctx, synced._id, "The session has ended.", now);
}
