/**
 * Reviews (SPEC §4, issue 15 item 5): ratings as clients and visitors read
 * them, the advisor's one reply, an admin hiding an abusive one. The
 * advisor's averages, star histogram and sub-rating sums live on the advisor
 * document and change by each rating's amounts, never by rescanning.
 */
import { v } from "convex/values";
import type { PaginationOptions } from "convex/server";
import { filter } from "convex-helpers/server/filter";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { SUB_RATINGS, reviewerName, type SubRating } from "../../lib/advisors/reviews";
import { appError } from "../errors";
import { writeProfile } from "./advisorListings";
import { recordAudit, requireReason } from "./audit";
import { getSettings } from "./settings";

type Rating = Doc<"ratings">;

/** The advisor's totals with `rating` added (sign 1) or taken out (sign −1). */
export function aggregatesWith(advisor: Doc<"advisors">, rating: Pick<Rating, "stars" | SubRating>, sign: 1 | -1) {
  const starCounts = [...(advisor.starCounts ?? [0, 0, 0, 0, 0])];
  starCounts[rating.stars - 1] = (starCounts[rating.stars - 1] ?? 0) + sign;
  const subRatings = { ...(advisor.subRatings ?? {}) };
  for (const name of SUB_RATINGS) {
    const value = rating[name];
    if (value === undefined) continue;
    const before = subRatings[name] ?? { total: 0, count: 0 };
    subRatings[name] = { total: before.total + sign * value, count: before.count + sign };
  }
  return {
    ratingTotal: advisor.ratingTotal + sign * rating.stars,
    ratingCount: advisor.ratingCount + sign,
    starCounts,
    subRatings,
  };
}

export function validateSubRatings(input: Partial<Record<SubRating, number>>): void {
  for (const name of SUB_RATINGS) {
    const value = input[name];
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 5)) {
      throw appError("INVALID_ARGUMENT", "Each detailed rating is 1 to 5 stars.", name);
    }
  }
}

// ——— Reading ———

export const vReview = v.object({
  _id: v.id("ratings"),
  reviewer: v.string(),
  stars: v.number(),
  text: v.optional(v.string()),
  expertise: v.optional(v.number()),
  communication: v.optional(v.number()),
  helpfulness: v.optional(v.number()),
  reply: v.optional(v.object({ text: v.string(), at: v.number() })),
  at: v.number(),
});

async function reviewView(ctx: QueryCtx, r: Rating) {
  const client = await ctx.db.get(r.clientId);
  const { _id, stars, text, expertise, communication, helpfulness, reply, at } = r;
  return { _id, reviewer: reviewerName(client?.name ?? "A client"), stars, text, expertise, communication, helpfulness, reply, at };
}

/** An approved advisor's visible reviews, newest first. */
export async function reviewsPage(ctx: QueryCtx, advisorId: Id<"advisors">, paginationOpts: PaginationOptions) {
  const advisor = await ctx.db.get(advisorId);
  if (advisor === null || advisor.status !== "approved") return { page: [], isDone: true, continueCursor: "" };
  if (paginationOpts.numItems > 50) throw appError("INVALID_ARGUMENT", "Ask for at most 50 reviews at a time.", "numItems");
  const found = await filter(
    ctx.db
      .query("ratings")
      .withIndex("by_advisorId_and_at", (q) => q.eq("advisorId", advisorId))
      .order("desc"),
    (r) => r.hidden === undefined,
  ).paginate(paginationOpts);
  const page = [];
  for (const r of found.page) page.push(await reviewView(ctx, r));
  return { ...found, page };
}

export const vSummary = v.object({
  rating: v.union(v.null(), v.number()),
  ratingCount: v.number(),
  /** Visible ratings with 1 … 5 stars. */
  starCounts: v.array(v.number()),
  subRatings: v.array(v.object({ name: v.string(), average: v.number(), count: v.number() })),
});

export function summaryOf(advisor: Doc<"advisors">) {
  const tenthsAverage = (total: number, count: number) => Math.round((total * 10) / count) / 10;
  return {
    rating: advisor.ratingCount === 0 ? null : tenthsAverage(advisor.ratingTotal, advisor.ratingCount),
    ratingCount: advisor.ratingCount,
    starCounts: advisor.starCounts ?? [0, 0, 0, 0, 0],
    subRatings: SUB_RATINGS.flatMap((name) => {
      const sum = advisor.subRatings?.[name];
      return sum === undefined || sum.count === 0 ? [] : [{ name, average: tenthsAverage(sum.total, sum.count), count: sum.count }];
    }),
  };
}

// ——— Writing ———

/** The advisor answers a review of theirs once, publicly. */
export async function reply(ctx: MutationCtx, args: { ratingId: Id<"ratings">; advisorUserId: Id<"users">; text: string; now: number }) {
  const rating = await ctx.db.get(args.ratingId);
  const advisor = rating === null ? null : await ctx.db.get(rating.advisorId);
  if (rating === null || advisor === null || advisor.userId !== args.advisorUserId) throw appError("NOT_FOUND", "That review does not exist.");
  if (rating.hidden !== undefined) throw appError("CONFLICT", "This review was hidden by an admin.");
  if (rating.reply !== undefined) throw appError("CONFLICT", "You have already replied to this review.");
  const text = args.text.trim();
  const { ratingFeedbackMaxChars: max } = await getSettings(ctx);
  if (text === "" || text.length > max) throw appError("INVALID_ARGUMENT", `Write a reply of 1 to ${max} characters.`, "text");
  await ctx.db.patch(rating._id, { reply: { text, at: args.now } });
}

/** An admin hides an abusive review with a reason; it leaves the page and the advisor's averages. */
export async function hide(ctx: MutationCtx, args: { ratingId: Id<"ratings">; adminId: Id<"users">; reason: string; now: number }) {
  const reason = requireReason(args.reason);
  const rating = await ctx.db.get(args.ratingId);
  if (rating === null) throw appError("NOT_FOUND", "That review does not exist.");
  if (rating.hidden !== undefined) throw appError("CONFLICT", "This review is already hidden.");
  const advisor = await ctx.db.get(rating.advisorId);
  await ctx.db.patch(rating._id, { hidden: { reason, by: args.adminId, at: args.now } });
  if (advisor !== null) await writeProfile(ctx, advisor._id, aggregatesWith(advisor, rating, -1));
  await recordAudit(
    ctx,
    { actorId: args.adminId, action: "review.hide", targetType: "ratings", targetId: rating._id, before: { hidden: false, stars: rating.stars }, after: { hidden: true }, reason },
    args.now,
  );
}
