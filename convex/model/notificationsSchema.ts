/** Notifications (SPEC §9): in-app rows, the email outbox and the channel choices, written only through model/notifications.ts `notify`. */
import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { NOTIFICATION_KINDS } from "../../lib/notifications/kinds";

export const vNotificationKind = v.union(...NOTIFICATION_KINDS.map((k) => v.literal(k)));
export const vEmailStatus = v.union(v.literal("queued"), v.literal("sending"), v.literal("sent"), v.literal("dead"));
export type EmailStatus = Infer<typeof vEmailStatus>;
export const vEmailTransport = v.union(v.literal("local"), v.literal("smtp"));
export const vEmailAttachment = v.object({ filename: v.string(), contentType: v.string(), content: v.string() });

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

  /** Emails waiting for, in, or done with delivery (model/emailOutbox.ts); inserted in the event's transaction. */
  emailOutbox: defineTable({
    userId: v.id("users"),
    kind: vNotificationKind,
    to: v.string(),
    subject: v.string(),
    html: v.string(),
    text: v.string(),
    /** At most one today: the booking's `.ics`. */
    attachments: v.array(vEmailAttachment),
    status: vEmailStatus,
    /** Delivery tries started so far. */
    attempts: v.number(),
    /** When a queued message is due, or when a "sending" claim is given up as lost. */
    nextAttemptAt: v.number(),
    lastError: v.optional(v.string()),
    transport: v.optional(vEmailTransport),
    createdAt: v.number(),
    sentAt: v.optional(v.number()),
  })
    .index("by_status_and_nextAttemptAt", ["status", "nextAttemptAt"])
    .index("by_createdAt", ["createdAt"])
    .index("by_userId_and_createdAt", ["userId", "createdAt"]),

  /** A user's choice for one kind; kinds without a row use defaultChoice (lib/notifications/kinds.ts). */
  notificationPreferences: defineTable({
    userId: v.id("users"),
    kind: vNotificationKind,
    inApp: v.boolean(),
    email: v.boolean(),
  }).index("by_userId_and_kind", ["userId", "kind"]),

  /** A client waiting to hear once that an advisor is online (SPEC §5); removed when told or cancelled. */
  onlineAlerts: defineTable({
    advisorId: v.id("advisors"),
    clientId: v.id("users"),
    at: v.number(),
  })
    .index("by_advisorId_and_at", ["advisorId", "at"])
    .index("by_clientId_and_advisorId", ["clientId", "advisorId"]),
};
