import { v } from "convex/values";
import { adminMutation, adminQuery, publicMutation, publicQuery } from "./functions";
import * as Users from "./model/users";
import { vRole } from "./validators";

/** `suspended` only on a suspended user (userAdmin.setStatus): their pages say so instead of failing. */
const vPublicUser = v.object({ _id: v.id("users"), name: v.string(), email: v.string(), role: vRole, suspended: v.optional(v.literal(true)) });

/**
 * The signed-in user, or null for visitors (and before the first `store`).
 * A suspended user in a running session also gets its id: the one place
 * they may still go, to finish it.
 */
export const current = publicQuery({
  args: {},
  returns: v.union(v.null(), v.object({ ...vPublicUser.fields, liveSessionId: v.optional(v.id("sessions")) })),
  handler: async (ctx) => (ctx.user === null ? null : await Users.currentView(ctx, ctx.user)),
});

/** Called after every sign-in: creates the user on first sign-in, as a client. */
export const store = publicMutation({
  args: {},
  returns: v.id("users"),
  handler: async (ctx) => await Users.storeFromIdentity(ctx, await ctx.auth.getUserIdentity()),
});

export const list = adminQuery({
  args: { role: v.optional(vRole) },
  returns: v.array(vPublicUser),
  handler: async (ctx, args) => await Users.list(ctx, args.role),
});

/** An admin changes another user's role, with a reason (1–500 characters) for the audit log. */
export const setRole = adminMutation({
  args: { userId: v.id("users"), role: vRole, reason: v.string() },
  returns: vPublicUser,
  handler: async (ctx, args) => await Users.setRole(ctx, { actor: ctx.user, ...args, now: Date.now() }),
});

export const recentRoleChanges = adminQuery({
  args: {},
  returns: v.array(
    v.object({
      _id: v.id("auditLog"),
      at: v.number(),
      actorName: v.string(),
      targetName: v.string(),
      before: v.union(v.null(), vRole),
      after: v.union(v.null(), vRole),
    }),
  ),
  handler: async (ctx) => await Users.recentRoleChanges(ctx, 10),
});

/** Only answers when the deployment runs local sign-in (never with Clerk, never in production by accident). */
export const listLocalAccounts = publicQuery({
  args: {},
  returns: v.array(v.object({ name: v.string(), email: v.string(), role: vRole })),
  handler: async (ctx) => await Users.listLocalAccounts(ctx),
});
