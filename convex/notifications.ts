/** The signed-in user's own notifications (SPEC §9); nobody reads or marks another's. */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { userMutation, userQuery } from "./functions";
import * as Notifications from "./model/notifications";

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
