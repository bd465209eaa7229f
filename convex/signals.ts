/** WebRTC signalling between the two participants of a video session: offers, answers, ICE candidates. */
import { v } from "convex/values";
import { appError } from "./errors";
import { userMutation, userQuery } from "./functions";
import { loadSessionForParticipant } from "./model/sessions";
import { vSignalKind } from "./model/sessionsSchema";

const MAX_PAYLOAD_LENGTH = 20_000;
const LIST_LIMIT = 200;

const vSignal = v.object({
  _id: v.id("signals"),
  _creationTime: v.number(),
  kind: vSignalKind,
  payload: v.string(),
  at: v.number(),
});

/** Sends a signal to the other participant of a live session. */
export const send = userMutation({
  args: { sessionId: v.id("sessions"), kind: vSignalKind, payload: v.string() },
  returns: v.id("signals"),
  handler: async (ctx, args) => {
    const { session, role } = await loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    if (session.status !== "active" && session.status !== "paused") throw appError("CONFLICT", "The session is not live.");
    if (args.payload.length > MAX_PAYLOAD_LENGTH) throw appError("INVALID_ARGUMENT", "The signal is too large.");
    const toUserId = role === "client" ? session.advisorUserId : session.clientId;
    return await ctx.db.insert("signals", {
      sessionId: session._id,
      fromUserId: ctx.user._id,
      toUserId,
      kind: args.kind,
      payload: args.payload,
      at: Date.now(),
    });
  },
});

/** Signals addressed to the caller in a session, oldest first, optionally only those created after `after` (a `_creationTime`). */
export const listForMe = userQuery({
  args: { sessionId: v.id("sessions"), after: v.optional(v.number()) },
  returns: v.array(vSignal),
  handler: async (ctx, args) => {
    await loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    const signals = await ctx.db
      .query("signals")
      .withIndex("by_sessionId_and_toUserId", (q) =>
        q.eq("sessionId", args.sessionId).eq("toUserId", ctx.user._id).gt("_creationTime", args.after ?? 0),
      )
      .take(LIST_LIMIT);
    return signals.map(({ _id, _creationTime, kind, payload, at }) => ({ _id, _creationTime, kind, payload, at }));
  },
});
