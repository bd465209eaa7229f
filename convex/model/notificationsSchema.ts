/** In-app notifications (SPEC §9), written only by model/notifications.ts `notify`. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { NOTIFICATION_KINDS } from "../../lib/notifications/kinds";

export const vNotificationKind = v.union(...NOTIFICATION_KINDS.map((k) => v.literal(k)));

export const notificationsTables = {
  notifications: defineTable({
    userId: v.id("users"),
    kind: vNotificationKind,
    title: v.string(),
    body: v.string(),
    /** A page of the app the notification is about. */
    href: v.optional(v.string()),
    read: v.boolean(),
    at: v.number(),
  })
    .index("by_userId_and_at", ["userId", "at"])
    .index("by_userId_and_read_and_at", ["userId", "read", "at"]),
};
