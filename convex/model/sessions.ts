/**
 * Finding sessions and who may see or act in them: loaders with the access
 * rule, a user's live session, an advisor's presence. Transitions are
 * sessionsLifecycle.ts; billing arithmetic sessionsBilling.ts.
 */
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import type { SignedInUser } from "../functions";
import { BUSY_STATUSES, LIVE_STATUSES, type Session, type SessionStatus } from "./sessionsSchema";
import type { ParticipantActor } from "./sessionsTimeline";

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

/** Active or paused: running, as opposed to a request or an outcome. */
export function isBusy(status: SessionStatus): boolean {
  return (BUSY_STATUSES as readonly SessionStatus[]).includes(status);
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

/** The client's running or paused session (not a request). */
export async function busySessionOfClient(ctx: QueryCtx, clientId: Id<"users">): Promise<Session | null> {
  return await firstWithStatus(ctx, "clientId", clientId, BUSY_STATUSES);
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
