/**
 * Tables of the wallet and double-entry ledger. Only convex/model/ledger/
 * writes ledgerAccounts, ledgerTransactions, ledgerEntries and ledgerHolds.
 */
import { defineTable } from "convex/server";
import { v, type Infer } from "convex/values";
import { platformSettingsTable } from "./settings";
import { HISTORY_TYPES } from "../../lib/ledger/historyTypes";
import { BALANCE_REFUND_STATUSES, REFUND_PART_STATUSES } from "../../lib/payments/balanceRefunds";

export const ACCOUNT_KINDS = [
  "client_cash",
  "client_promo",
  /** A client's cash asked back and not yet refunded or returned (model/balanceRefunds.ts). */
  "client_refunding",
  "advisor_pending",
  "advisor_available",
  /** An advisor's requested withdrawals, out of available until paid or rejected. */
  "advisor_withdrawing",
  "platform_revenue",
  "external_payments",
  "payouts",
] as const;
export const vAccountKind = v.union(...ACCOUNT_KINDS.map((kind) => v.literal(kind)));
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** Accounts a user owns; the others are the platform's own (no owner). */
export const USER_ACCOUNT_KINDS: readonly AccountKind[] = ["client_cash", "client_promo", "client_refunding", "advisor_pending", "advisor_available", "advisor_withdrawing"];
/** The client's wallet: never below zero, holds count against it. Promo is spent first. */
export const CLIENT_WALLET_KINDS = ["client_promo", "client_cash"] as const satisfies readonly AccountKind[];

/** What a user sees in their history. */
export { HISTORY_TYPES, type HistoryType } from "../../lib/ledger/historyTypes";
export const vHistoryType = v.union(...HISTORY_TYPES.map((type) => v.literal(type)));

export const vHoldStatus = v.union(v.literal("active"), v.literal("captured"), v.literal("released"));
export type HoldStatus = Infer<typeof vHoldStatus>;

/** Ids of the business records a transaction or hold belongs to, e.g. { sessionId: "…" }. */
export const vRefs = v.record(v.string(), v.string());

export const vAuditProblem = v.object({
  problem: v.union(
    v.literal("balance_mismatch"),
    v.literal("held_mismatch"),
    v.literal("negative_wallet"),
    v.literal("unbalanced_transaction"),
    v.literal("currency_not_zero"),
    // Checked against the records that move money (model/ledger/auditRecords.ts).
    v.literal("duplicate_key"),
    v.literal("checkout_extra_credit"),
    v.literal("checkout_credit_mismatch"),
    v.literal("session_billed_seconds_mismatch"),
    v.literal("session_charge_mismatch"),
    v.literal("session_split_mismatch"),
    v.literal("session_settlement_mismatch"),
    v.literal("booking_settlement_mismatch"),
  ),
  currency: v.string(),
  accountId: v.optional(v.id("ledgerAccounts")),
  ownerId: v.optional(v.id("users")),
  kind: v.optional(vAccountKind),
  transactionId: v.optional(v.id("ledgerTransactions")),
  key: v.optional(v.string()),
  checkoutId: v.optional(v.id("topUpCheckouts")),
  sessionId: v.optional(v.id("sessions")),
  bookingId: v.optional(v.id("bookings")),
  expected: v.number(),
  actual: v.number(),
  /** What expected and actual count; absent: minor units of `currency`. */
  unit: v.optional(v.union(v.literal("count"), v.literal("seconds"))),
});

export const vCheckoutStatus = v.union(v.literal("pending"), v.literal("paid"), v.literal("failed"));
export const vCheckoutProvider = v.union(v.literal("stripe"), v.literal("test"));
export const vBalanceRefundStatus = v.union(...BALANCE_REFUND_STATUSES.map((s) => v.literal(s)));
export const vRefundPartStatus = v.union(...REFUND_PART_STATUSES.map((s) => v.literal(s)));

