/** Ratings (SPEC §4): the client rates an ended session once, within the rating window; the advisor's totals update. */
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import type { SignedInUser } from "../functions";
import { getSettings } from "./settings";
import { loadSessionForParticipant } from "./sessions";
import { writeProfile } from "./advisorListings";
import { aggregatesWith, validateSubRatings } from "./reviews";
import type { SubRating } from "../../lib/advisors/reviews";
import * as SessionsNotices from "./sessionsNotices";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function findRating(ctx: QueryCtx, sessionId: Id<"sessions">) {
  return await ctx.db
    .query("ratings")
    .withIndex("by_sessionId", (q) => q.eq("sessionId", sessionId))
    .unique();
}

export async function rate(
  ctx: MutationCtx,
  args: { sessionId: Id<"sessions">; stars: number; text?: string; user: SignedInUser; now: number } & Partial<Record<SubRating, number>>,
): Promise<Id<"ratings">> {
  const { session, role } = await loadSessionForParticipant(ctx, args.sessionId, args.user);
  if (role !== "client") throw appError("FORBIDDEN", "Only the client rates a session.");
  const settings = await getSettings(ctx);
  if (!Number.isInteger(args.stars) || args.stars < 1 || args.stars > 5) {
    throw appError("INVALID_ARGUMENT", "A rating is 1 to 5 stars.", "stars");
  }
  validateSubRatings(args);
  const text = args.text?.trim() || undefined;
  if (text !== undefined && text.length > settings.ratingFeedbackMaxChars) {
    throw appError("INVALID_ARGUMENT", `Feedback may be at most ${settings.ratingFeedbackMaxChars} characters.`, "text");
  }
  if (session.status !== "ended" || session.endedAt === undefined) throw appError("CONFLICT", "Only an ended session can be rated.");
  if (args.now - session.endedAt > settings.ratingWindowDays * DAY_MS) {
    throw appError("CONFLICT", `Sessions can be rated within ${settings.ratingWindowDays} days.`);
  }
  if ((await findRating(ctx, session._id)) !== null) throw appError("CONFLICT", "This session is already rated.");

  const rating = {
    sessionId: session._id,
    clientId: session.clientId,
    advisorId: session.advisorId,
    stars: args.stars,
    text,
    expertise: args.expertise,
    communication: args.communication,
    helpfulness: args.helpfulness,
    at: args.now,
  };
  const ratingId = await ctx.db.insert("ratings", rating);
  const advisor = await ctx.db.get(session.advisorId);
  if (advisor !== null) await writeProfile(ctx, advisor._id, aggregatesWith(advisor, rating, 1));
  await ctx.db.patch(session._id, { rated: true });
  await SessionsNotices.rated(ctx, session, args.stars, args.now);
  return ratingId;
}
