import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { appError } from "./errors";
import {
  adminMutation,
  adminQuery,
  advisorMutation,
  advisorQuery,
  clientMutation,
  internalMutation,
  roomMutation,
  roomQuery,
  userQuery,
} from "./functions";
import { recordAudit, requireReason } from "./model/audit";
import * as Sessions from "./model/sessions";
import * as Lifecycle from "./model/sessionsLifecycle";
import { vSessionKind, vSessionStatus } from "./model/sessionsSchema";
import { sessionRow, sessionView, vSessionRow, vSessionView } from "./model/sessionsViews";

/** A client asks an online advisor for a chat or video session. The rate is snapshotted now. */
export const requestSession = clientMutation({
  args: { advisorId: v.id("advisors"), kind: vSessionKind },
  returns: v.id("sessions"),
  handler: async (ctx, args) => await Lifecycle.request(ctx, { client: ctx.user, ...args, now: Date.now() }),
});

export const cancelRequest = clientMutation({
  args: { sessionId: v.id("sessions") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const { session, role, actor } = await Sessions.loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    if (role !== "client") throw appError("FORBIDDEN", "Only the client can cancel the request.");
    await Lifecycle.closeRequest(ctx, session, "cancelled", actor, Date.now());
    return null;
  },
});

export const acceptSession = advisorMutation({
  args: { sessionId: v.id("sessions") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const { session, actor } = await Sessions.loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    await Lifecycle.accept(ctx, session, actor, Date.now());
    return null;
  },
});

export const declineSession = advisorMutation({
  args: { sessionId: v.id("sessions") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const { session, actor } = await Sessions.loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    await Lifecycle.closeRequest(ctx, session, "declined", actor, Date.now());
    return null;
  },
});

export const pauseSession = roomMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx, args) => {
    const { session, actor } = await Sessions.loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    await Lifecycle.pause(ctx, session, actor, Date.now());
    return null;
  },
});

/**
 * A participant resumes a paused session, as the pause's kind allows
 * (lib/sessions/lifecycle RESUME_RULES). Returns the session's status: "ended"
 * when it had passed its time limit, which ends it instead.
 */
export const resumeSession = roomMutation({
  args: {},
  returns: vSessionStatus,
  handler: async (ctx, args) => {
    const { session, role, actor } = await Sessions.loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    return (await Lifecycle.resume(ctx, session, { via: "click", by: role }, actor, Date.now())).status;
  },
});

export const endSession = roomMutation({
  args: {},
  returns: v.null(),
  handler: async (ctx, args) => {
    const { session, role, actor } = await Sessions.loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    await Lifecycle.end(ctx, session, role === "client" ? "client_ended" : "advisor_ended", actor, Date.now());
    return null;
  },
});

/** An admin ends any live session; audited. */
export const adminEndSession = adminMutation({
  args: { sessionId: v.id("sessions"), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, args) => {
    const reason = requireReason(args.reason);
    const session = await Sessions.loadSessionOrThrow(ctx, args.sessionId);
    const now = Date.now();
    const admin = { role: "admin" as const, id: ctx.user._id };
    if (session.status === "requested") await Lifecycle.closeRequest(ctx, session, "cancelled", admin, now);
    else await Lifecycle.end(ctx, session, "admin_ended", admin, now);
    await recordAudit(
      ctx,
      { actorId: ctx.user._id, action: "session.end", targetType: "sessions", targetId: session._id, before: { status: session.status }, after: { status: session.status === "requested" ? "cancelled" : "ended" }, reason },
      now,
    );
    return null;
  },
});

/** The live meter and state of one session, for its participants and admins. */
export const get = roomQuery({
  args: {},
  returns: vSessionView,
  handler: async (ctx, args) => {
    const { session, role } = await Sessions.loadSessionForViewer(ctx, args.sessionId, ctx.user);
    return await sessionView(ctx, session, role);
  },
});

