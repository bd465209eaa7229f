/**
 * Video presence: each side sends a heartbeat every few seconds saying
 * whether its call is connected. Billing starts when both are, a side silent
 * for the disconnect window pauses it from its last heartbeat (see
 * catchUp), and when both are connected again within the grace it resumes by
 * itself. Heartbeats are the only way out of a disconnected pause.
 */
import type { MutationCtx } from "../_generated/server";
import { bothPresent } from "../../lib/sessions/lifecycle";
import { catchUp, limitTimings, resumeIfAllowed, startBilling } from "./sessionsLifecycle";
import { getSettings } from "./settings";
import type { Session, SessionStatus } from "./sessionsSchema";

export async function heartbeat(
  ctx: MutationCtx,
  session: Session,
  side: "client" | "advisor",
  connected: boolean,
  now: number,
): Promise<SessionStatus> {
  if (session.kind !== "video" || (session.status !== "active" && session.status !== "paused")) return session.status;
  let current = await catchUp(ctx, session, now);
  if (current.status === "ended") return current.status;
  if (connected) {
    const seen = side === "client" ? { clientSeenAt: now } : { advisorSeenAt: now };
    await ctx.db.patch(current._id, seen);
    current = { ...current, ...seen };
  }
  if (!bothPresent(current, now, limitTimings(current, await getSettings(ctx)))) return current.status;
  if (current.status === "active" && current.resumedAt === null) return (await startBilling(ctx, current, now)).status;
  if (current.status === "paused" && current.pauseReason === "disconnected") {
    return (await resumeIfAllowed(ctx, current, { via: "presence" }, { role: "system" }, now)).status;
  }
  if (current.disconnectedAt !== undefined) await ctx.db.patch(current._id, { disconnectedAt: undefined });
  return current.status;
}
