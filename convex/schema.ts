import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { advisorsTables } from "./model/advisorsSchema";
import { bookingsTables } from "./model/bookingsSchema";
import { notificationsTables } from "./model/notificationsSchema";
import { disputesTables } from "./model/disputesSchema";
import { earningsTables } from "./model/earningsSchema";
import { ledgerTables } from "./model/ledgerSchema";
import { platformRollupTables } from "./model/platformRollupSchema";
import { sessionsTables } from "./model/sessionsSchema";
import { vAdvisorStatus, vRole, vUserStatus } from "./validators";

/** An advisor's profile; the public and own views pick from these. */
export const advisorFields = {
  userId: v.id("users"),
  headline: v.string(),
  bio: v.string(),
  /** At most MAX_SPECIALTIES short labels. */
  specialties: v.array(v.string()),
  /** Per-minute prices in minor units of `currency`. */
  chatPricePerMinute: v.number(),
  videoPricePerMinute: v.number(),
  currency: v.string(),
  status: vAdvisorStatus,
  isOnline: v.boolean(),
  /** Sum of all star ratings and their count; the average is derived. */
  ratingTotal: v.number(),
  ratingCount: v.number(),
  /**
   * Counts of visible ratings by stars (index 0 = 1 star) and sums and counts
   * of each sub-rating, kept with every rating and hiding (model/reviews.ts);
   * absent until the first rating that has them.
   */
  starCounts: v.optional(v.array(v.number())),
  subRatings: v.optional(v.record(v.string(), v.object({ total: v.number(), count: v.number() }))),
  /** The profile photo in Convex storage (a PNG or JPEG of at most PHOTO_MAX_BYTES, checked from its bytes). */
  photoStorageId: v.optional(v.id("_storage")),
  /** From LANGUAGES (lib/advisors/discovery.ts); absent on profiles made before languages existed. */
  languages: v.optional(v.array(v.string())),
  /** Name, headline, specialties and languages, kept by model/advisorListings.ts for the search index. */
  searchText: v.optional(v.string()),
  /** Booked sessions the advisor did not join in time (SPEC §5: the reliability record); absent means none. */
  bookingNoShows: v.optional(v.number()),
};

export default defineSchema({
  users: defineTable({
    tokenIdentifier: v.string(),
    name: v.string(),
    email: v.string(),
    role: vRole,
    /** Absent or "active"; a suspended user cannot act (convex/functions.ts requireUser). */
    status: v.optional(vUserStatus),
  })
    .index("by_tokenIdentifier", ["tokenIdentifier"])
    .index("by_email", ["email"])
    .index("by_role", ["role"])
    .index("by_status", ["status"])
    .searchIndex("search_name", { searchField: "name", filterFields: ["role", "status"] }),

  /** One per advisor user: the public profile, prices and live status. */
  advisors: defineTable(advisorFields)
    .index("by_userId", ["userId"])
    .index("by_status_and_isOnline", ["status", "isOnline"])
    .searchIndex("search_text", { searchField: "searchText", filterFields: ["status", "isOnline"] }),

  auditLog: defineTable({
    actorId: v.id("users"),
    action: v.string(),
    targetType: v.string(),
    targetId: v.string(),
    before: v.optional(v.any()),
    after: v.optional(v.any()),
    reason: v.optional(v.string()),
    at: v.number(),
  })
    .index("by_at", ["at"])
    .index("by_targetId", ["targetId"])
    .index("by_targetId_and_at", ["targetId", "at"])
    .index("by_action_and_at", ["action", "at"])
    .index("by_actorId_and_at", ["actorId", "at"]),

  ...ledgerTables,
  ...earningsTables,
  ...sessionsTables,
  ...disputesTables,
  ...platformRollupTables,
  ...advisorsTables,
  ...notificationsTables,
  ...bookingsTables,
});
