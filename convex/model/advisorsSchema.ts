/**
 * Discovery listings (issue 15): one row per listed advisor and facet ("all",
 * each specialty, each language) carrying every field discovery filters or
 * sorts by, so each filter-and-sort is an index range and a page reads tens
 * of documents however many advisors there are. Written only by
 * model/advisorListings.ts, from the advisor's profile.
 */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { APPLICATION_STATUSES } from "../../lib/advisors/applications";

export const vApplicationStatus = v.union(...APPLICATION_STATUSES.map((s) => v.literal(s)));

export const advisorsTables = {
  /**
   * A photo upload URL given to an advisor, bound to the file they said they
   * would upload (size and SHA-256), used once (model/advisorPhotos.ts).
   */
  photoUploads: defineTable({
    userId: v.id("users"),
    at: v.number(),
    size: v.number(),
    sha256: v.string(),
    status: v.union(v.literal("issued"), v.literal("used"), v.literal("rejected")),
    storageId: v.optional(v.id("_storage")),
  })
    .index("by_userId_and_at", ["userId", "at"])
    .index("by_storageId", ["storageId"]),

  /** The specialties applicants and discovery choose from, managed by admins (SPEC §1a). */
  specialties: defineTable({
    name: v.string(),
    nameLower: v.string(),
    createdAt: v.number(),
  }).index("by_nameLower", ["nameLower"]),

  /** Advisors a client saved (issue 15 item 6). */
  favourites: defineTable({
    clientId: v.id("users"),
    advisorId: v.id("advisors"),
    at: v.number(),
  })
    .index("by_clientId_and_at", ["clientId", "at"])
    .index("by_clientId_and_advisorId", ["clientId", "advisorId"]),

  /** A client's application to become an advisor; approval makes them one with a profile from it. */
  advisorApplications: defineTable({
    userId: v.id("users"),
    displayName: v.string(),
    headline: v.string(),
    bio: v.string(),
    specialties: v.array(v.string()),
    languages: v.array(v.string()),
    yearsExperience: v.number(),
    sampleLinks: v.array(v.string()),
    chatPricePerMinute: v.number(),
    videoPricePerMinute: v.number(),
    status: vApplicationStatus,
    /** The admin's note: required on rejection, shown to the applicant. */
    note: v.optional(v.string()),
    decidedBy: v.optional(v.id("users")),
    decidedAt: v.optional(v.number()),
    submittedAt: v.number(),
  })
    .index("by_userId_and_submittedAt", ["userId", "submittedAt"])
    .index("by_status_and_submittedAt", ["status", "submittedAt"])
    .index("by_submittedAt", ["submittedAt"]),

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
