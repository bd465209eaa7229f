/**
 * The live session lifecycle (SPEC §4): requested → active | declined |
 * expired | cancelled; active ⇄ paused; active/paused → ended. Every
 * transition is a sessionEvents row. Its rules (which transitions, who may
 * resume which pause, the time limits) are lib/sessions/lifecycle.ts; billing
 * arithmetic is sessionsBilling.ts. `catchUp` brings a live session up to a
 * server time and applies the limits; the clock calls it every second and
 * every mutation that touches a live session calls it first, so the order
 * and timeliness of ticks, jobs and user actions never changes the outcome.
 */
import { canAffordStart, chargeCents, pauseBilling, type BillingState } from "../../lib/billing";
import { feeSplit } from "../../lib/money";
import {
  bothPresent,
  endLimit,
  lastSeenOfMissingSide,
  mayPause,
  resumeRefusal,
  transitionRefusal,
  type LimitTimings,
  type ResumeRefusal,
  type ResumeTrigger,
  type SessionAction,
} from "../../lib/sessions/lifecycle";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import type { SignedInUser } from "../functions";
import { ensureClockRunning } from "./clockChain";
import * as Earnings from "./earnings";
import * as EarningsRollup from "./earningsRollup";
import * as Ledger from "./ledger";
import * as PlatformRollup from "./platformRollup";
import { busySessionOfAdvisor, liveSessionOfClient } from "./sessions";
import { advanceBilling, affordsNextSecond, billingState, initialMeter } from "./sessionsBilling";
import type { EndReason, PauseReason, Session, SessionKind } from "./sessionsSchema";
import { getSettings, sessionRules, sessionRulesSnapshot, type PlatformSettings, type SessionRules } from "./settings";
import { recordEvent, systemMessage, type Actor } from "./sessionsTimeline";
import { notify } from "./notifications";
import * as SessionsNotices from "./sessionsNotices";
import { onBookedSessionEnded } from "./bookingsOutcome";

const PAUSE_TEXT: Record<PauseReason, string> = {
  manual: "Billing paused.",
  inactive: "Billing paused: no messages for a while. Send a message to resume.",
  disconnected: "Billing paused: a participant lost the connection. Reconnecting…",
  zero_balance: "Billing paused: the balance is used up. Top up to continue.",
};

/** The end and resume timings of a session: its snapshot (SPEC §8: a settings change applies to new sessions only). */
export function limitTimings(session: Partial<SessionRules>, current: PlatformSettings): LimitTimings {
  const settings = sessionRules(session, current).timings;
  return {
    disconnectMs: settings.videoDisconnectSeconds * 1000,
    graceMs: settings.videoReconnectGraceSeconds * 1000,
    zeroBalanceMs: settings.zeroBalanceResumeMinutes * 60_000,
  };
}

/** Runs `enforceLimits` at a limit's moment, so a session ends on time even when nobody acts on it. */
export async function scheduleLimitCheck(ctx: MutationCtx, sessionId: Id<"sessions">, at: number): Promise<void> {
  await ctx.scheduler.runAt(at, internal.sessions.enforceLimits, { sessionId });
}

async function requireAffordableStart(ctx: QueryCtx, clientId: Id<"users">, rate: number, currency: string): Promise<number> {
  const settings = await getSettings(ctx);
  const wallet = await Ledger.walletBalance(ctx, clientId, currency);
  if (!canAffordStart(rate, wallet.available, settings.sessionMinBalanceMinutes)) {
    throw appError("INSUFFICIENT_FUNDS", `A session needs a balance for at least ${settings.sessionMinBalanceMinutes} minutes at this rate.`);
  }
  return wallet.available;
}

async function requireRequestAllowance(ctx: QueryCtx, clientId: Id<"users">, now: number): Promise<void> {
  const settings = await getSettings(ctx);
  const recent = await ctx.db
    .query("sessions")
    .withIndex("by_clientId_and_requestedAt", (q) => q.eq("clientId", clientId).gt("requestedAt", now - 60 * 60 * 1000))
    .take(settings.sessionRequestsMaxPerHour);
  if (recent.length >= settings.sessionRequestsMaxPerHour) {
    throw appError("RATE_LIMITED", "Too many session requests in the last hour. Try again later.");
  }
}

