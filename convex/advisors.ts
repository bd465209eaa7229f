import { pick } from "convex-helpers";
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { advisorMutation, advisorQuery, publicQuery } from "./functions";
import * as Listings from "./model/advisorListings";
import * as Advisors from "./model/advisors";
import { photoUrl } from "./model/advisorPhotoUrl";
import { advisorFields } from "./schema";

/** The average of the ratings (null before the first), derived from ratingTotal / ratingCount. */
const vRating = v.union(v.null(), v.number());

const vPublicAdvisor = v.object({
  _id: v.id("advisors"),
  name: v.string(),
  ...pick(advisorFields, ["headline", "bio", "specialties", "chatPricePerMinute", "videoPricePerMinute", "currency", "isOnline", "ratingCount"]),
  languages: v.array(v.string()),
  photoUrl: v.union(v.null(), v.string()),
  rating: vRating,
});

const vProfileFields = pick(advisorFields, ["headline", "bio", "specialties", "chatPricePerMinute", "videoPricePerMinute", "languages"]);

/** Approved advisors for visitors and clients: online first, then by rating. */
export const list = publicQuery({
  args: {},
  returns: v.array(vPublicAdvisor),
  handler: async (ctx) => await Advisors.listPublic(ctx),
});

/**
 * Server-side discovery: text search, filters and sorts, paginated (for
 * usePaginatedQuery). A page may hold fewer than asked; keep loading while it
 * is not done.
 */
export const discover = publicQuery({
  args: { paginationOpts: paginationOptsValidator, ...Listings.vDiscoveryArgs },
  returns: paginationResultValidator(Listings.vDiscoveryCard),
  handler: async (ctx, { paginationOpts, ...filters }) => await Listings.discoverPage(ctx, filters, paginationOpts),
});

export const get = publicQuery({
  args: { advisorId: v.id("advisors") },
  returns: v.union(v.null(), vPublicAdvisor),
  handler: async (ctx, args) => await Advisors.getPublic(ctx, args.advisorId),
});

/** The signed-in advisor's own profile. */
export const mine = advisorQuery({
  args: {},
  returns: v.union(
    v.null(),
    v.object({
      ...vProfileFields,
      ...pick(advisorFields, ["currency", "status", "isOnline", "ratingCount"]),
      rating: vRating,
      photoUrl: v.union(v.null(), v.string()),
    }),
  ),
  handler: async (ctx) => {
    const profile = await Advisors.findProfile(ctx, ctx.user._id);
    if (profile === null) return null;
    const { headline, bio, specialties, chatPricePerMinute, videoPricePerMinute, languages, currency, status, isOnline, ratingCount } = profile;
    return {
      headline,
      bio,
      specialties,
      chatPricePerMinute,
      videoPricePerMinute,
      languages,
      currency,
      status,
      isOnline,
      ratingCount,
      rating: Advisors.ratingAverage(profile),
      photoUrl: await photoUrl(ctx, profile),
    };
  },
});

export const updateProfile = advisorMutation({
  args: vProfileFields,
  returns: v.null(),
  handler: async (ctx, args) => {
    await Advisors.updateProfile(ctx, ctx.user._id, args);
    return null;
  },
});

export const setOnline = advisorMutation({
  args: { isOnline: v.boolean() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Advisors.setOnline(ctx, ctx.user._id, args.isOnline);
    return null;
  },
});
