import { v } from "convex/values";
import { roomMutation, roomQuery } from "./functions";
import * as Sessions from "./model/sessions";
import { send as sendMessage } from "./model/sessionsChat";

const vMessage = v.object({
  _id: v.id("messages"),
  kind: v.union(v.literal("user"), v.literal("system")),
  authorId: v.optional(v.id("users")),
  body: v.string(),
  at: v.number(),
});

/** How many of the latest messages `list` returns. */
const LIST_LIMIT = 500;

export const send = roomMutation({
  args: { body: v.string() },
  returns: v.id("messages"),
  handler: async (ctx, args) => {
    const { session, actor } = await Sessions.loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    return await sendMessage(ctx, session, { ...actor, id: ctx.user._id }, args.body, Date.now());
  },
});

/** The latest messages of a session in order, system messages included; participants and admins only. */
export const list = roomQuery({
  args: {},
  returns: v.array(vMessage),
  handler: async (ctx, args) => {
    await Sessions.loadSessionForViewer(ctx, args.sessionId, ctx.user);
    const latest = await ctx.db
      .query("messages")
      .withIndex("by_sessionId_and_at", (q) => q.eq("sessionId", args.sessionId))
      .order("desc")
      .take(LIST_LIMIT);
    return latest.reverse().map(({ _id, kind, authorId, body, at }) => ({ _id, kind, authorId, body, at }));
  },
});
