/**
 * Users and roles. A user row is created on first sign-in (as a client, or an
 * admin when the identity's verified email is in ADMIN_EMAILS); admins change
 * roles afterwards, and every change is audited.
 */
import type { UserIdentity } from "convex/server";
import { config } from "../../lib/config";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import type { Role } from "../validators";
import { recordAudit, requireReason } from "./audit";
import * as Advisors from "./advisors";
import { busySessionOfAdvisor, busySessionOfClient, liveSessionOfClient } from "./sessions";

const LIST_LIMIT = 200;

/** What the UI may know about a user. */
export function publicUser(user: Doc<"users">) {
  return { _id: user._id, name: user.name, email: user.email, role: user.role, ...(user.status === "suspended" && { suspended: true as const }) };
}

/** The signed-in user's own view: a suspended user's running session (active or paused) comes with it. */
export async function currentView(ctx: QueryCtx, user: Doc<"users">): Promise<ReturnType<typeof publicUser> & { liveSessionId?: Id<"sessions"> }> {
  if (user.status !== "suspended") return publicUser(user);
  const running = (await busySessionOfClient(ctx, user._id)) ?? (await busySessionOfAdvisor(ctx, user._id));
  return { ...publicUser(user), ...(running !== null && { liveSessionId: running._id }) };
}

function nameFrom(identity: UserIdentity, email: string): string {
  const name = identity.name?.trim() || [identity.givenName, identity.familyName].filter(Boolean).join(" ").trim();
  return name || email.split("@")[0];
}

/** Creates the signed-in user's row on first sign-in, refreshes name and email afterwards. */
export async function storeFromIdentity(ctx: MutationCtx, identity: UserIdentity | null): Promise<Id<"users">> {
  if (identity === null) throw appError("UNAUTHENTICATED", "Sign in to continue.");
  const email = identity.email?.trim().toLowerCase();
  if (!email) throw appError("INVALID_ARGUMENT", "Your account has no email address.");
  const name = nameFrom(identity, email);

  const existing = await ctx.db
    .query("users")
    .withIndex("by_tokenIdentifier", (q) => q.eq("tokenIdentifier", identity.tokenIdentifier))
    .unique();
  if (existing !== null) {
    if (existing.name !== name || existing.email !== email) await ctx.db.patch(existing._id, { name, email });
    return existing._id;
  }
  // Only a verified address counts: anyone can sign up claiming an email that is in ADMIN_EMAILS.
  const role: Role = identity.emailVerified === true && config.adminEmails.includes(email) ? "admin" : "client";
  return await ctx.db.insert("users", { tokenIdentifier: identity.tokenIdentifier, name, email, role });
}

export async function loadUserOrThrow(ctx: QueryCtx, userId: Id<"users">): Promise<Doc<"users">> {
  const user = await ctx.db.get(userId);
  if (user === null) throw appError("NOT_FOUND", "That user does not exist.");
  return user;
}

export async function list(ctx: QueryCtx, role?: Role) {
  const users =
    role === undefined
      ? await ctx.db.query("users").order("desc").take(LIST_LIMIT)
      : await ctx.db
          .query("users")
          .withIndex("by_role", (q) => q.eq("role", role))
          .order("desc")
          .take(LIST_LIMIT);
  return users.map(publicUser);
}

/**
 * The user's session that is requested, active or paused, on either side.
 * Sessions snapshot who the client and the advisor are, so a role change in
 * the middle of one would leave it with a party who can no longer act in it.
 */
export async function liveSessionOf(ctx: QueryCtx, userId: Id<"users">) {
  return (
    (await liveSessionOfClient(ctx, userId)) ??
    (await busySessionOfAdvisor(ctx, userId)) ??
    (await ctx.db
      .query("sessions")
      .withIndex("by_advisorUserId_and_status", (q) => q.eq("advisorUserId", userId).eq("status", "requested"))
      .first())
  );
}

/**
 * Changes a user's role, keeps the advisor profile in step, and writes the
 * audit log with the admin's reason. Refused while the user is in a live
 * session (requested, active or paused): end it first.
 */
export async function setRole(
  ctx: MutationCtx,
  args: { actor: Doc<"users">; userId: Id<"users">; role: Role; reason: string; now: number },
) {
  const reason = requireReason(args.reason);
  const target = await loadUserOrThrow(ctx, args.userId);
  if (target._id === args.actor._id) {
    throw appError("CONFLICT", "You can't change your own role; ask another admin.");
  }
  if (target.role === args.role) return publicUser(target);
  const live = await liveSessionOf(ctx, target._id);
  if (live !== null) {
    throw appError("CONFLICT", `${target.name} is in a ${live.status} session; the role can change once it ends.`);
  }

  await ctx.db.patch(target._id, { role: args.role });
  if (args.role === "advisor") await Advisors.activateProfile(ctx, target._id);
  else if (target.role === "advisor") await Advisors.suspendProfile(ctx, target._id);

  await recordAudit(
    ctx,
    {
      actorId: args.actor._id,
      action: "user.setRole",
      targetType: "users",
      targetId: target._id,
      before: { role: target.role },
      after: { role: args.role },
      reason,
    },
    args.now,
  );
  return publicUser({ ...target, role: args.role });
}

export async function recentRoleChanges(ctx: QueryCtx, limit: number) {
  const entries = await ctx.db.query("auditLog").withIndex("by_at").order("desc").take(limit * 4);
  const roleChanges = entries.filter((e) => e.action === "user.setRole").slice(0, limit);
  return await Promise.all(
    roleChanges.map(async (e) => {
      const actor = await ctx.db.get(e.actorId);
      const targetId = ctx.db.normalizeId("users", e.targetId);
      const target = targetId === null ? null : await ctx.db.get(targetId);
      return {
        _id: e._id,
        at: e.at,
        actorName: actor?.name ?? "Unknown",
        targetName: target?.name ?? "Unknown",
        before: (e.before as { role?: Role } | undefined)?.role ?? null,
        after: (e.after as { role?: Role } | undefined)?.role ?? null,
      };
    }),
  );
}

/** Accounts made by local sign-in, to pick from on the local sign-in page. */
export async function listLocalAccounts(ctx: QueryCtx) {
  if (!config.backendLocalAuthAllowed) {
    throw appError("FORBIDDEN", "Local sign-in is not enabled on this deployment.");
  }
  const prefix = `${config.localAuth.issuer}|`;
  const users = await ctx.db.query("users").take(LIST_LIMIT);
  return users
    .filter((u) => u.tokenIdentifier.startsWith(prefix))
    .map((u) => ({ name: u.name, email: u.email, role: u.role }));
}
