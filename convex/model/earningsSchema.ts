/**
 * Tables of advisor earnings and withdrawals (SPEC §6). The money itself is in
 * the ledger; these are the rollups its writers keep in the same transaction
 * (so the earnings page reads a bounded number of documents) and the
 * withdrawal requests with their masked bank details.
 */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { WITHDRAWAL_STATUSES } from "../../lib/earnings/withdrawals";

export { WITHDRAWAL_STATUSES, OPEN_WITHDRAWAL_STATUSES, type WithdrawalStatus } from "../../lib/earnings/withdrawals";
export const vWithdrawalStatus = v.union(...WITHDRAWAL_STATUSES.map((status) => v.literal(status)));

/** Where a payout goes, as much as is kept of it: never the full account number. */
export const vBankSnapshot = v.object({ holderName: v.string(), last4: v.string() });

export const earningsTables = {
  /** Per advisor, currency and UTC day (YYYY-MM-DD) of the session's end: what settled sessions earned. */
  advisorEarningDays: defineTable({
    advisorUserId: v.id("users"),
    currency: v.string(),
    day: v.string(),
    earnedCents: v.number(),
    sessions: v.number(),
    billedSeconds: v.number(),
  }).index("by_advisorUserId_and_currency_and_day", ["advisorUserId", "currency", "day"]),

  /** Per advisor and currency: all-time totals, kept with the day rows and the payouts. */
  advisorEarningTotals: defineTable({
    advisorUserId: v.id("users"),
    currency: v.string(),
    earnedCents: v.number(),
    sessions: v.number(),
    billedSeconds: v.number(),
    paidOutCents: v.number(),
  }).index("by_advisorUserId_and_currency", ["advisorUserId", "currency"]),

  /** One per advisor: the payout destination, masked. */
  bankDetails: defineTable({
    userId: v.id("users"),
    ...vBankSnapshot.fields,
    /** Stripe Connect Express account, when Stripe is configured and onboarding started. */
    stripeAccountId: v.optional(v.string()),
    updatedAt: v.number(),
  }).index("by_userId", ["userId"]),

  withdrawals: defineTable({
    advisorUserId: v.id("users"),
    amount: v.number(),
    currency: v.string(),
    status: vWithdrawalStatus,
    bank: vBankSnapshot,
    requestedAt: v.number(),
    decidedAt: v.optional(v.number()),
    decidedBy: v.optional(v.id("users")),
    paidAt: v.optional(v.number()),
    rejectionReason: v.optional(v.string()),
    stripeTransferId: v.optional(v.string()),
    /** Approved with Stripe Connect: the transfer, not an admin, marks it paid (model/payouts.ts). */
    viaStripe: v.optional(v.boolean()),
    /** Why Stripe refused the transfer; the admin then rejects it or pays it another way. */
    transferFailure: v.optional(v.string()),
    updatedAt: v.number(),
  })
    .index("by_advisorUserId_and_requestedAt", ["advisorUserId", "requestedAt"])
    .index("by_advisorUserId_and_status", ["advisorUserId", "status"])
    .index("by_status_and_requestedAt", ["status", "requestedAt"])
    .index("by_requestedAt", ["requestedAt"]),
};
