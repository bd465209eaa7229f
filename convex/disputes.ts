/** Disputes and satisfaction credit (SPEC §7); rules in model/disputes.ts. */
import { v } from "convex/values";
import { adminMutation, adminQuery, clientMutation, userQuery } from "./functions";
import type { Doc } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import * as Disputes from "./model/disputes";
import { disputeFields, vDisputeOutcome, vDisputeReason, vDisputeStatus } from "./model/disputesSchema";
import { loadSessionForParticipant, loadSessionForViewer, loadSessionOrThrow } from "./model/sessions";
import { userName } from "./model/sessionsViews";
import { getSettings } from "./model/settings";

const HOUR = 60 * 60 * 1000;
/** Rows an admin list or an evidence section reads at most. */
const LIST_LIMIT = 100;

/** A dispute as a participant sees it: the client sees what was refunded, the advisor what was taken back from the earning. */
const vDisputeView = v.object({
  _id: v.id("disputes"),
  reason: vDisputeReason,
  description: v.string(),
  status: vDisputeStatus,
  openedAt: v.number(),
  outcome: v.optional(vDisputeOutcome),
  note: v.optional(v.string()),
  resolvedAt: v.optional(v.number()),
  refundCents: v.optional(v.number()),
  earningReversedCents: v.optional(v.number()),
});

function disputeView(d: Doc<"disputes">, role: "client" | "advisor" | "admin") {
  const { _id, reason, description, status, openedAt, outcome, note, resolvedAt, refundCents, earningReversedCents } = d;
  return {
    _id,
    reason,
    description,
    status,
    openedAt,
    outcome,
    note,
    resolvedAt,
    refundCents: role === "advisor" ? undefined : refundCents,
    earningReversedCents: role === "client" ? undefined : earningReversedCents,
  };
}

/** Disputes, satisfaction credit and (for the client) what can still be done on one session, live for both sides. */
export const forSession = userQuery({
  args: { sessionId: v.id("sessions") },
  returns: v.object({
    viewerRole: v.union(v.literal("client"), v.literal("advisor"), v.literal("admin")),
    currency: v.string(),
    disputes: v.array(vDisputeView),
    /** The client's satisfaction credit on this session (not shown to the advisor, whose earning it does not touch). */
    credit: v.union(v.null(), v.object({ amount: v.number(), at: v.number() })),
    /** For the client only: whether a dispute or a credit can be started now, and why not. */
    options: v.union(
      v.null(),
      v.object({
        disputeUntil: v.union(v.null(), v.number()),
        disputeRefusal: v.union(v.null(), v.string()),
        creditAmount: v.number(),
        creditRefusal: v.union(v.null(), v.string()),
        /** A client gets one satisfaction credit per this many days (setting). */
        creditEveryDays: v.number(),
      }),
    ),
  }),
  handler: async (ctx, args) => {
    const { session, role } = await loadSessionForViewer(ctx, args.sessionId, ctx.user);
    const disputes = await ctx.db
      .query("disputes")
      .withIndex("by_sessionId_and_status", (q) => q.eq("sessionId", session._id))
      .take(LIST_LIMIT);
    const creditRow =
      role === "advisor" ? null : await ctx.db.query("satisfactionCredits").withIndex("by_sessionId", (q) => q.eq("sessionId", session._id)).first();
    let options = null;
    if (role === "client") {
      const settings = await getSettings(ctx);
      const now = Date.now();
      const offer = await Disputes.creditOffer(ctx, session, settings, now);
      options = {
        disputeUntil: session.endedAt === undefined ? null : session.endedAt + settings.disputeWindowHours * HOUR,
        disputeRefusal: await Disputes.disputeRefusal(ctx, session, settings, now),
        creditAmount: offer.amount,
        creditRefusal: offer.refusal,
        creditEveryDays: settings.satisfactionCreditEveryDays,
      };
    }
    return {
      viewerRole: role,
      currency: session.currency,
      disputes: disputes.sort((a, b) => b.openedAt - a.openedAt).map((d) => disputeView(d, role)),
      credit: creditRow === null ? null : { amount: creditRow.amount, at: creditRow.at },
      options,
    };
  },
});

/** The session's client opens a dispute on it. */
export const open = clientMutation({
  args: { sessionId: v.id("sessions"), reason: vDisputeReason, description: v.string() },
  returns: v.id("disputes"),
  handler: async (ctx, args) => {
    const { session } = await loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    return await Disputes.open(ctx, { session, clientId: ctx.user._id, reason: args.reason, description: args.description, now: Date.now() });
  },
});

/** The session's client takes the satisfaction credit it offers, as promo credit. */
export const takeSatisfactionCredit = clientMutation({
  args: { sessionId: v.id("sessions") },
  returns: v.object({ amount: v.number() }),
  handler: async (ctx, args) => {
    const { session } = await loadSessionForParticipant(ctx, args.sessionId, ctx.user);
    const { amount } = await Disputes.takeSatisfactionCredit(ctx, { session, clientId: ctx.user._id, now: Date.now() });
    return { amount };
  },
});

