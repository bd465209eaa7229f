/**
 * Discovery listings (issue 15): one row per listed advisor and facet ("all",
 * each specialty, each language) carrying every field discovery filters or
 * sorts by, so each filter-and-sort is an index range and a page reads tens
 * of documents however many advisors there are. Written only by
 * model/advisorListings.ts, from the advisor's profile.
 */
import { defineTable } from "convex/server";
import { v } from "convex/values";

export const advisorsTables = {
  advisorListings: defineTable({
    advisorId: v.id("advisors"),
    facet: v.string(),
    isOnline: v.boolean(),
    /** lib/advisors/discovery.ts recommendedScore: online first, then rating, then reviews. */
    recommended: v.number(),
    /** Average rating in tenths (47 = 4.7), 0 before the first rating. */
    rating: v.number(),
    reviews: v.number(),
    chatPrice: v.number(),
    videoPrice: v.number(),
    /** Lower-case, for filters the facet does not cover. */
    specialties: v.array(v.string()),
    languages: v.array(v.string()),
  })
    .index("by_advisorId", ["advisorId"])
    .index("by_facet_and_recommended", ["facet", "recommended"])
    .index("by_facet_and_rating", ["facet", "rating"])
    .index("by_facet_and_chatPrice", ["facet", "chatPrice"])
    .index("by_facet_and_videoPrice", ["facet", "videoPrice"])
    .index("by_facet_and_reviews", ["facet", "reviews"]),
};
