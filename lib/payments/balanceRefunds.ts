/**
 * Refunds of unused balance (SPEC §3): a client asks for unspent cash back,
 * an admin approves, and the amount goes back to the card payments it came
 * from, newest first. Shared by the backend and the pages.
 */
export const BALANCE_REFUND_STATUSES = ["requested", "processing", "refunded", "rejected", "cancelled", "failed"] as const;
export type BalanceRefundStatus = (typeof BALANCE_REFUND_STATUSES)[number];
/** At most one of these per client at a time. */
export const OPEN_BALANCE_REFUND_STATUSES: readonly BalanceRefundStatus[] = ["requested", "processing"];

export const REFUND_PART_STATUSES = ["pending", "refunded", "failed"] as const;
export type RefundPartStatus = (typeof REFUND_PART_STATUSES)[number];

export type RefundablePayment<Id> = { id: Id; refundable: number };

/**
 * Splits `amount` over payments listed newest first, each giving at most what
 * is still refundable on it. Returns null when they cannot cover the amount.
 */
export function allocateNewestFirst<Id>(amount: number, payments: readonly RefundablePayment<Id>[]): { id: Id; amount: number }[] | null {
  const parts: { id: Id; amount: number }[] = [];
  let left = amount;
  for (const payment of payments) {
    if (left === 0) break;
    const take = Math.min(left, payment.refundable);
    if (take > 0) {
      parts.push({ id: payment.id, amount: take });
      left -= take;
    }
  }
  return left === 0 ? parts : null;
}