const vQueueRow = v.object({
  ...disputeFields,
  _id: v.id("disputes"),
  _creationTime: v.number(),
  clientName: v.string(),
  advisorName: v.string(),
  chargeCents: v.number(),
});

async function queueRow(ctx: QueryCtx, d: Doc<"disputes">) {
  const session = await loadSessionOrThrow(ctx, d.sessionId);
  return { ...d, clientName: await userName(ctx, d.clientId), advisorName: await userName(ctx, d.advisorUserId), chargeCents: session.chargeCents };
}

/** The admin's queue: disputes of one status, oldest open first, newest resolved first (bounded). */
export const queue = adminQuery({
  args: { status: vDisputeStatus },
  returns: v.array(vQueueRow),
  handler: async (ctx, args) => {
    const rows = await ctx.db
      .query("disputes")
      .withIndex("by_status_and_openedAt", (q) => q.eq("status", args.status))
      .order(args.status === "open" ? "asc" : "desc")
      .take(LIST_LIMIT);
    return await Promise.all(rows.map((d) => queueRow(ctx, d)));
  },
});

/** Open disputes, for the admin dashboard and navigation (real rows, bounded). */
export const openCount = adminQuery({
  args: {},
  returns: v.object({ count: v.number(), more: v.boolean() }),
  handler: async (ctx) => {
    const rows = await ctx.db
      .query("disputes")
      .withIndex("by_status_and_openedAt", (q) => q.eq("status", "open"))
      .take(LIST_LIMIT + 1);
    return { count: Math.min(rows.length, LIST_LIMIT), more: rows.length > LIST_LIMIT };
  },
});

const vEarlier = v.object({
  _id: v.id("disputes"),
  sessionId: v.id("sessions"),
  reason: vDisputeReason,
  status: vDisputeStatus,
  openedAt: v.number(),
  refundCents: v.optional(v.number()),
});

/** Everything an admin needs to decide one dispute (the receipt, timeline and documents come from receipts.get). */
export const evidence = adminQuery({
  args: { disputeId: v.id("disputes") },
  returns: v.object({
    dispute: vQueueRow,
    refundableCents: v.number(),
    credit: v.union(v.null(), v.object({ amount: v.number(), at: v.number() })),
    transcript: v.array(v.object({ kind: v.union(v.literal("user"), v.literal("system")), author: v.string(), body: v.string(), at: v.number() })),
    transcriptTruncated: v.boolean(),
    clientEarlier: v.array(vEarlier),
    advisorEarlier: v.array(vEarlier),
  }),
  handler: async (ctx, args) => {
    const dispute = await Disputes.loadDisputeOrThrow(ctx, args.disputeId);
    const session = await loadSessionOrThrow(ctx, dispute.sessionId);
    const messages = await ctx.db
      .query("messages")
      .withIndex("by_sessionId_and_at", (q) => q.eq("sessionId", session._id))
      .take(LIST_LIMIT * 5 + 1);
    const names = new Map([
      [session.clientId, `${await userName(ctx, session.clientId)} (client)`],
      [session.advisorUserId, `${await userName(ctx, session.advisorUserId)} (advisor)`],
    ]);
    const earlier = (rows: Doc<"disputes">[]) =>
      rows
        .filter((d) => d._id !== dispute._id)
        .map(({ _id, sessionId, reason, status, openedAt, refundCents }) => ({ _id, sessionId, reason, status, openedAt, refundCents }));
    const credit = await ctx.db.query("satisfactionCredits").withIndex("by_sessionId", (q) => q.eq("sessionId", session._id)).first();
    return {
      dispute: await queueRow(ctx, dispute),
      refundableCents: await Disputes.refundableLeft(ctx, session),
      credit: credit === null ? null : { amount: credit.amount, at: credit.at },
      transcript: messages.slice(0, LIST_LIMIT * 5).map((m) => ({
        kind: m.kind,
        author: m.authorId === undefined ? "System" : (names.get(m.authorId) ?? "Someone else"),
        body: m.body,
        at: m.at,
      })),
      transcriptTruncated: messages.length > LIST_LIMIT * 5,
      clientEarlier: earlier(
        await ctx.db.query("disputes").withIndex("by_clientId_and_openedAt", (q) => q.eq("clientId", dispute.clientId)).order("desc").take(21),
      ).slice(0, 20),
      advisorEarlier: earlier(
        await ctx.db
          .query("disputes")
          .withIndex("by_advisorUserId_and_openedAt", (q) => q.eq("advisorUserId", dispute.advisorUserId))
          .order("desc")
          .take(21),
      ).slice(0, 20),
    };
  },
});

/** An admin resolves an open dispute: full refund, partial refund (amount in minor units) or reject, with a note (audited). */
export const resolve = adminMutation({
  args: {
    disputeId: v.id("disputes"),
    outcome: vDisputeOutcome,
    amount: v.optional(v.number()),
    note: v.string(),
  },
  returns: v.null(),
  handler: async (ctx, args) => {
    await Disputes.resolve(ctx, {
      disputeId: args.disputeId,
      resolution: { outcome: args.outcome, amount: args.amount, note: args.note },
      adminId: ctx.user._id,
      now: Date.now(),
    });
    return null;
  },
});
