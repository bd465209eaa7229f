/**
 * The admin's view of users (issue 14, item 5): search by name or email,
 * filter by role and status, one user's sessions, disputes and audit entries,
 * and suspension. A suspended user stays signed in but every function that
 * needs a user refuses them (functions.ts requireUser), except the room
 * functions of a session already running, which goes on to its normal end; a
 * suspended advisor is also hidden and offline until reinstated, and pending
 * requests to or from the suspended user are cancelled.
 */
import type { PaginationOptions } from "convex/server";
import { v } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { appError } from "../errors";
import type { Role, UserStatus } from "../validators";
import { vRole, vUserStatus } from "../validators";
import { recordAudit, requireReason } from "./audit";
import * as Advisors from "./advisors";
import * as Bookings from "./bookings";
import { vBookingStatus } from "./bookingsSchema";
import { MAX_FILTER_LENGTH, requirePage } from "./adminRecords";
import { notify } from "./notifications";
import { closeRequest } from "./sessionsLifecycle";
import { loadUserOrThrow } from "./users";

/** How many of a user's sessions, disputes and audit entries the user page lists (newest first). */
export const DETAIL_LIMIT = 20;

export const vUserRow = v.object({ _id: v.id("users"), name: v.string(), email: v.string(), role: vRole, status: vUserStatus, joinedAt: v.number() });

export function userRow(user: Doc<"users">) {
  return { _id: user._id, name: user.name, email: user.email, role: user.role, status: user.status ?? ("active" as const), joinedAt: user._creationTime };
}

export type UserSearch = { text?: string; role?: Role; status?: UserStatus };

/**
 * Users newest first: an exact email when the text has an @, else a search of
 * names; narrowed by role and status. Without text, by role or status index.
 */
export async function search(ctx: QueryCtx, filters: UserSearch, opts: PaginationOptions) {
  requirePage(opts);
  const text = filters.text?.trim() ?? "";
  if (text.length > MAX_FILTER_LENGTH) throw appError("INVALID_ARGUMENT", `At most ${MAX_FILTER_LENGTH} characters.`, "text");
  const { role, status } = filters;
  const keep = (u: Doc<"users">) => (role === undefined || u.role === role) && (status === undefined || (u.status ?? "active") === status);
  if (text.includes("@")) {
    const byEmail = async (email: string) => await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", email)).first();
    const user = (await byEmail(text)) ?? (await byEmail(text.toLowerCase()));
    return { page: user !== null && keep(user) ? [userRow(user)] : [], isDone: true, continueCursor: "" };
  }
  const query =
    text !== ""
      ? ctx.db.query("users").withSearchIndex("search_name", (q) => {
          const searched = q.search("name", text);
          return role === undefined ? searched : searched.eq("role", role);
        })
      : status === "suspended"
        ? ctx.db.query("users").withIndex("by_status", (q) => q.eq("status", "suspended")).order("desc")
        : role !== undefined
          ? ctx.db.query("users").withIndex("by_role", (q) => q.eq("role", role)).order("desc")
          : ctx.db.query("users").order("desc");
  const narrowed = query.filter((q) =>
    q.and(
      role === undefined ? true : q.eq(q.field("role"), role),
      status === undefined ? true : status === "suspended" ? q.eq(q.field("status"), "suspended") : q.neq(q.field("status"), "suspended"),
    ),
  );
  const result = await narrowed.paginate(opts);
  return { ...result, page: result.page.map(userRow) };
}

const vSessionLine = v.object({
  _id: v.id("sessions"),
  side: v.union(v.literal("client"), v.literal("advisor")),
  otherName: v.string(),
  kind: v.union(v.literal("chat"), v.literal("video")),
  status: v.string(),
  requestedAt: v.number(),
  billedSeconds: v.number(),
  chargeCents: v.number(),
  currency: v.string(),
});

