import { v } from "convex/values";
import { internalMutation } from "./functions";
import * as Earnings from "./model/earnings";

/** Scheduled at a session's release time (model/earnings.ts); idempotent. */
export const release = internalMutation({
  args: { sessionId: v.id("sessions") },
  returns: v.union(v.literal("released"), v.literal("not_due"), v.literal("disputed"), v.literal("nothing")),
  handler: async (ctx, args) => {
    const session = await ctx.db.get(args.sessionId);
    return session === null ? "nothing" : await Earnings.release(ctx, session, Date.now());
  },
});
