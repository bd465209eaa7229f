import { pick } from "convex-helpers";
import { v, type Infer } from "convex/values";
import { userQuery } from "./functions";
import { vBookingStatus } from "./model/bookingsSchema";
import { loadSessionForViewer } from "./model/sessions";
import { receipt } from "./model/sessionsReceipts";
import { topUpsBetween } from "./model/wallets";
import { sessionFields, vActorRole, vSessionEventKind } from "./model/sessionsSchema";
import { vSessionDocument } from "./documents";

const vTimelineItem = v.object({
  kind: v.union(vSessionEventKind, v.literal("warning")),
  /** Pause/end reason, or the warning (two_minutes, one_minute, exhausted). */
  reason: v.optional(v.string()),
  actorRole: vActorRole,
  billedSeconds: v.number(),
  at: v.number(),
});

/** Every copy of a receipt; the client's wallet figures are on the client's and the admin's copies only (SPEC §4). */
const sharedReceiptFields = {
  sessionId: v.id("sessions"),
  ...pick(sessionFields, [
    "kind",
    "status",
    "endReason",
    "requestedAt",
    "acceptedAt",
    "endedAt",
    "billedSeconds",
    "rateCentsPerMinute",
    "currency",
    "chargeCents",
    "settlementTransactionId",
  ]),
  clientName: v.string(),
  advisorName: v.string(),
  billedDuration: v.string(),
  wallClockSeconds: v.number(),
  wallClockDuration: v.string(),
  /** Settled: charge = fee + earning (0 for an unbilled session). */
  feeCents: v.number(),
  earningCents: v.number(),
  timeline: v.array(vTimelineItem),
  documents: v.array(vSessionDocument),
  rating: v.union(v.null(), v.object({ stars: v.number(), text: v.optional(v.string()) })),
  /** A booked session's booking (SPEC §5): its prepaid price and what its outcome charged, apart from any per-second charge after the booked time. */
  booking: v.optional(
    v.object({ durationMinutes: v.number(), status: vBookingStatus, priceCents: v.number(), chargedCents: v.optional(v.number()), feeCents: v.optional(v.number()), earningCents: v.optional(v.number()) }),
  ),
};

/**
 * The client's money around the session, as separate lines: the available
 * balance at the start, the top-ups made during the session, and the wallet
 * (cash + promo) just before and after settlement.
 */
const walletReceiptFields = {
  ...pick(sessionFields, ["availableAtStartCents", "walletBeforeCents", "walletAfterCents"]),
  topUpsDuringCents: v.number(),
  topUpsDuringCount: v.number(),
};

const vReceipt = v.union(
  v.object({ viewerRole: v.literal("client"), ...sharedReceiptFields, ...walletReceiptFields }),
  v.object({ viewerRole: v.literal("advisor"), ...sharedReceiptFields }),
  v.object({ viewerRole: v.literal("admin"), ...sharedReceiptFields, ...walletReceiptFields }),
);
export type Receipt = Infer<typeof vReceipt>;
export const SHARED_RECEIPT_FIELDS = ["viewerRole", ...Object.keys(sharedReceiptFields)];

/** The receipt of an ended session for its participants and admins, in the viewer's own shape; null while the session is not ended. */
export const get = userQuery({
  args: { sessionId: v.id("sessions") },
  returns: v.union(v.null(), vReceipt),
  handler: async (ctx, args) => {
    const { session, role } = await loadSessionForViewer(ctx, args.sessionId, ctx.user);
    if (session.status !== "ended") return null;
    const shared = await receipt(ctx, session);
    if (role === "advisor") return { viewerRole: role, ...shared };
    const settledAt = session.settlementTransactionId === undefined ? undefined : (await ctx.db.get(session.settlementTransactionId))?.at;
    const topUps =
      session.acceptedAt === undefined
        ? { cents: 0, count: 0 }
        : await topUpsBetween(ctx, { ownerId: session.clientId, currency: session.currency, from: session.acceptedAt, to: settledAt ?? session.endedAt ?? session.acceptedAt });
    const wallet = {
      availableAtStartCents: session.availableAtStartCents,
      topUpsDuringCents: topUps.cents,
      topUpsDuringCount: topUps.count,
      walletBeforeCents: session.walletBeforeCents,
      walletAfterCents: session.walletAfterCents,
    };
    return { viewerRole: role, ...shared, ...wallet };
  },
});
