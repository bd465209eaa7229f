/** WebRTC signalling between the two participants of a video session: offers, answers, ICE candidates. */
import { v, type Infer } from "convex/values";
import { SignJWT } from "jose";
import { config } from "../lib/config";
import { api } from "./_generated/api";
import { appError } from "./errors";
import { publicAction, roomMutation, roomQuery } from "./functions";
import { loadSessionForParticipant } from "./model/sessions";
import { getSettings } from "./model/settings";
import { vSignalKind } from "./model/sessionsSchema";

/** An SDP offer is a few kilobytes, an ICE candidate a few hundred characters. */
export const MAX_PAYLOAD_LENGTH = 20_000;
/** The rate limit's window: `signalsMaxPerMinute` (platformSettings) signals per sender and session. */
const RATE_WINDOW_MS = 60_000;
const LIST_LIMIT = 200;

const vSignal = v.object({
  _id: v.id("signals"),
  _creationTime: v.number(),
  kind: vSignalKind,
  payload: v.string(),
  at: v.number(),
});

/** Sends a signal to the other participant of a live session; rate limited per sender and session. */
export const send = roomMutation({
  args: { kind: vSignalKind, payload: v.string() },
  returns: v.id("signals"),
  handler: async (ctx, args) => {
    const { session, role } = await loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    if (session.status !== "active" && session.status !== "paused") throw appError("CONFLICT", "The session is not live.");
    if (args.payload.length > MAX_PAYLOAD_LENGTH) {
      throw appError("INVALID_ARGUMENT", `A signal has at most ${MAX_PAYLOAD_LENGTH} characters.`);
    }
    const now = Date.now();
    const { signalsMaxPerMinute } = await getSettings(ctx);
    const lastMinute = await ctx.db
      .query("signals")
      .withIndex("by_sessionId_and_fromUserId_and_at", (q) =>
        q.eq("sessionId", session._id).eq("fromUserId", ctx.user._id).gt("at", now - RATE_WINDOW_MS),
      )
      .take(signalsMaxPerMinute);
    if (lastMinute.length >= signalsMaxPerMinute) {
      throw appError("RATE_LIMITED", "Too many call signals in the last minute. Wait a moment and try again.");
    }
    const toUserId = role === "client" ? session.advisorUserId : session.clientId;
    return await ctx.db.insert("signals", {
      sessionId: session._id,
      fromUserId: ctx.user._id,
      toUserId,
      kind: args.kind,
      payload: args.payload,
      at: now,
    });
  },
});

/** Signals addressed to the caller in a session, oldest first, optionally only those created after `after` (a `_creationTime`). */
export const listForMe = roomQuery({
  args: { after: v.optional(v.number()) },
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

/**
 * The `_creationTime` of the newest signal addressed to the caller in a session (0 if none).
 * A newly opened call page reads only signals after it: older ones belong to earlier pages.
 */
export const cursor = roomQuery({
  args: {},
  returns: v.number(),
  handler: async (ctx, args) => {
    await loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    const newest = await ctx.db
      .query("signals")
      .withIndex("by_sessionId_and_toUserId", (q) => q.eq("sessionId", args.sessionId).eq("toUserId", ctx.user._id))
      .order("desc")
      .first();
    return newest?._creationTime ?? 0;
  },
});

const STREAM_TOKEN_TTL = "2h";

const vVideoCall = v.union(
  v.object({ provider: v.literal("webrtc") }),
  v.object({ provider: v.literal("stream"), apiKey: v.string(), token: v.string(), userId: v.string(), callId: v.string() }),
);

/**
 * How a participant joins the session's call: a direct WebRTC call signalled
 * through `send`/`listForMe`, or, when Stream keys are configured, Stream Video
 * with a user token signed here on the server.
 */
export const videoCall = publicAction({
  args: { sessionId: v.id("sessions") },
  returns: vVideoCall,
  handler: async (ctx, args): Promise<Infer<typeof vVideoCall>> => {
    const session = await ctx.runQuery(api.sessions.get, { sessionId: args.sessionId });
    if (session.viewerRole === "admin") throw appError("FORBIDDEN", "Only the session's participants can join the call.");
    const apiKey = config.streamApiKey;
    const secret = config.streamApiSecret;
    if (apiKey === undefined || secret === undefined) return { provider: "webrtc" };
    const userId = session.viewerRole === "client" ? session.client.userId : session.advisor.userId;
    const token = await new SignJWT({ user_id: userId })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt()
      .setExpirationTime(STREAM_TOKEN_TTL)
      .sign(new TextEncoder().encode(secret));
    return { provider: "stream", apiKey, token, userId, callId: session._id };
  },
});
