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
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import { appError } from "./errors";
import { isBusy, participantRole } from "./model/sessions";
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

/**
 * Suspension never cuts a running session (decision 016): a suspended user is
 * still admitted to the room functions of an active or paused session they
 * take part in, so it runs to its normal end; to nothing else.
 */
async function suspendedMayEnter(ctx: QueryCtx, user: SignedInUser, roomSessionId: Id<"sessions"> | undefined): Promise<boolean> {
  if (roomSessionId === undefined) return false;
  const session = await ctx.db.get(roomSessionId);
  return session !== null && isBusy(session.status) && participantRole(session, user) !== null;
}

/** The signed-in user with one of `roles`; `roomSessionId` names the session a room function acts in. */
export async function requireUser(ctx: QueryCtx, roles?: readonly Role[], roomSessionId?: Id<"sessions">): Promise<SignedInUser> {
  const user = await currentUser(ctx);
  if (user === null) throw appError("UNAUTHENTICATED", "Sign in to continue.");
  if (user.status === "suspended" && !(await suspendedMayEnter(ctx, user, roomSessionId))) {
    throw appError("FORBIDDEN", "This account is suspended. Contact support to have it reinstated.");
  }
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

/**
 * Published platform limits a session room shows (document size and types,
 * video timings): any signed-in user, suspended or not, may read them.
 */
export const signedInQuery = customQuery(
  query,
  customCtx(async (ctx) => {
    const user = await currentUser(ctx);
    if (user === null) throw appError("UNAUTHENTICATED", "Sign in to continue.");
    return { user };
  }),
);
export const userQuery = customQuery(query, withUser());
export const userMutation = customMutation(mutation, withUser());
export const clientQuery = customQuery(query, withUser(["client"]));
export const clientMutation = customMutation(mutation, withUser(["client"]));
export const advisorQuery = customQuery(query, withUser(["advisor"]));
export const advisorMutation = customMutation(mutation, withUser(["advisor"]));
export const adminQuery = customQuery(query, withUser(["admin"]));
export const adminMutation = customMutation(mutation, withUser(["admin"]));

/**
 * A session room's functions (chat, documents, signals, heartbeats, pause,
 * resume, end): they take the `sessionId` they act in, which is what lets a
 * suspended participant finish a live session. The handler still checks the
 * caller takes part in it (model/sessions loaders).
 */
const inRoom = {
  args: { sessionId: v.id("sessions") },
  input: async (ctx: QueryCtx, args: { sessionId: Id<"sessions"> }) => ({ ctx: { user: await requireUser(ctx, undefined, args.sessionId) }, args }),
};
export const roomQuery = customQuery(query, inRoom);
export const roomMutation = customMutation(mutation, inRoom);

export const internalQuery = rawInternalQuery;
export const internalMutation = rawInternalMutation;
export const internalAction = rawInternalAction;
export const httpAction = rawHttpAction;
