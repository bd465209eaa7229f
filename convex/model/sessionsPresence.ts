/**
 * Video presence: each side sends a heartbeat every few seconds. A side
 * silent for the disconnect window pauses billing (see syncBilling); when
 * both sides are fresh again within the grace period, billing resumes by itself.
 */
import type { MutationCtx } from "../_generated/server";
import { resume, syncBilling, type Session } from "./sessionsBilling";
import { getSettings } from "./settings";
import type { SessionStatus } from "./sessionsSchema";

export async function heartbeat(ctx: MutationCtx, session: Session, side: "client" | "advisor", now: number): Promise<SessionStatus> {
  if (session.status !== "active" && session.status !== "paused") return session.status;
  const synced = await syncBilling(ctx, session, now);
  const seen = side === "client" ? { clientSeenAt: now } : { advisorSeenAt: now };
  await ctx.db.patch(synced._id, seen);
  const fresh = { ...synced, ...seen };
  if (fresh.status === "paused" && fresh.pauseReason === "disconnected") {
    const settings = await getSettings(ctx);
    const windowMs = settings.videoDisconnectSeconds * 1000;
    const bothBack = now - (fresh.clientSeenAt ?? 0) < windowMs && now - (fresh.advisorSeenAt ?? 0) < windowMs;
    if (bothBack) return (await resume(ctx, fresh, { role: "system" }, now)).status;
  }
  return fresh.status;
}