export const vUserDetail = v.object({
  user: vUserRow,
  sessions: v.array(vSessionLine),
  disputes: v.array(
    v.object({ _id: v.id("disputes"), sessionId: v.id("sessions"), side: v.union(v.literal("client"), v.literal("advisor")), status: v.string(), reason: v.string(), openedAt: v.number(), refundCents: v.number() }),
  ),
  audit: v.array(v.object({ _id: v.id("auditLog"), at: v.number(), actorName: v.string(), action: v.string(), reason: v.string() })),
  /** Bookings on either side, latest start first, and (an advisor's reliability record) booked sessions they did not join. */
  bookings: v.array(
    v.object({
      _id: v.id("bookings"),
      side: v.union(v.literal("client"), v.literal("advisor")),
      otherName: v.string(),
      kind: v.union(v.literal("chat"), v.literal("video")),
      durationMinutes: v.number(),
      startsAt: v.number(),
      status: vBookingStatus,
      priceCents: v.number(),
      chargedCents: v.optional(v.number()),
      currency: v.string(),
    }),
  ),
  bookingNoShows: v.optional(v.number()),
});

async function nameOf(ctx: QueryCtx, id: Id<"users">) {
  return (await ctx.db.get(id))?.name ?? "Deleted user";
}

/** One user with their latest sessions (either side), disputes (either side) and the audit entries about them. */
export async function detail(ctx: QueryCtx, userId: Id<"users">) {
  const user = await loadUserOrThrow(ctx, userId);
  const asClient = await ctx.db.query("sessions").withIndex("by_clientId_and_requestedAt", (q) => q.eq("clientId", userId)).order("desc").take(DETAIL_LIMIT);
  const asAdvisor = await ctx.db.query("sessions").withIndex("by_advisorUserId_and_requestedAt", (q) => q.eq("advisorUserId", userId)).order("desc").take(DETAIL_LIMIT);
  const sessions = [];
  for (const s of [...asClient, ...asAdvisor].sort((a, b) => b.requestedAt - a.requestedAt).slice(0, DETAIL_LIMIT)) {
    const side = s.clientId === userId ? ("client" as const) : ("advisor" as const);
    sessions.push({
      _id: s._id,
      side,
      otherName: await nameOf(ctx, side === "client" ? s.advisorUserId : s.clientId),
      kind: s.kind,
      status: s.status,
      requestedAt: s.requestedAt,
      billedSeconds: s.billedSeconds,
      chargeCents: s.chargeCents,
      currency: s.currency,
    });
  }
  const disputesAsClient = await ctx.db.query("disputes").withIndex("by_clientId_and_openedAt", (q) => q.eq("clientId", userId)).order("desc").take(DETAIL_LIMIT);
  const disputesAsAdvisor = await ctx.db.query("disputes").withIndex("by_advisorUserId_and_openedAt", (q) => q.eq("advisorUserId", userId)).order("desc").take(DETAIL_LIMIT);
  const disputes = [...disputesAsClient, ...disputesAsAdvisor]
    .sort((a, b) => b.openedAt - a.openedAt)
    .slice(0, DETAIL_LIMIT)
    .map((d) => ({ _id: d._id, sessionId: d.sessionId, side: d.clientId === userId ? ("client" as const) : ("advisor" as const), status: d.status, reason: d.reason, openedAt: d.openedAt, refundCents: d.refundCents ?? 0 }));
  const entries = await ctx.db.query("auditLog").withIndex("by_targetId_and_at", (q) => q.eq("targetId", userId)).order("desc").take(DETAIL_LIMIT);
  const audit = [];
  for (const e of entries) audit.push({ _id: e._id, at: e.at, actorName: await nameOf(ctx, e.actorId), action: e.action, reason: e.reason ?? "" });
  const bookedAsClient = await ctx.db.query("bookings").withIndex("by_clientId_and_startsAt", (q) => q.eq("clientId", userId)).order("desc").take(DETAIL_LIMIT);
  const bookedAsAdvisor = await ctx.db.query("bookings").withIndex("by_advisorUserId_and_startsAt", (q) => q.eq("advisorUserId", userId)).order("desc").take(DETAIL_LIMIT);
  const bookings = [];
  for (const b of [...bookedAsClient, ...bookedAsAdvisor].sort((a, c) => c.startsAt - a.startsAt).slice(0, DETAIL_LIMIT)) {
    const side = b.clientId === userId ? ("client" as const) : ("advisor" as const);
    const { _id, kind, durationMinutes, startsAt, status, priceCents, chargedCents, currency } = b;
    bookings.push({ _id, side, otherName: await nameOf(ctx, side === "client" ? b.advisorUserId : b.clientId), kind, durationMinutes, startsAt, status, priceCents, chargedCents, currency });
  }
  const profile = user.role === "advisor" ? await ctx.db.query("advisors").withIndex("by_userId", (q) => q.eq("userId", userId)).unique() : null;
  return { user: userRow(user), sessions, disputes, audit, bookings, bookingNoShows: profile?.bookingNoShows ?? (profile === null ? undefined : 0) };
}

