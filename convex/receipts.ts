import { v, type Infer } from "convex/values";
import { userQuery } from "./functions";
import { loadSessionForViewer } from "./model/sessions";
import { receipt } from "./model/sessionsReceipts";
import { vActorRole, vEndReason, vSessionEventKind, vSessionKind, vSessionStatus } from "./model/sessionsSchema";
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
  settlementTransactionId: v.optional(v.id("ledgerTransactions")),
  timeline: v.array(vTimelineItem),
  documents: v.array(vSessionDocument),
  rating: v.union(v.null(), v.object({ stars: v.number(), text: v.optional(v.string()) })),
};

const walletReceiptFields = {
  /** The client's available balance when the session started. */
  availableAtStartCents: v.optional(v.number()),
  /** The wallet (cash + promo) just before and after settlement: after = before − charge. */
  walletBeforeCents: v.optional(v.number()),
  walletAfterCents: v.optional(v.number()),
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
    const wallet = {
      availableAtStartCents: session.availableAtStartCents,
      walletBeforeCents: session.walletBeforeCents,
      walletAfterCents: session.walletAfterCents,
    };
    switch (role) {
      case "client":
        return { viewerRole: role, ...shared, ...wallet };
      case "admin":
        return { viewerRole: role, ...shared, ...wallet };
      case "advisor":
        return { viewerRole: role, ...shared };
    }
  },
});
