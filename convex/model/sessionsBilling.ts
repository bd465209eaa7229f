/**
 * One session's billing (ADR 002): `catchUp` brings a session's derived
 * meter, hold, warnings, automatic pauses and time limits up to a server time
 * from its totals. The clock calls it every second; every mutation that
 * changes a live session calls it first, so the order of ticks and user
 * actions never changes what is billed. Who may resume which pause, and the
 * limits, are lib/sessions/lifecycle.ts.
 */
import { advance, chargeCents, lastAffordableSecond, pauseBilling, timerColour, warningLevel, type BillingState } from "../../lib/billing";
import { feeSplit } from "../../lib/money";
import {
  bothPresent,
  endLimit,
  lastSeenOfMissingSide,
  mayPause,
  resumeRefusal,
  type LimitTimings,
  type ResumeRefusal,
  type ResumeTrigger,
} from "../../lib/sessions/lifecycle";
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

export function limitTimings(settings: PlatformSettings): LimitTimings {
  return {
    disconnectMs: settings.videoDisconnectSeconds * 1000,
    graceMs: settings.videoReconnectGraceSeconds * 1000,
    zeroBalanceMs: settings.zeroBalanceResumeMinutes * 60_000,
  };
}

/**
 * When a running session must pause for chat inactivity or a missing video
 * side (`dueAt`), and the moment billing stops (`pauseAt`): a chat bills
 * until the inactivity window closes; video bills only connected time, so it
 * stops at the missing side's last heartbeat.
 */
