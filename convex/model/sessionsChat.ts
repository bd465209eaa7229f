/** Chat messages of a session (SPEC §4 "Chat"). */
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import { catchUp, resumeIfAllowed } from "./sessionsLifecycle";
import type { Session } from "./sessionsSchema";
import { getSettings } from "./settings";
import type { ParticipantActor } from "./sessionsTimeline";

export const MAX_MESSAGE_LENGTH = 2000;

async function requireMessageAllowance(ctx: QueryCtx, session: Session, authorId: Id<"users">, now: number): Promise<void> {
  const { chatMessagesMaxPerMinute: limit } = await getSettings(ctx);
  // Both sides together send at most 2 × limit in a minute, so this bounded read sees all of the author's.
  const lastMinute = await ctx.db
    .query("messages")
    .withIndex("by_sessionId_and_at", (q) => q.eq("sessionId", session._id).gt("at", now - 60_000))
    .take(2 * limit + 10);
  if (lastMinute.filter((m) => m.authorId === authorId).length >= limit) {
    throw appError("RATE_LIMITED", "You are sending messages too fast. Wait a moment.");
  }
}

/**
 * Sends a participant's message. Catches the clock up first, so a message
 * after 90 s of silence finds the session paused "inactive" at the exact
 * moment and resumes it (a message resumes only that kind of pause).
 * Refused while paused for zero balance (read-only).
 */
export async function send(ctx: MutationCtx, session: Session, actor: ParticipantActor, body: string, now: number) {
  const text = body.trim();
  if (text === "" || text.length > MAX_MESSAGE_LENGTH) {
    throw appError("INVALID_ARGUMENT", `A message must be 1–${MAX_MESSAGE_LENGTH} characters.`);
  }
  if (session.status !== "active" && session.status !== "paused") throw appError("CONFLICT", "The session is not live.");
  await requireMessageAllowance(ctx, session, actor.id, now);
  const synced = await catchUp(ctx, session, now);
  if (synced.status === "ended") throw appError("CONFLICT", "The session has ended.");
  if (synced.status === "paused" && synced.pauseReason === "zero_balance") {
    throw appError("CONFLICT", "The chat is read-only until the balance is topped up.");
  }
  const messageId = await ctx.db.insert("messages", { sessionId: session._id, authorId: actor.id, kind: "user", body: text, at: now });
  await ctx.db.patch(session._id, { lastMessageAt: now });
  await resumeIfAllowed(ctx, { ...synced, lastMessageAt: now }, { via: "message", by: actor.role }, actor, now);
  return messageId;
}