export async function request(
  ctx: MutationCtx,
  args: { client: SignedInUser; advisorId: Id<"advisors">; kind: SessionKind; now: number },
): Promise<Id<"sessions">> {
  const { client, now } = args;
  await requireRequestAllowance(ctx, client._id, now);
  const advisor = await ctx.db.get(args.advisorId);
  const advisorUser = advisor === null ? null : await ctx.db.get(advisor.userId);
  if (advisor === null || advisor.status !== "approved" || advisorUser?.role !== "advisor") {
    throw appError("NOT_FOUND", "That advisor is not available.");
  }
  if (!advisor.isOnline) throw appError("CONFLICT", "The advisor is offline.");
  if ((await busySessionOfAdvisor(ctx, advisor.userId)) !== null) throw appError("CONFLICT", "The advisor is in another session.");
  if ((await liveSessionOfClient(ctx, client._id)) !== null) throw appError("CONFLICT", "You already have a live session.");
  const rate = args.kind === "chat" ? advisor.chatPricePerMinute : advisor.videoPricePerMinute;
  const available = await requireAffordableStart(ctx, client._id, rate, advisor.currency);
  const settings = await getSettings(ctx);
  const expiresAt = now + settings.sessionRequestTimeoutSeconds * 1000;
  const rules = sessionRulesSnapshot(settings);

  const sessionId = await ctx.db.insert("sessions", {
    clientId: client._id,
    advisorId: advisor._id,
    advisorUserId: advisor.userId,
    kind: args.kind,
    status: "requested",
    rateCentsPerMinute: rate,
    currency: advisor.currency,
    ...rules,
    requestedAt: now,
    expiresAt,
    ...initialMeter(rate, available, rules.warningSeconds),
    syncedAt: now,
  });
  await recordEvent(ctx, sessionId, { kind: "requested", actor: { role: "client", id: client._id }, billedSeconds: 0, at: now });
  await notify(ctx, {
    userId: advisor.userId,
    kind: "session_requested",
    title: `${client.name} asks for a ${args.kind} session`,
    body: `Accept within ${settings.sessionRequestTimeoutSeconds} seconds from your dashboard.`,
    href: "/advisor",
    now,
  });
  await ctx.scheduler.runAt(expiresAt, internal.sessions.expireRequest, { sessionId });
  return sessionId;
}

function requireTransition(session: Session, action: SessionAction): void {
  const refusal = transitionRefusal(session.status, action);
  if (refusal !== null) throw appError("CONFLICT", refusal);
}

export async function accept(ctx: MutationCtx, session: Session, actor: Actor, now: number): Promise<void> {
  requireTransition(session, "accept");
  if (now >= session.expiresAt) throw appError("CONFLICT", "The request has expired.");
  const advisor = await ctx.db.get(session.advisorId);
  if (advisor === null || advisor.status !== "approved") throw appError("FORBIDDEN", "Your advisor profile is not approved.");
  if ((await busySessionOfAdvisor(ctx, session.advisorUserId)) !== null) throw appError("CONFLICT", "Finish your current session first.");
  const available = await requireAffordableStart(ctx, session.clientId, session.rateCentsPerMinute, session.currency);
  // Chat bills from the accept; video from the moment both sides are connected (startBilling), and a
  // call that does not connect within the reconnect grace ends unbilled, as a disconnection would.
  const video = session.kind === "video";
  const { warningSeconds } = sessionRules(session, await getSettings(ctx));
  await ctx.db.patch(session._id, {
    status: "active",
    acceptedAt: now,
    availableAtStartCents: available,
    ...initialMeter(session.rateCentsPerMinute, available, warningSeconds),
    resumedAt: video ? null : now,
    disconnectedAt: video ? now : undefined,
    syncedAt: now,
  });
  await recordEvent(ctx, session._id, { kind: "accepted", actor, billedSeconds: 0, at: now });
  await SessionsNotices.accepted(ctx, session, now);
  await systemMessage(ctx, session._id, video ? "The session has started. Billing starts when you are both connected." : "The session has started.", now);
  if (video) await scheduleLimitCheck(ctx, session._id, now + limitTimings(session, await getSettings(ctx)).graceMs);
  await ensureClockRunning(ctx, now);
}

/**
 * Brings the client's live session up to `now` before money is credited to
 * their wallet, so a session that used up its balance pauses at its exact
 * second instead of running on into the new credit.
 */
