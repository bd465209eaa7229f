import type { WithdrawalStatus } from "@/lib/earnings/withdrawals";
import type { BalanceRefundStatus, RefundPartStatus } from "@/lib/payments/balanceRefunds";
import type { AccountKind, HistoryType } from "@/convex/model/ledgerSchema";

export const HISTORY_TYPE_LABEL: Record<HistoryType, string> = {
  add: "Top-up",
  deduct: "Session charge",
  refund: "Refund",
  earning: "Earning",
  payout: "Payout",
  adjustment: "Adjustment",
};

export const ACCOUNT_LABEL: Record<AccountKind, string> = {
  client_cash: "Cash",
  client_promo: "Promo credit",
  advisor_pending: "Pending earnings",
  advisor_available: "Available earnings",
  advisor_withdrawing: "Withdrawals in progress",
  client_refunding: "Refund in progress",
  platform_revenue: "Platform revenue",
  external_payments: "External payments",
  payouts: "Payouts",
};

export const WITHDRAWAL_STATUS_LABEL: Record<WithdrawalStatus, string> = {
  requested: "Requested",
  approved: "Approved",
  paid: "Paid",
  rejected: "Rejected",
};
export const WITHDRAWAL_STATUS_TONE = { requested: "amber", approved: "brand", paid: "green", rejected: "red" } as const satisfies Record<WithdrawalStatus, string>;

export const BALANCE_REFUND_STATUS_LABEL: Record<BalanceRefundStatus, string> = {
  requested: "Waiting for approval",
  processing: "Refunding",
  refunded: "Refunded",
  rejected: "Rejected",
  cancelled: "Cancelled",
  failed: "Failed",
};
export const BALANCE_REFUND_STATUS_TONE = {
  requested: "amber",
  processing: "brand",
  refunded: "green",
  rejected: "red",
  cancelled: "neutral",
  failed: "red",
} as const satisfies Record<BalanceRefundStatus, string>;
export const REFUND_PART_STATUS_LABEL: Record<RefundPartStatus, string> = { pending: "refunding", refunded: "refunded", failed: "failed" };

/** "YYYY-MM-DD" from a date input → the first or last millisecond of that day in the viewer's time zone. */
export function dayBoundary(value: string, edge: "start" | "end"): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  return edge === "start" ? new Date(year, month, day).getTime() : new Date(year, month, day + 1).getTime() - 1;
}

export const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
