/** The signed-in user's own notifications and channel choices (SPEC §9); nobody reads, marks or sets another's. */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { userMutation, userQuery } from "./functions";
import * as Notifications from "./model/notifications";
import * as Preferences from "./model/notificationPreferences";
import { vNotificationKind } from "./model/notificationsSchema";
import { kindsFor } from "../lib/notifications/kinds";

export const list = userQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(Notifications.vNotificationRow),
  handler: async (ctx, args) => await Notifications.page(ctx, ctx.user._id, args.paginationOpts),
});

/** Unread count for the bell, capped at 100 (shown as "99+"). */
export const unreadCount = userQuery({
  args: {},
  returns: v.number(),
  handler: async (ctx) => await Notifications.unreadCount(ctx, ctx.user._id),
});

export const markRead = userMutation({
  args: { id: v.id("notifications") },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Notifications.markRead(ctx, ctx.user._id, args.id);
    return null;
  },
});

/** Marks unread ones read in batches; true while more are left. */
export const markAllRead = userMutation({
  args: {},
  returns: v.boolean(),
  handler: async (ctx) => await Notifications.markAllRead(ctx, ctx.user._id),
});

const vChoiceRow = v.object({ kind: vNotificationKind, inApp: v.boolean(), email: v.boolean() });

/** The kinds the signed-in user's role receives, each with their in-app and email choice (defaults where they chose nothing). */
export const preferences = userQuery({
  args: {},
  returns: v.array(vChoiceRow),
  handler: async (ctx) => await Preferences.all(ctx, ctx.user._id, kindsFor(ctx.user.role)),
});

export const setPreference = userMutation({
  args: { kind: vNotificationKind, channel: v.union(v.literal("inApp"), v.literal("email")), on: v.boolean() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Preferences.set(ctx, { userId: ctx.user._id, ...args });
    return null;
  },
});