export async function catchUpBeforeCredit(ctx: MutationCtx, clientId: Id<"users">, now: number): Promise<void> {
  const live = await liveSessionOfClient(ctx, clientId);
  if (live !== null) await catchUp(ctx, live, now);
}

/** Ends a request without a session: declined by the advisor, cancelled by the client, or expired. */
export async function closeRequest(
  ctx: MutationCtx,
  session: Session,
  outcome: "declined" | "cancelled" | "expired",
  actor: Actor,
  now: number,
): Promise<void> {
  requireTransition(session, outcome === "declined" ? "decline" : outcome === "cancelled" ? "cancel" : "expire");
  await ctx.db.patch(session._id, { status: outcome, endedAt: now });
  await recordEvent(ctx, session._id, { kind: outcome, actor, billedSeconds: 0, at: now });
  if (outcome !== "cancelled") {
    const advisorName = (await ctx.db.get(session.advisorUserId))?.name ?? "The advisor";
    await notify(ctx, {
      userId: session.clientId,
      kind: outcome === "declined" ? "session_declined" : "session_expired",
      title: outcome === "declined" ? `${advisorName} declined your request` : `Your request to ${advisorName} was not answered in time`,
      body: "Nothing was charged. Try again later or choose another advisor.",
      href: "/advisors",
      now,
    });
  }
}

/** Scheduled at the request's expiry. */
export async function expireRequest(ctx: MutationCtx, sessionId: Id<"sessions">, now: number): Promise<void> {
  const session = await ctx.db.get(sessionId);
  if (session === null || session.status !== "requested" || now < session.expiresAt) return;
  await closeRequest(ctx, session, "expired", { role: "system" }, now);
}

/** Pauses a running session whose billing state is already stopped at `at`; returns it as it now stands. */
async function applyPause(
  ctx: MutationCtx,
  session: Session,
  billing: BillingState,
  reason: PauseReason,
  at: number,
  actor: Actor,
): Promise<Session> {
  const billedSeconds = Math.floor(billing.billedMs / 1000);
  const disconnectedAt = reason === "disconnected" ? (session.disconnectedAt ?? at) : session.disconnectedAt;
  const changes = { status: "paused" as const, billedMs: billing.billedMs, resumedAt: null, pauseReason: reason, pausedAt: at, disconnectedAt };
  await ctx.db.patch(session._id, changes);
  await recordEvent(ctx, session._id, { kind: "paused", actor, reason, billedSeconds, at });
  await systemMessage(ctx, session._id, PAUSE_TEXT[reason], at);
  return { ...session, ...changes };
}

/** `advanceBilling`, then the automatic pause it found due, if any. */
async function advanceAndPause(ctx: MutationCtx, session: Session, now: number, settings: PlatformSettings): Promise<Session> {
  const { session: advanced, pause } = await advanceBilling(ctx, session, now, settings);
  if (pause === null) return advanced;
  return await applyPause(ctx, advanced, pause.billing, pause.reason, pause.at, { role: "system" });
}

/** A paused video session notices a side that went missing during the pause: the grace runs from its last heartbeat. */
async function noteDisconnection(ctx: MutationCtx, session: Session, now: number, timings: LimitTimings): Promise<Session> {
  if (session.kind !== "video" || session.status !== "paused" || session.disconnectedAt !== undefined) return session;
  if (bothPresent(session, now, timings)) return session;
  const disconnectedAt = lastSeenOfMissingSide(session, session.acceptedAt ?? session.requestedAt);
  await ctx.db.patch(session._id, { disconnectedAt });
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
  if (inBookedTime(session)) {
    if (now < session.bookedUntil!) return session;
    const continued = await afterBookedTime(ctx, session, now, settings);
    if (continued.status === "ended") return continued;
    session = continued;
  }
  const timings = limitTimings(session, settings);
  let current = session.status === "active" ? await advanceAndPause(ctx, session, now, settings) : session;
  current = await noteDisconnection(ctx, current, now, timings);
  const limit = endLimit(current, timings);
  if (limit !== null && limit.at <= now) return await settle(ctx, current, limit.reason, { role: "system" }, { endedAt: limit.at, now }, settings);
  // The only place limits are scheduled: a limit that is new since the last catch-up gets a job at its moment.
  if (limit !== null && limit.at !== endLimit(session, timings)?.at) await scheduleLimitCheck(ctx, session._id, limit.at);
  return current;
}

