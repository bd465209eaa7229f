/**
 * The only place that registers Convex functions. Every public function is
 * built here so identity and role checks happen on the server, always.
 */
import { customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import {
  action,
  internalAction as rawInternalAction,
  internalMutation as rawInternalMutation,
  internalQuery as rawInternalQuery,
  mutation,
  query,
  httpAction as rawHttpAction,
  type MutationCtx,
  type QueryCtx,
} from "./_generated/server";
import type { Doc } from "./_generated/dataModel";
import { appError } from "./errors";
import type { Role } from "./validators";

export type SignedInUser = Doc<"users">;

/** The signed-in user's row, or null for visitors and users not yet stored. */
export async function currentUser(ctx: QueryCtx): Promise<SignedInUser | null> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) return null;
  return await ctx.db
    .query("users")
    .withIndex("by_tokenIdentifier", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
    .unique();
}

export async function requireUser(ctx: QueryCtx, roles?: readonly Role[]): Promise<SignedInUser> {
  const user = await currentUser(ctx);
  if (user === null) throw appError("UNAUTHENTICATED", "Sign in to continue.");
  if (user.status === "suspended") throw appError("FORBIDDEN", "This account is suspended. Contact support to have it reinstated.");
  if (roles !== undefined && !roles.includes(user.role)) {
    throw appError("FORBIDDEN", `This needs the ${roles.join(" or ")} role.`);
  }
  return user;
}

const withUser = (roles?: readonly Role[]) =>
  customCtx(async (ctx: QueryCtx | MutationCtx) => ({ user: await requireUser(ctx, roles) }));

export const publicQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ user: await currentUser(ctx) })),
);
export const publicMutation = mutation;
export const publicAction = action;

export const userQuery = customQuery(query, withUser());
export const userMutation = customMutation(mutation, withUser());
export const clientQuery = customQuery(query, withUser(["client"]));
export const clientMutation = customMutation(mutation, withUser(["client"]));
export const advisorQuery = customQuery(query, withUser(["advisor"]));
export const advisorMutation = customMutation(mutation, withUser(["advisor"]));
export const adminQuery = customQuery(query, withUser(["admin"]));
export const adminMutation = customMutation(mutation, withUser(["admin"]));

export const internalQuery = rawInternalQuery;
export const internalMutation = rawInternalMutation;
export const internalAction = rawInternalAction;
export const httpAction = rawHttpAction;
