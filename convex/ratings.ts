import { v } from "convex/values";
import { clientMutation, userQuery } from "./functions";
import { loadSessionForViewer } from "./model/sessions";
import { findRating, rate as rateSession } from "./model/sessionsRatings";
import { getSettings } from "./model/settings";

/** The client rates an ended session once, 1–5 stars with optional feedback and sub-ratings, within the rating window. */
export const rate = clientMutation({
  args: {
    sessionId: v.id("sessions"),
    stars: v.number(),
    text: v.optional(v.string()),
    expertise: v.optional(v.number()),
    communication: v.optional(v.number()),
    helpfulness: v.optional(v.number()),
  },
  returns: v.id("ratings"),
  handler: async (ctx, args) => await rateSession(ctx, { ...args, user: ctx.user, now: Date.now() }),
});

export const forSession = userQuery({
  args: { sessionId: v.id("sessions") },
  returns: v.union(v.null(), v.object({ stars: v.number(), text: v.optional(v.string()), at: v.number() })),
  handler: async (ctx, args) => {
    await loadSessionForViewer(ctx, args.sessionId, ctx.user);
    const rating = await findRating(ctx, args.sessionId);
    return rating === null ? null : { stars: rating.stars, text: rating.text, at: rating.at };
  },
});

/** The longest feedback `rate` accepts (a setting), so the form can count and refuse before sending. */
export const feedbackLimit = userQuery({
  args: {},
  returns: v.number(),
  handler: async (ctx) => (await getSettings(ctx)).ratingFeedbackMaxChars,
});
