/** Reviews (SPEC §4): public on an advisor's page; the advisor replies once; admins hide abusive ones. */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { adminMutation, advisorMutation, advisorQuery, publicQuery } from "./functions";
import * as Advisors from "./model/advisors";
import * as Reviews from "./model/reviews";

/** An approved advisor's visible reviews, newest first, with replies. */
export const forAdvisor = publicQuery({
  args: { advisorId: v.id("advisors"), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(Reviews.vReview),
  handler: async (ctx, args) => await Reviews.reviewsPage(ctx, args.advisorId, args.paginationOpts),
});

/** Average, star histogram and sub-rating averages of an approved advisor; null for any other id. */
export const summary = publicQuery({
  args: { advisorId: v.id("advisors") },
  returns: v.union(v.null(), Reviews.vSummary),
  handler: async (ctx, args) => {
    const advisor = await ctx.db.get(args.advisorId);
    return advisor === null || advisor.status !== "approved" ? null : Reviews.summaryOf(advisor);
  },
});

/** The signed-in advisor's own reviews, newest first, to reply to. */
export const mine = advisorQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(Reviews.vReview),
  handler: async (ctx, args) => {
    const profile = await Advisors.loadProfileOrThrow(ctx, ctx.user._id);
    return await Reviews.reviewsPage(ctx, profile._id, args.paginationOpts);
  },
});

export const reply = advisorMutation({
  args: { ratingId: v.id("ratings"), text: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Reviews.reply(ctx, { ...args, advisorUserId: ctx.user._id, now: Date.now() });
    return null;
  },
});

export const hide = adminMutation({
  args: { ratingId: v.id("ratings"), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Reviews.hide(ctx, { ...args, adminId: ctx.user._id, now: Date.now() });
    return null;
  },
});
