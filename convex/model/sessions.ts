/**
 * Live session lifecycle (SPEC §4): requested → active | declined | expired |
 * cancelled; active ⇄ paused; active/paused → ended. Every transition is a
 * sessionEvents row. Billing itself lives in sessionsBilling.ts.
 */
import { lastAffordableSecond } from "../../lib/billing";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import type { SignedInUser } from "../functions";
import { ensureClockRunning } from "./clock";
import * as Ledger from "./ledger";
import { getSettings } from "./settings";
import { catchUp, initialMeter, scheduleLimitCheck, type Session } from "./sessionsBilling";
import { BUSY_STATUSES, LIVE_STATUSES, type SessionKind, type SessionStatus } from "./sessionsSchema";
import { recordEvent, systemMessage, type Actor, type ParticipantActor } from "./sessionsTimeline";

export type ViewerRole = "client" | "advisor" | "admin";

export async function loadSessionOrThrow(ctx: QueryCtx, sessionId: Id<"sessions">): Promise<Session> {
  const session = await ctx.db.get(sessionId);
  if (session === null) throw appError("NOT_FOUND", "That session does not exist.");
  return session;
}

/** How `user` takes part in `session`, or null when they don't. */
export function participantRole(session: Session, user: SignedInUser): "client" | "advisor" | null {
  if (user._id === session.clientId && user.role === "client") return "client";
  if (user._id === session.advisorUserId && user.role === "advisor") return "advisor";
  return null;
}

/** The two participants and admins may read a session; nobody else learns anything about it. */
export async function loadSessionForViewer(
  ctx: QueryCtx,
  sessionId: Id<"sessions">,
  user: SignedInUser,
): Promise<{ session: Session; role: ViewerRole }> {
  const session = await loadSessionOrThrow(ctx, sessionId);
  const role = participantRole(session, user) ?? (user.role === "admin" ? "admin" : null);
  if (role === null) throw appError("FORBIDDEN", "Only the session's participants can see it.");
  return { session, role };
}

/** Only the two participants act in a session. */
export async function loadSessionForParticipant(
  ctx: QueryCtx,
  sessionId: Id<"sessions">,
  user: SignedInUser,
): Promise<{ session: Session; role: "client" | "advisor"; actor: ParticipantActor }> {
  const session = await loadSessionOrThrow(ctx, sessionId);
  const role = participantRole(session, user);
  if (role === null) throw appError("FORBIDDEN", "Only the session's participants can do this.");
  return { session, role, actor: { role, id: user._id } };
}

export function isLive(status: SessionStatus): boolean {
  return (LIVE_STATUSES as readonly SessionStatus[]).includes(status);
}

async function firstWithStatus(
  ctx: QueryCtx,
  side: "clientId" | "advisorUserId",
  userId: Id<"users">,
  statuses: readonly SessionStatus[],
): Promise<Session | null> {
  for (const status of statuses) {
    const found =
      side === "clientId"
        ? await ctx.db.query("sessions").withIndex("by_clientId_and_status", (q) => q.eq("clientId", userId).eq("status", status)).first()
        : await ctx.db.query("sessions").withIndex("by_advisorUserId_and_status", (q) => q.eq("advisorUserId", userId).eq("status", status)).first();
    if (found !== null) return found;
  }
  return null;
}

export async function liveSessionOfClient(ctx: QueryCtx, clientId: Id<"users">): Promise<Session | null> {
  return await firstWithStatus(ctx, "clientId", clientId, LIVE_STATUSES);
}

/** The advisor's running or paused session (a pending request does not make them busy). */
export async function busySessionOfAdvisor(ctx: QueryCtx, advisorUserId: Id<"users">): Promise<Session | null> {
  return await firstWithStatus(ctx, "advisorUserId", advisorUserId, BUSY_STATUSES);
}

export type AdvisorPresence = "online" | "busy" | "offline";

export async function advisorPresence(ctx: QueryCtx, advisor: Doc<"advisors">): Promise<AdvisorPresence> {
  if (advisor.status !== "approved" || !advisor.isOnline) return "offline";
  return (await busySessionOfAdvisor(ctx, advisor.userId)) === null ? "online" : "busy";
}

async function requireAffordableStart(ctx: QueryCtx, clientId: Id<"users">, rate: number, currency: string): Promise<number> {
  const settings = await getSettings(ctx);
  const wallet = await Ledger.walletBalance(ctx, clientId, currency);
  if (lastAffordableSecond(rate, wallet.available) < settings.sessionMinBalanceMinutes * 60) {
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

  const sessionId = await ctx.db.insert("sessions", {
    clientId: client._id,
    advisorId: advisor._id,
    advisorUserId: advisor.userId,
    kind: args.kind,
    status: "requested",
    rateCentsPerMinute: rate,
    currency: advisor.currency,
    requestedAt: now,
    expiresAt,
    ...initialMeter(rate, available),
    syncedAt: now,
  });
  await recordEvent(ctx, sessionId, { kind: "requested", actor: { role: "client", id: client._id }, billedSeconds: 0, at: now });
  await ctx.scheduler.runAt(expiresAt, internal.sessions.expireRequest, { sessionId });
  return sessionId;
}

function requireRequested(session: Session): void {
  if (session.status !== "requested") throw appError("CONFLICT", `The session is already ${session.status}.`);
}

export async function accept(ctx: MutationCtx, session: Session, actor: Actor, now: number): Promise<void> {
  requireRequested(session);
  if (now >= session.expiresAt) throw appError("CONFLICT", "The request has expired.");
  const advisor = await ctx.db.get(session.advisorId);
  if (advisor === null || advisor.status !== "approved") throw appError("FORBIDDEN", "Your advisor profile is not approved.");
  if ((await busySessionOfAdvisor(ctx, session.advisorUserId)) !== null) throw appError("CONFLICT", "Finish your current session first.");
  const available = await requireAffordableStart(ctx, session.clientId, session.rateCentsPerMinute, session.currency);
  // Chat bills from the accept; video from the moment both sides are connected (startBilling), and a
  // call that does not connect within the reconnect grace ends unbilled, as a disconnection would.
  const video = session.kind === "video";
  await ctx.db.patch(session._id, {
    status: "active",
    acceptedAt: now,
    availableAtStartCents: available,
    ...initialMeter(session.rateCentsPerMinute, available),
    resumedAt: video ? null : now,
    disconnectedAt: video ? now : undefined,
    syncedAt: now,
  });
  await recordEvent(ctx, session._id, { kind: "accepted", actor, billedSeconds: 0, at: now });
  await systemMessage(ctx, session._id, video ? "The session has started. Billing starts when you are both connected." : "The session has started.", now);
  if (video) await scheduleLimitCheck(ctx, session._id, now + (await getSettings(ctx)).videoReconnectGraceSeconds * 1000);
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
  requireRequested(session);
  await ctx.db.patch(session._id, { status: outcome, endedAt: now });
  await recordEvent(ctx, session._id, { kind: outcome, actor, billedSeconds: 0, at: now });
}

/** Scheduled at the request's expiry. */
export async function expireRequest(ctx: MutationCtx, sessionId: Id<"sessions">, now: number): Promise<void> {
  const session = await ctx.db.get(sessionId);
  if (session === null || session.status !== "requested" || now < session.expiresAt) return;
  await closeRequest(ctx, session, "expired", { role: "system" }, now);
}
