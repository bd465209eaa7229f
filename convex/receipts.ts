import { v } from "convex/values";
import { userQuery } from "./functions";
import { loadSessionForViewer } from "./model/sessions";
import { receipt } from "./model/sessionsReceipts";
import { vActorRole, vEndReason, vSessionKind, vSessionStatus } from "./model/sessionsSchema";
import { vSessionDocument } from "./documents";

const vTimelineItem = v.object({
  kind: v.union(
    v.literal("requested"),
    v.literal("accepted"),
    v.literal("declined"),
    v.literal("expired"),
    v.literal("cancelled"),
    v.literal("paused"),
    v.literal("resumed"),
    v.literal("ended"),
    v.literal("warning"),
  ),
  /** Pause/end reason, or the warning (two_minutes, one_minute, exhausted). */
  reason: v.optional(v.string()),
  actorRole: vActorRole,
  billedSeconds: v.number(),
  at: v.number(),
});

const vReceipt = v.object({
  sessionId: v.id("sessions"),
  kind: vSessionKind,
  status: vSessionStatus,
  endReason: v.optional(vEndReason),
  clientName: v.string(),
  advisorName: v.string(),
  requestedAt: v.number(),
  acceptedAt: v.optional(v.number()),
  endedAt: v.optional(v.number()),
  billedSeconds: v.number(),
  billedDuration: v.string(),
  wallClockSeconds: v.number(),
  wallClockDuration: v.string(),
  rateCentsPerMinute: v.number(),
  currency: v.string(),
  chargeCents: v.number(),
  feeCents: v.number(),
  earningCents: v.number(),
  /** The client's available balance when the session started. */
  availableAtStartCents: v.optional(v.number()),
  /** The wallet (cash + promo) just before and after settlement: after = before − charge. */
  walletBeforeCents: v.optional(v.number()),
  walletAfterCents: v.optional(v.number()),
  settlementTransactionId: v.optional(v.id("ledgerTransactions")),
  timeline: v.array(vTimelineItem),
  documents: v.array(vSessionDocument),
  rating: v.union(v.null(), v.object({ stars: v.number(), text: v.optional(v.string()) })),
});

/** The receipt of an ended session for its participants and admins; null while the session is not ended. */
export const get = userQuery({
  args: { sessionId: v.id("sessions") },
  returns: v.union(v.null(), vReceipt),
  handler: async (ctx, args) => {
    const { session } = await loadSessionForViewer(ctx, args.sessionId, ctx.user);
    if (session.status !== "ended") return null;
    return await receipt(ctx, session);
  },
});
