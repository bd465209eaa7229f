/**
 * Notifications (SPEC §9): written in the same transaction as the event they
 * tell of, in-app and by email, so a rolled-back event notifies no one.
 */
import { v } from "convex/values";
import type { PaginationOptions } from "convex/server";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { CalendarEvent } from "../../lib/notifications/calendar";
import { UNREAD_CAP, type NotificationKind } from "../../lib/notifications/kinds";
import { appError } from "../errors";
import * as Outbox from "./emailOutbox";
import * as Preferences from "./notificationPreferences";
import { notificationsTables } from "./notificationsSchema";

/** How many unread ones "mark all read" marks in one call; the page calls again while any are left. */
const MARK_ALL_BATCH = 200;

export type NotifyArgs = {
  userId: Id<"users">;
  kind: NotificationKind;
  title: string;
  body: string;
  href?: string;
  /** A booking's time: the email carries it as an `.ics` attachment. */
  calendarEvent?: CalendarEvent;
  now: number;
};

/** Notifies one user on the channels their preference for the kind wants: in-app, and email through the outbox, both in this transaction. */
export async function notify(ctx: MutationCtx, args: NotifyArgs): Promise<void> {
  const choice = await Preferences.choiceFor(ctx, args.userId, args.kind);
  if (choice.inApp) {
    await ctx.db.insert("notifications", { userId: args.userId, kind: args.kind, title: args.title, body: args.body, href: args.href, read: false, at: args.now });
  }
  if (!choice.email) return;
  const user = await ctx.db.get(args.userId);
  if (user === null || user.email === "") return;
  await Outbox.enqueue(ctx, { ...args, to: user.email, recipientName: user.name });
}

const fields = notificationsTables.notifications.validator.fields;
export const vNotificationRow = v.object({
  _id: v.id("notifications"),
  kind: fields.kind,
  title: v.string(),
  body: v.string(),
  href: v.optional(v.string()),
  read: v.boolean(),
  at: v.number(),
});

export async function page(ctx: QueryCtx, userId: Id<"users">, paginationOpts: PaginationOptions) {
  if (paginationOpts.numItems > 50) throw appError("INVALID_ARGUMENT", "Ask for at most 50 notifications at a time.", "numItems");
  const result = await ctx.db
    .query("notifications")
    .withIndex("by_userId_and_at", (q) => q.eq("userId", userId))
    .order("desc")
    .paginate(paginationOpts);
  return { ...result, page: result.page.map(({ _id, kind, title, body, href, read, at }) => ({ _id, kind, title, body, href, read, at })) };
}

/** Unread notifications, counted up to UNREAD_CAP + 1 (the bell says "99+"). */
export async function unreadCount(ctx: QueryCtx, userId: Id<"users">): Promise<number> {
  const rows = await ctx.db
    .query("notifications")
    .withIndex("by_userId_and_read_and_at", (q) => q.eq("userId", userId).eq("read", false))
    .take(UNREAD_CAP + 1);
  return rows.length;
}

export async function markRead(ctx: MutationCtx, userId: Id<"users">, id: Id<"notifications">): Promise<void> {
  const found = await ctx.db.get(id);
  if (found === null || found.userId !== userId) throw appError("NOT_FOUND", "That notification does not exist.");
  if (!found.read) await ctx.db.patch(found._id, { read: true });
}

/** Marks up to MARK_ALL_BATCH unread as read; returns whether any are left. */
export async function markAllRead(ctx: MutationCtx, userId: Id<"users">): Promise<boolean> {
  const unread = await ctx.db
    .query("notifications")
    .withIndex("by_userId_and_read_and_at", (q) => q.eq("userId", userId).eq("read", false))
    .take(MARK_ALL_BATCH + 1);
  for (const n of unread.slice(0, MARK_ALL_BATCH)) await ctx.db.patch(n._id, { read: true });
  return unread.length > MARK_ALL_BATCH;
}