function presenceDeadline(session: Session, settings: PlatformSettings): { dueAt: number; pauseAt: number; reason: PauseReason } | null {
  if (session.resumedAt === null) return null;
  if (session.kind === "chat") {
    const at = Math.max(session.lastMessageAt ?? 0, session.resumedAt) + settings.chatInactivitySeconds * 1000;
    return { dueAt: at, pauseAt: at, reason: "inactive" };
  }
  const since = lastSeenOfMissingSide(session, session.resumedAt);
  return { dueAt: since + settings.videoDisconnectSeconds * 1000, pauseAt: since, reason: "disconnected" };
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


/** Runs `enforceLimits` at a limit's moment, so a session ends on time even when nobody acts on it. */
export async function scheduleLimitCheck(ctx: MutationCtx, sessionId: Id<"sessions">, at: number): Promise<void> {
  await ctx.scheduler.runAt(at, internal.sessions.enforceLimits, { sessionId });
}

/** Pauses a running session whose billing state is already stopped at `at`; returns it as it now stands. */
async function applyPause(
  ctx: MutationCtx,
  session: Session,
  billing: BillingState,
  reason: PauseReason,
  at: number,
  actor: Actor,
  settings: PlatformSettings,
): Promise<Session> {
  const billedSeconds = Math.floor(billing.billedMs / 1000);
  const disconnectedAt = reason === "disconnected" ? (session.disconnectedAt ?? at) : session.disconnectedAt;
  const changes = { status: "paused" as const, billedMs: billing.billedMs, resumedAt: null, pauseReason: reason, pausedAt: at, disconnectedAt };
  await ctx.db.patch(session._id, changes);
  await recordEvent(ctx, session._id, { kind: "paused", actor, reason, billedSeconds, at });
  await systemMessage(ctx, session._id, PAUSE_TEXT[reason], at);
  const paused = { ...session, ...changes };
  const limit = endLimit(paused, limitTimings(settings));
  if (limit !== null) await scheduleLimitCheck(ctx, session._id, limit.at);
  return paused;
}

/**
 * Brings an active session up to server time `now`: derived meter fields,
 * the hold, newly due warnings (once each), and an automatic pause at the
 * exact moment it was due (last affordable second, 90 s without a message,
 * a video side's last heartbeat), whichever came first. Idempotent. Returns
 * the session as it now stands, without reading it again.
 */
async function advanceBilling(ctx: MutationCtx, session: Session, now: number, settings: PlatformSettings): Promise<Session> {
  const deadline = presenceDeadline(session, settings);
  const due = deadline !== null && deadline.dueAt <= now ? deadline : null;
  const at = due?.pauseAt ?? now;
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
  const advanced: Session = { ...session, ...derived, syncedAt: Object.keys(changes).length > 0 ? now : session.syncedAt };

  const system: Actor = { role: "system" };
  if (result.autoPause !== null) {
    return await applyPause(ctx, advanced, result.billing, "zero_balance", result.autoPause.at, system, settings);
  }
  if (due !== null) {
    return await applyPause(ctx, advanced, pauseBilling(billingState(session), due.pauseAt), due.reason, due.pauseAt, system, settings);
  }
  return advanced;
}

/** A paused video session notices a side that went missing during the pause: the grace runs from its last heartbeat. */
async function noteDisconnection(ctx: MutationCtx, session: Session, now: number, settings: PlatformSettings): Promise<Session> {
  if (session.kind !== "video" || session.status !== "paused" || session.disconnectedAt !== undefined) return session;
  const timings = limitTimings(settings);
  if (bothPresent(session, now, timings)) return session;
  const disconnectedAt = lastSeenOfMissingSide(session, session.acceptedAt ?? session.requestedAt);
  await ctx.db.patch(session._id, { disconnectedAt });
  await scheduleLimitCheck(ctx, session._id, disconnectedAt + timings.graceMs);
  return { ...session, disconnectedAt };
}

/**
 * Brings a live session up to server time `now` and applies the rules that
 * hold whenever anything runs: billing and automatic pauses, then the end of
 * a session past its limit (SPEC §4: 5 minutes at zero balance, the grace
 * after a disconnection), dated at the limit. The clock calls this every
 * second; every mutation that touches a live session calls it first, so the
 * order and timeliness of ticks, jobs and user actions never changes the
 * outcome. Returns the session as it now stands.
 */
export async function catchUp(ctx: MutationCtx, session: Session, now: number, preloadedSettings?: PlatformSettings): Promise<Session> {
  if (session.status !== "active" && session.status !== "paused") return session;
  const settings = preloadedSettings ?? (await getSettings(ctx));
  let current = session.status === "active" ? await advanceBilling(ctx, session, now, settings) : session;
  current = await noteDisconnection(ctx, current, now, settings);
  const limit = endLimit(current, limitTimings(settings));
  if (limit !== null && limit.at <= now) return await settle(ctx, current, limit.reason, { role: "system" }, { endedAt: limit.at, now }, settings);
  return current;
}

/** Manual pause at `now` (after catching up, which may already have paused it). */
export async function pause(ctx: MutationCtx, session: Session, actor: Actor, now: number): Promise<void> {
  const settings = await getSettings(ctx);
  const current = await catchUp(ctx, session, now, settings);
  if (!mayPause(current)) throw appError("CONFLICT", "Billing is not running, so there is nothing to pause.");
  await applyPause(ctx, current, pauseBilling(billingState(current), now), "manual", now, actor, settings);
}

/** Whether the client can afford at least one more second of the session. */
export async function affordsNextSecond(ctx: QueryCtx, session: Session): Promise<boolean> {
  const { budget } = await budgetFor(ctx, session);
  return lastAffordableSecond(session.rateCentsPerMinute, budget) > session.billedSeconds;
}

/** Why `trigger` may not resume the session now (lib/sessions/lifecycle), or null. */
export async function resumeRefusalFor(
  ctx: QueryCtx,
  session: Session,
  trigger: ResumeTrigger,
  now: number,
  settings: PlatformSettings,
): Promise<ResumeRefusal | null> {
  const affordable = session.status === "paused" && (await affordsNextSecond(ctx, session));
  return resumeRefusal({ ...session, trigger, affordable, now, timings: limitTimings(settings) });
}

/** Restarts billing at `now` on a caught-up session; the caller has checked the rule. */
async function restartBilling(ctx: MutationCtx, session: Session, actor: Actor, now: number, settings: PlatformSettings): Promise<Session> {
  const changes = { status: "active" as const, resumedAt: now, pauseReason: undefined, pausedAt: undefined, disconnectedAt: undefined };
  await ctx.db.patch(session._id, changes);
  await recordEvent(ctx, session._id, { kind: "resumed", actor, reason: session.pauseReason, billedSeconds: session.billedSeconds, at: now });
  await systemMessage(ctx, session._id, "Billing resumed.", now);
  await ensureClockRunning(ctx, now);
  return await advanceBilling(ctx, { ...session, ...changes }, now, settings);
}

/**
 * Resumes a paused session if `trigger` may (RESUME_RULES) and the client can
 * pay the next second; otherwise refuses in words. A session found past its
 * limit is ended instead (and stays ended: no error rolls that back).
 */
export async function resume(ctx: MutationCtx, session: Session, trigger: ResumeTrigger, actor: Actor, now: number): Promise<Session> {
  const settings = await getSettings(ctx);
  const current = await catchUp(ctx, session, now, settings);
  if (current.status === "ended" && session.status !== "ended") return current;
  const refusal = await resumeRefusalFor(ctx, current, trigger, now, settings);
  if (refusal !== null) throw appError(refusal.code, refusal.message);
  return await restartBilling(ctx, current, actor, now, settings);
}

/** `resume` when the rule allows it, else nothing: for automatic triggers (a message, both video sides back). */
export async function resumeIfAllowed(ctx: MutationCtx, session: Session, trigger: ResumeTrigger, actor: Actor, now: number): Promise<Session> {
  const settings = await getSettings(ctx);
  if (session.status !== "paused" || (await resumeRefusalFor(ctx, session, trigger, now, settings)) !== null) return session;
  return await restartBilling(ctx, session, actor, now, settings);
}

/** A video session's billing starts once both sides are connected (SPEC §4: only connected time is billed). */
export async function startBilling(ctx: MutationCtx, session: Session, now: number): Promise<Session> {
  if (session.status !== "active" || session.resumedAt !== null || session.billedMs > 0) return session;
  const changes = { resumedAt: now, disconnectedAt: undefined, syncedAt: now };
  await ctx.db.patch(session._id, changes);
  await recordEvent(ctx, session._id, { kind: "billing_started", actor: { role: "system" }, billedSeconds: 0, at: now });
  await systemMessage(ctx, session._id, "You are both connected: billing has started.", now);
  return { ...session, ...changes };
}

/**
 * Ends a live session at `now`: catches it up (a limit may already have
 * ended it, which is what the caller wanted) and settles.
 */
export async function end(ctx: MutationCtx, session: Session, reason: EndReason, actor: Actor, now: number): Promise<void> {
  if (session.status !== "active" && session.status !== "paused") throw appError("CONFLICT", "The session is not live.");
  const settings = await getSettings(ctx);
  const current = await catchUp(ctx, session, now, settings);
  if (current.status === "ended") return;
  await settle(ctx, current, reason, actor, { endedAt: now, now }, settings);
}

/**
 * Stops billing at `endedAt` and settles a caught-up session in one ledger
 * transaction that captures the hold, promo first then cash, to the
 * advisor's pending earnings and platform revenue. `now` dates the ledger
 * entries; `endedAt` may be earlier (a limit that passed while nothing ran).
 */
async function settle(
  ctx: MutationCtx,
  session: Session,
  reason: EndReason,
  actor: Actor,
  times: { endedAt: number; now: number },
  settings: PlatformSettings,
): Promise<Session> {
  const { endedAt, now } = times;
  const billing = pauseBilling(billingState(session), endedAt);
  const billedSeconds = Math.floor(billing.billedMs / 1000);
  const charge = chargeCents(session.rateCentsPerMinute, billedSeconds);
  const split = feeSplit(charge, settings.feeBps);
  const before = await Ledger.walletBalance(ctx, session.clientId, session.currency);

  let settlementTransactionId: Id<"ledgerTransactions"> | undefined;
  if (charge > 0) {
    if (session.holdId === undefined) throw new Error(`Session ${session._id} billed ${charge} without a hold`);
    const credits = [
      { account: Ledger.advisorPending(session.advisorUserId), amount: split.earning },
      { account: Ledger.PLATFORM_REVENUE, amount: split.fee },
    ].filter((c) => c.amount > 0);
    const { transactionId } = await Ledger.captureHold(ctx, {
      holdId: session.holdId,
      amount: charge,
      key: `session:${session._id}:settle`,
      type: "deduct",
      description: `Live ${session.kind} session`,
      credits,
      refs: { sessionId: session._id },
      releaseRest: true,
      now,
    });
    settlementTransactionId = transactionId;
  } else if (session.holdId !== undefined) {
    await Ledger.releaseHold(ctx, { holdId: session.holdId, now });
  }
  const after = await Ledger.walletBalance(ctx, session.clientId, session.currency);

  const changes = {
    status: "ended" as const,
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
    endedAt,
    endReason: reason,
    endedBy: actor.id,
    pauseReason: undefined,
    disconnectedAt: undefined,
    syncedAt: now,
  };
  await ctx.db.patch(session._id, changes);
  await recordEvent(ctx, session._id, { kind: "ended", actor, reason, billedSeconds, at: endedAt });
  await systemMessage(ctx, session._id, "The session has ended.", endedAt);
  return { ...session, ...changes };
}
