/** Tables of disputes and satisfaction credits (SPEC §7); rules in model/disputes.ts. */
import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { DISPUTE_OUTCOMES, DISPUTE_REASONS } from "../../lib/disputes/rules";

export const vDisputeReason = v.union(...DISPUTE_REASONS.map((reason) => v.literal(reason)));
export const vDisputeOutcome = v.union(...DISPUTE_OUTCOMES.map((outcome) => v.literal(outcome)));
export const vDisputeStatus = v.union(v.literal("open"), v.literal("refunded"), v.literal("rejected"));
export type DisputeStatus = Infer<typeof vDisputeStatus>;

export const disputeFields = {
  sessionId: v.id("sessions"),
  clientId: v.id("users"),
  advisorUserId: v.id("users"),
  reason: vDisputeReason,
  /** Trimmed, at most DISPUTE_DESCRIPTION_MAX characters. */
  description: v.string(),
  status: vDisputeStatus,
  currency: v.string(),
  openedAt: v.number(),
  // Set when an admin resolves it.
  outcome: v.optional(vDisputeOutcome),
  note: v.optional(v.string()),
  resolvedBy: v.optional(v.id("users")),
  resolvedAt: v.optional(v.number()),
  /** What the refund gave back to the client, and the advisor's earning and platform fee it took back. */
  refundCents: v.optional(v.number()),
  earningReversedCents: v.optional(v.number()),
  feeReversedCents: v.optional(v.number()),
  refundTransactionId: v.optional(v.id("ledgerTransactions")),
};

export const disputesTables = {
  disputes: defineTable(disputeFields)
    .index("by_sessionId_and_status", ["sessionId", "status"])
    .index("by_status_and_openedAt", ["status", "openedAt"])
    .index("by_clientId_and_openedAt", ["clientId", "openedAt"])
    .index("by_advisorUserId_and_openedAt", ["advisorUserId", "openedAt"]),

  /** A self-serve promo credit on an ended session, funded by the platform; the advisor keeps the earning. */
  satisfactionCredits: defineTable({
    sessionId: v.id("sessions"),
    clientId: v.id("users"),
    amount: v.number(),
    currency: v.string(),
    transactionId: v.id("ledgerTransactions"),
    at: v.number(),
  })
    .index("by_sessionId", ["sessionId"])
    .index("by_clientId_and_at", ["clientId", "at"]),
};
