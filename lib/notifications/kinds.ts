/** In-app notifications (SPEC §9): what happened, for whom. Email delivery and per-kind preferences are later work. */
export const NOTIFICATION_KINDS = [
  "session_requested",
  "session_declined",
  "session_expired",
  "application_decided",
  "withdrawal_updated",
  "balance_refund_updated",
  "dispute_resolved",
  "booking_confirmed",
  "booking_changed",
  "booking_cancelled",
  "booking_reminder",
  "booking_outcome",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The bell shows "99+" beyond this many unread. */
export const UNREAD_CAP = 99;
