/** The admin's user search, user page and suspension (issue 14, item 5). */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { adminMutation, adminQuery } from "./functions";
import * as UserAdmin from "./model/userAdmin";
import { vRole, vUserStatus } from "./validators";

/** Users by name (search) or exact email, role and status, paginated. */
export const search = adminQuery({
  args: { paginationOpts: paginationOptsValidator, text: v.optional(v.string()), role: v.optional(vRole), status: v.optional(vUserStatus) },
  returns: paginationResultValidator(UserAdmin.vUserRow),
  handler: async (ctx, { paginationOpts, ...filters }) => await UserAdmin.search(ctx, filters, paginationOpts),
});

/** One user with their latest sessions, disputes and the audit entries about them (their ledger: ledger.userHistory). */
export const detail = adminQuery({
  args: { userId: v.id("users") },
  returns: UserAdmin.vUserDetail,
  handler: async (ctx, { userId }) => await UserAdmin.detail(ctx, userId),
});

/** Suspends or reinstates another user, with a reason for the audit log. */
export const setStatus = adminMutation({
  args: { userId: v.id("users"), status: vUserStatus, reason: v.string() },
  returns: UserAdmin.vUserRow,
  handler: async (ctx, args) => await UserAdmin.setStatus(ctx, { actor: ctx.user, ...args, now: Date.now() }),
});