/** A booked session still in its prepaid time (or at its end, not yet moved on): nothing bills and no limit applies but its end. */
function inBookedTime(session: Session): boolean {
  return session.bookedUntil !== undefined && session.status === "active" && session.resumedAt === null && session.billedMs === 0;
}

/**
 * At the end of a booked session's prepaid time: if both agreed to go on and
 * the client can pay the minimum, billing starts per second at that moment,
 * as in any live session; otherwise the session ends then.
 */
async function afterBookedTime(ctx: MutationCtx, session: Session, now: number, settings: PlatformSettings): Promise<Session> {
  const at = session.bookedUntil!;
  const agreed = session.continueAgreed?.client === true && session.continueAgreed.advisor === true;
  const wallet = await Ledger.walletBalance(ctx, session.clientId, session.currency);
  if (!agreed || !canAffordStart(session.rateCentsPerMinute, wallet.available, settings.sessionMinBalanceMinutes)) {
    return await settle(ctx, session, "booked_time_over", { role: "system" }, { endedAt: at, now }, settings);
  }
  const changes = { resumedAt: at, disconnectedAt: undefined };
  await ctx.db.patch(session._id, changes);
  await recordEvent(ctx, session._id, { kind: "resumed", actor: { role: "system" }, reason: "booked_time_over", billedSeconds: 0, at });
  await systemMessage(ctx, session._id, "The booked time is over: the session goes on, billed per second at the advisor's rate.", at);
  await ensureClockRunning(ctx, now);
  return { ...session, ...changes };
}

/** Manual pause at `now` (after catching up, which may already have paused it). */
export async function pause(ctx: MutationCtx, session: Session, actor: Actor, now: number): Promise<void> {
  const settings = await getSettings(ctx);
  const current = await catchUp(ctx, session, now, settings);
  if (!mayPause(current)) throw appError("CONFLICT", "Billing is not running, so there is nothing to pause.");
  await applyPause(ctx, current, pauseBilling(billingState(current), now), "manual", now, actor);
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
  return resumeRefusal({ ...session, trigger, affordable, now, timings: limitTimings(session, settings) });
}

/** Restarts billing at `now` on a caught-up session; the caller has checked the rule. */
async function restartBilling(ctx: MutationCtx, session: Session, actor: Actor, now: number, settings: PlatformSettings): Promise<Session> {
  const changes = { status: "active" as const, resumedAt: now, pauseReason: undefined, pausedAt: undefined, disconnectedAt: undefined };
  await ctx.db.patch(session._id, changes);
  await recordEvent(ctx, session._id, { kind: "resumed", actor, reason: session.pauseReason, billedSeconds: session.billedSeconds, at: now });
  await systemMessage(ctx, session._id, "Billing resumed.", now);
  await ensureClockRunning(ctx, now);
  return await advanceAndPause(ctx, { ...session, ...changes }, now, settings);
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
  if (session.status !== "active" || session.resumedAt !== null || session.billedMs > 0 || inBookedTime(session)) return session;
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
  const split = feeSplit(charge, sessionRules(session, settings).feeBps);
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
  // A booked session's booking settles with it (when both joined), so the wallet after settlement includes it.
  if (session.bookingId !== undefined) await onBookedSessionEnded(ctx, session.bookingId, now);
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
    earningReleaseAt: split.earning > 0 ? Earnings.releaseAt(endedAt, settings) : undefined,
    endedAt,
    endReason: reason,
    endedBy: actor.id,
    pauseReason: undefined,
    disconnectedAt: undefined,
    syncedAt: now,
  };
  await ctx.db.patch(session._id, changes);
  if (changes.earningReleaseAt !== undefined) await Earnings.scheduleRelease(ctx, session._id, changes.earningReleaseAt);
  await PlatformRollup.recordSessionEnded(ctx, { currency: session.currency, endedAt, billedSeconds });
  await EarningsRollup.recordSettlement(ctx, { advisorUserId: session.advisorUserId, currency: session.currency, endedAt, earnedCents: split.earning, sessions: billedSeconds > 0 ? 1 : 0, billedSeconds });
  await recordEvent(ctx, session._id, { kind: "ended", actor, reason, billedSeconds, at: endedAt });
  await systemMessage(ctx, session._id, "The session has ended.", endedAt);
  await SessionsNotices.ended(ctx, session, charge, now);
  if (session.bookingId !== undefined) await onBookedSessionEnded(ctx, session.bookingId, now);
  return { ...session, ...changes };
}