/** More than this many requests waiting for one advisor is not possible in practice; any beyond it expire on their own. */
const PENDING_REQUESTS_LIMIT = 100;

/**
 * Cancels the requests waiting on a user being suspended: their own (as a
 * client) and those addressed to them (as an advisor, who could no longer
 * accept them); the client of the latter is told. Nothing was charged.
 */
async function cancelPendingRequests(ctx: MutationCtx, user: Doc<"users">, actor: Doc<"users">, now: number) {
  const admin = { role: "admin" as const, id: actor._id };
  const own = await ctx.db.query("sessions").withIndex("by_clientId_and_status", (q) => q.eq("clientId", user._id).eq("status", "requested")).take(PENDING_REQUESTS_LIMIT);
  for (const request of own) await closeRequest(ctx, request, "cancelled", admin, now);
  const addressed = await ctx.db
    .query("sessions")
    .withIndex("by_advisorUserId_and_status", (q) => q.eq("advisorUserId", user._id).eq("status", "requested"))
    .take(PENDING_REQUESTS_LIMIT);
  for (const request of addressed) {
    await closeRequest(ctx, request, "cancelled", admin, now);
    await notify(ctx, {
      userId: request.clientId,
      kind: "session_declined",
      title: `${user.name} is not available any more`,
      body: "Your request was cancelled and nothing was charged. Choose another advisor.",
      href: "/advisors",
      now,
    });
  }
}

/**
 * Suspends or reinstates a user, with a reason, audited ("user.suspend" /
 * "user.reinstate"). Allowed at any time: a running session is not cut
 * (functions.ts requireUser admits its participants until it ends).
 */
export async function setStatus(ctx: MutationCtx, args: { actor: Doc<"users">; userId: Id<"users">; status: UserStatus; reason: string; now: number }) {
  const reason = requireReason(args.reason);
  const target = await loadUserOrThrow(ctx, args.userId);
  const before = target.status ?? "active";
  if (target._id === args.actor._id) throw appError("CONFLICT", "You cannot suspend or reinstate yourself.");
  if (before === args.status) throw appError("CONFLICT", args.status === "suspended" ? "This user is already suspended." : "This user is not suspended.");
  await ctx.db.patch(target._id, { status: args.status });
  if (args.status === "suspended") {
    await cancelPendingRequests(ctx, target, args.actor, args.now);
    await Bookings.cancelForSuspension(ctx, target._id, args.now);
  }
  if (target.role === "advisor") {
    if (args.status === "suspended") await Advisors.suspendProfile(ctx, target._id);
    else await Advisors.activateProfile(ctx, target._id);
  }
  await recordAudit(
    ctx,
    { actorId: args.actor._id, action: args.status === "suspended" ? "user.suspend" : "user.reinstate", targetType: "user", targetId: target._id, before: { status: before }, after: { status: args.status }, reason },
    args.now,
  );
  return userRow({ ...target, status: args.status });
}
