/**
 * The shape of a scheduled booking (SPEC §5), shared by the server and the
 * pages: its durations, statuses and the policy snapshotted on it. The
 * numbers come from platformSettings when the booking is made.
 */

/** A booking lasts one of these many minutes; its price is duration × the advisor's rate for its kind. */
export const BOOKING_DURATIONS = [15, 30, 60] as const;
export type BookingDuration = (typeof BOOKING_DURATIONS)[number];

export const BOOKING_STATUSES = [
  /** Booked and upcoming: the slot is taken and the price held. */
  "confirmed",
  /** Joined: the booked session is running. */
  "in_progress",
  "completed",
  "cancelled_by_client",
  "cancelled_by_advisor",
  "client_no_show",
  "advisor_no_show",
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** A booking in one of these keeps its slot (the advisor's time is taken). */
export const SLOT_TAKING_STATUSES = ["confirmed", "in_progress", "completed", "client_no_show"] as const satisfies readonly BookingStatus[];
export const OPEN_BOOKING_STATUSES = ["confirmed", "in_progress"] as const satisfies readonly BookingStatus[];