/** The signed-in client's or advisor's live session (requested, active or paused), if any. */
export const current = userQuery({
  args: {},
  returns: v.union(v.null(), vSessionView),
  handler: async (ctx) => {
    const user = ctx.user;
    if (user.role === "client") {
      const live = await Sessions.liveSessionOfClient(ctx, user._id);
      return live === null ? null : await sessionView(ctx, live, "client");
    }
    if (user.role === "advisor") {
      const busy = await Sessions.busySessionOfAdvisor(ctx, user._id);
      return busy === null ? null : await sessionView(ctx, busy, "advisor");
    }
    return null;
  },
});

const INCOMING_LIMIT = 20;
const ADMIN_LIVE_LIMIT = 200;

/** Live sessions (requested, active, paused) for the admin dashboard, newest first per status. */
export const adminListLive = adminQuery({
  args: {},
  returns: v.array(vSessionView),
  handler: async (ctx) => {
    const views = [];
    for (const status of ["active", "paused", "requested"] as const) {
      const sessions = await ctx.db
        .query("sessions")
        .withIndex("by_status", (q) => q.eq("status", status))
        .order("desc")
        .take(ADMIN_LIVE_LIMIT);
      for (const session of sessions) views.push(await sessionView(ctx, session, "admin"));
    }
    return views.slice(0, ADMIN_LIVE_LIMIT);
  },
});

/** Requests waiting for the signed-in advisor's answer, oldest first. */
export const incomingRequests = advisorQuery({
  args: {},
  returns: v.array(vSessionView),
  handler: async (ctx) => {
    const requests = await ctx.db
      .query("sessions")
      .withIndex("by_advisorUserId_and_status", (q) => q.eq("advisorUserId", ctx.user._id).eq("status", "requested"))
      .take(INCOMING_LIMIT);
    return await Promise.all(requests.map((s) => sessionView(ctx, s, "advisor")));
  },
});

/** Session history of the signed-in client or advisor, newest first, filtered by status, kind and request date. */
export const listMine = userQuery({
  args: {
    paginationOpts: paginationOptsValidator,
    status: v.optional(vSessionStatus),
    kind: v.optional(vSessionKind),
    from: v.optional(v.number()),
    to: v.optional(v.number()),
  },
  returns: paginationResultValidator(vSessionRow),
  handler: async (ctx, args) => {
    const user = ctx.user;
    if (user.role === "admin") throw appError("FORBIDDEN", "Admins see sessions in the admin dashboard.");
    const side = user.role === "client" ? "client" : "advisor";
    const from = args.from ?? 0;
    const to = args.to ?? Number.MAX_SAFE_INTEGER;
    const base =
      side === "client"
        ? ctx.db.query("sessions").withIndex("by_clientId_and_requestedAt", (q) => q.eq("clientId", user._id).gte("requestedAt", from).lte("requestedAt", to))
        : ctx.db.query("sessions").withIndex("by_advisorUserId_and_requestedAt", (q) => q.eq("advisorUserId", user._id).gte("requestedAt", from).lte("requestedAt", to));
    const filtered = base.order("desc").filter((q) =>
      q.and(
        args.status === undefined ? true : q.eq(q.field("status"), args.status),
        args.kind === undefined ? true : q.eq(q.field("kind"), args.kind),
      ),
    );
    const result = await filtered.paginate(args.paginationOpts);
    return { ...result, page: await Promise.all(result.page.map((s) => sessionRow(ctx, s, side))) };
  },
});

export const expireRequest = internalMutation({
  args: { sessionId: v.id("sessions") },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Lifecycle.expireRequest(ctx, args.sessionId, Date.now());
    return null;
  },
});

/** Scheduled at a session's time limit (zero-balance pause, disconnection): ends it if the limit still applies. Idempotent. */
export const enforceLimits = internalMutation({
  args: { sessionId: v.id("sessions") },
  returns: v.null(),
  handler: async (ctx, args) => {
    const session = await ctx.db.get(args.sessionId);
    if (session !== null) await Lifecycle.catchUp(ctx, session, Date.now());
    return null;
  },
});
