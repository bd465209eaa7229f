/** Applications to become an advisor (SPEC §1a): clients apply and follow theirs; admins decide. */
import { v } from "convex/values";
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { adminMutation, adminQuery, clientMutation, userQuery } from "./functions";
import * as Applications from "./model/applications";
import { vApplicationStatus } from "./model/advisorsSchema";

/** The signed-in user's latest application, live, or null (an approved applicant is an advisor by then). */
export const mine = userQuery({
  args: {},
  returns: v.union(v.null(), Applications.vOwnApplication),
  handler: async (ctx) => await Applications.mine(ctx, ctx.user._id),
});

export const submit = clientMutation({
  args: Applications.vApplicationInput,
  returns: v.id("advisorApplications"),
  handler: async (ctx, args) => await Applications.submit(ctx, ctx.user, args, Date.now()),
});

/** Admin queue: waiting applications oldest first; decided ones newest first. */
export const queue = adminQuery({
  args: { paginationOpts: paginationOptsValidator, status: v.optional(vApplicationStatus) },
  returns: paginationResultValidator(Applications.vQueueRow),
  handler: async (ctx, args) => await Applications.queuePage(ctx, args.status, args.paginationOpts),
});

export const approve = adminMutation({
  args: { id: v.id("advisorApplications"), note: v.optional(v.string()) },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Applications.approve(ctx, { ...args, adminId: ctx.user._id, now: Date.now() });
    return null;
  },
});

export const reject = adminMutation({
  args: { id: v.id("advisorApplications"), note: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Applications.reject(ctx, { ...args, adminId: ctx.user._id, now: Date.now() });
    return null;
  },
});
