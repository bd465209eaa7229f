/** A session's timeline: events (who, what, when, why) and system chat messages. */
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import type { ActorRole, SessionEventKind } from "./sessionsSchema";

export type Actor = { role: ActorRole; id?: Id<"users"> };
export type ParticipantActor = { role: "client" | "advisor"; id: Id<"users"> };

export async function recordEvent(
  ctx: MutationCtx,
  sessionId: Id<"sessions">,
  event: { kind: SessionEventKind; actor: Actor; reason?: string; billedSeconds: number; at: number },
): Promise<void> {
  await ctx.db.insert("sessionEvents", {
    sessionId,
    kind: event.kind,
    actorRole: event.actor.role,
    actorId: event.actor.id,
    reason: event.reason,
    billedSeconds: event.billedSeconds,
    at: event.at,
  });
}

export async function systemMessage(ctx: MutationCtx, sessionId: Id<"sessions">, body: string, at: number): Promise<void> {
  await ctx.db.insert("messages", { sessionId, kind: "system", body, at });
}