export const ledgerTables = {
  ledgerAccounts: defineTable({
    ownerId: v.optional(v.id("users")),
    kind: vAccountKind,
    currency: v.string(),
    /** Sum of this account's entries (positive = money the account holds). */
    balance: v.number(),
    /** Sum of the remaining amounts of its active holds. */
    held: v.number(),
    updatedAt: v.number(),
  })
    .index("by_ownerId_and_kind_and_currency", ["ownerId", "kind", "currency"])
    .index("by_kind_and_currency", ["kind", "currency"]),

  ledgerTransactions: defineTable({
    key: v.string(),
    type: vHistoryType,
    description: v.string(),
    currency: v.string(),
    /** Total moved: the sum of the positive entries. */
    amount: v.number(),
    refs: v.optional(vRefs),
    reversesId: v.optional(v.id("ledgerTransactions")),
    createdBy: v.optional(v.id("users")),
    at: v.number(),
  })
    .index("by_key", ["key"])
    .index("by_at", ["at"])
    .index("by_type_and_at", ["type", "at"])
    .index("by_reversesId", ["reversesId"]),

  ledgerEntries: defineTable({
    transactionId: v.id("ledgerTransactions"),
    accountId: v.id("ledgerAccounts"),
    accountKind: vAccountKind,
    ownerId: v.optional(v.id("users")),
    currency: v.string(),
    amount: v.number(),
    historyType: vHistoryType,
    description: v.string(),
    at: v.number(),
  })
    .index("by_accountId_and_at", ["accountId", "at"])
    .index("by_transactionId", ["transactionId"])
    .index("by_ownerId_and_at", ["ownerId", "at"])
    .index("by_ownerId_and_historyType_and_at", ["ownerId", "historyType", "at"])
    .index("by_historyType_and_at", ["historyType", "at"]),

  ledgerHolds: defineTable({
    key: v.string(),
    ownerId: v.id("users"),
    /** The client's cash account, which carries the materialized `held` total. */
    accountId: v.id("ledgerAccounts"),
    currency: v.string(),
    /** Still held. */
    amount: v.number(),
    originalAmount: v.number(),
    capturedAmount: v.number(),
    status: vHoldStatus,
    description: v.string(),
    refs: v.optional(vRefs),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_key", ["key"])
    .index("by_ownerId_and_status", ["ownerId", "status"])
    .index("by_accountId_and_status", ["accountId", "status"]),

  topUpCheckouts: defineTable({
    userId: v.id("users"),
    amount: v.number(),
    currency: v.string(),
    provider: vCheckoutProvider,
    status: vCheckoutStatus,
    stripeSessionId: v.optional(v.string()),
    eventId: v.optional(v.string()),
    transactionId: v.optional(v.id("ledgerTransactions")),
    failureMessage: v.optional(v.string()),
    /** The payment a refund goes back to: Stripe's PaymentIntent (the test checkout names one the same way). */
    paymentIntentId: v.optional(v.string()),
    /** Refunded (or being refunded) of `amount` by balance refunds; absent means none. */
    refundedAmount: v.optional(v.number()),
    createdAt: v.number(),
    updatedAt: v.number(),
  })
    .index("by_userId_and_createdAt", ["userId", "createdAt"])
    .index("by_stripeSessionId", ["stripeSessionId"]),

  /**
   * A client's request for unspent cash back (SPEC §3), from the request to
   * the refunds of the card payments it is split over, newest first.
   */
  balanceRefunds: defineTable({
    userId: v.id("users"),
    amount: v.number(),
    currency: v.string(),
    status: vBalanceRefundStatus,
    note: v.optional(v.string()),
    requestedAt: v.number(),
    decidedAt: v.optional(v.number()),
    decidedBy: v.optional(v.id("users")),
    rejectionReason: v.optional(v.string()),
    /** Set on approval: which payments give back how much, and how each went. */
    parts: v.array(
      v.object({
        checkoutId: v.id("topUpCheckouts"),
        provider: vCheckoutProvider,
        amount: v.number(),
        status: vRefundPartStatus,
        providerRefundId: v.optional(v.string()),
        failureMessage: v.optional(v.string()),
      }),
    ),
    /** What reached the client's payments so far. */
    refundedAmount: v.number(),
    finishedAt: v.optional(v.number()),
    updatedAt: v.number(),
  })
    .index("by_userId_and_requestedAt", ["userId", "requestedAt"])
    .index("by_userId_and_status", ["userId", "status"])
    .index("by_status_and_requestedAt", ["status", "requestedAt"])
    .index("by_requestedAt", ["requestedAt"]),

  /**
   * Verified webhook events refused because their amount or currency is not
   * what their checkout asked for: nothing was credited; kept for an admin to
   * reconcile (e.g. refund it on Stripe). One row per event.
   */
  webhookRejections: defineTable({
    eventId: v.string(),
    checkoutId: v.id("topUpCheckouts"),
    userId: v.id("users"),
    stripeSessionId: v.string(),
    expected: v.object({ amount: v.number(), currency: v.string() }),
    received: v.object({ amount: v.number(), currency: v.string() }),
    at: v.number(),
  }).index("by_eventId", ["eventId"]),

  /** One batched audit of the whole ledger (see auditRun.ts); the newest is what admins see. */
  ledgerAuditRuns: defineTable({
    status: v.union(v.literal("running"), v.literal("done")),
    startedAt: v.number(),
    startedBy: v.optional(v.id("users")),
    finishedAt: v.optional(v.number()),
    phase: v.union(v.literal("accounts"), v.literal("transactions"), v.literal("checkouts"), v.literal("sessions")),
    accountCursor: v.union(v.string(), v.null()),
    accountsExhausted: v.boolean(),
    /** Accounts fetched but not yet checked (at most one page). */
    queue: v.array(v.id("ledgerAccounts")),
    /** A large account whose entries are being summed across steps. */
    current: v.union(
      v.null(),
      v.object({ accountId: v.id("ledgerAccounts"), entryCursor: v.union(v.string(), v.null()), sum: v.number(), sumAtStart: v.number() }),
    ),
    transactionCursor: v.union(v.string(), v.null()),
    // Phases "checkouts" and "sessions" (optional: runs stored before they existed lack them).
    checkoutCursor: v.optional(v.union(v.string(), v.null())),
    sessionCursor: v.optional(v.union(v.string(), v.null())),
    sessionsExhausted: v.optional(v.boolean()),
    /** Ended sessions fetched but not yet checked (at most one page). */
    sessionQueue: v.optional(v.array(v.id("sessions"))),
    /** An ended session whose long timeline is being folded across steps. */
    currentSession: v.optional(
      v.union(
        v.null(),
        v.object({ sessionId: v.id("sessions"), eventCursor: v.union(v.string(), v.null()), billedMs: v.number(), runningSince: v.union(v.number(), v.null()) }),
      ),
    ),
    /** Per currency: sum of the entries posted before the run started (must be zero). */
    totals: v.array(v.object({ currency: v.string(), total: v.number() })),
    accounts: v.number(),
    entries: v.number(),
    transactions: v.number(),
    checkouts: v.optional(v.number()),
    sessions: v.optional(v.number()),
    problemCount: v.number(),
    /** The first problems found (bounded); problemCount has them all. */
    problems: v.array(vAuditProblem),
  }).index("by_startedAt", ["startedAt"]),

  platformSettings: defineTable(platformSettingsTable),
};
