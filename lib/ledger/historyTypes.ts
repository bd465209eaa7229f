/**
 * The kinds of movement a user sees in their history (SPEC §2): top-up,
 * session charge, refund, earning, payout, adjustment. Shared by the ledger's
 * schema and the history filters in the browser.
 */
export const HISTORY_TYPES = ["add", "deduct", "refund", "earning", "payout", "adjustment"] as const;
export type HistoryType = (typeof HISTORY_TYPES)[number];
