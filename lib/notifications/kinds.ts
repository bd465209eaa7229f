/** Notifications (SPEC §9): what happened, for whom, and which channels each kind uses unless the user chose otherwise. */
export const NOTIFICATION_KINDS = [
  "session_requested",
  "session_accepted",
  "session_declined",
  "session_expired",
  "balance_warning",
  "receipt_ready",
  "rating_received",
  "dispute_opened",
  "dispute_resolved",
  "application_decided",
  "withdrawal_updated",
  "balance_refund_updated",
  "advisor_online",
  "booking_confirmed",
  "booking_changed",
  "booking_cancelled",
  "booking_reminder",
  "booking_outcome",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_CHANNELS = ["inApp", "email"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** What the preferences page calls each kind, and the button an email of that kind carries. */
export const KIND_LABELS: Record<NotificationKind, { label: string; action: string }> = {
  session_requested: { label: "Session requests", action: "Answer the request" },
  session_accepted: { label: "Session accepted", action: "Join the session" },
  session_declined: { label: "Session declined", action: "Find another advisor" },
  session_expired: { label: "Request not answered", action: "Find another advisor" },
  balance_warning: { label: "Low balance during a session", action: "Open the session" },
  receipt_ready: { label: "Receipts", action: "See the receipt" },
  rating_received: { label: "Ratings received", action: "See your reviews" },
  dispute_opened: { label: "Disputes opened", action: "See the session" },
  dispute_resolved: { label: "Dispute outcomes", action: "See the receipt" },
  application_decided: { label: "Advisor application", action: "Open ExpertLine" },
  withdrawal_updated: { label: "Withdrawals", action: "See your earnings" },
  balance_refund_updated: { label: "Balance refunds", action: "See your wallet" },
  advisor_online: { label: "Advisor is online", action: "Start a session" },
  booking_confirmed: { label: "Booking confirmations", action: "See the booking" },
  booking_changed: { label: "Booking changes", action: "See the booking" },
  booking_cancelled: { label: "Booking cancellations", action: "See the booking" },
  booking_reminder: { label: "Booking reminders", action: "See the booking" },
  booking_outcome: { label: "Booking outcomes", action: "See the booking" },
};

/**
 * Kinds emailed unless the user turns email off: bookings, money leaving or
 * coming back, disputes, applications, and the alert a client asked for.
 * Every kind is shown in-app unless turned off.
 */
export const EMAIL_BY_DEFAULT: ReadonlySet<NotificationKind> = new Set<NotificationKind>([
  "booking_confirmed",
  "booking_changed",
  "booking_cancelled",
  "booking_reminder",
  "booking_outcome",
  "withdrawal_updated",
  "balance_refund_updated",
  "dispute_opened",
  "dispute_resolved",
  "application_decided",
  "advisor_online",
]);

const CLIENT_KINDS: readonly NotificationKind[] = [
  "session_accepted", "session_declined", "session_expired", "balance_warning", "receipt_ready", "dispute_resolved", "application_decided",
  "balance_refund_updated", "advisor_online", "booking_confirmed", "booking_changed", "booking_cancelled", "booking_reminder", "booking_outcome",
];
const ADVISOR_KINDS: readonly NotificationKind[] = [
  "session_requested", "rating_received", "dispute_opened", "dispute_resolved", "withdrawal_updated",
  "booking_confirmed", "booking_changed", "booking_cancelled", "booking_reminder", "booking_outcome",
];

/** The kinds a role can receive, for its preferences page; an admin may set any. */
export function kindsFor(role: "client" | "advisor" | "admin"): readonly NotificationKind[] {
  return role === "client" ? CLIENT_KINDS : role === "advisor" ? ADVISOR_KINDS : NOTIFICATION_KINDS;
}

export type ChannelChoice = { inApp: boolean; email: boolean };

export function defaultChoice(kind: NotificationKind): ChannelChoice {
  return { inApp: true, email: EMAIL_BY_DEFAULT.has(kind) };
}

/** The bell shows "99+" beyond this many unread. */
export const UNREAD_CAP = 99;
