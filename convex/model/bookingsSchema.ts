/**
 * Scheduled bookings (SPEC §5) and advisors' weekly availability. Bookings
 * are written only by model/bookings*.ts; availability only by
 * model/availability.ts.
 */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { BOOKING_STATUSES } from "../../lib/bookings/rules";
import { vSessionKind } from "./sessionsSchema";

export const vBookingStatus = v.union(...BOOKING_STATUSES.map((s) => v.literal(s)));

/** The rules in force when the booking was made (SPEC §5: snapshotted and shown before confirming). */
export const vBookingPolicy = v.object({
  feeBps: v.number(),
  freeCancelHours: v.number(),
  joinEarlyMinutes: v.number(),
  /** floor(noShowAfterBps × duration) in whole minutes after the start. */
  noShowAfterMinutes: v.number(),
  clientNoShowChargeBps: v.number(),
});

export const bookingFields = {
  clientId: v.id("users"),
  advisorId: v.id("advisors"),
  advisorUserId: v.id("users"),
  kind: vSessionKind,
  durationMinutes: v.number(),
  startsAt: v.number(),
  endsAt: v.number(),
  status: vBookingStatus,
  rateCentsPerMinute: v.number(),
  priceCents: v.number(),
  currency: v.string(),
  policy: vBookingPolicy,
  /** The wallet hold carrying the price until the outcome settles (set in the transaction that books). */
  holdId: v.optional(v.id("ledgerHolds")),
  /** The client's and advisor's time zones when booked, for emails and calendar files. */
  clientTimeZone: v.string(),
  clientJoinedAt: v.optional(v.number()),
  advisorJoinedAt: v.optional(v.number()),
  /** The session room both sides join (created at the first join). */
  sessionId: v.optional(v.id("sessions")),
  /** The next reminder's time and its index in the settings' reminder list; absent once none is left or the booking is no longer upcoming. */
  nextReminderAt: v.optional(v.number()),
  nextReminderIndex: v.optional(v.number()),
  reschedules: v.number(),
  note: v.optional(v.string()),
  cancelledAt: v.optional(v.number()),
  cancelReason: v.optional(v.string()),
  /** What the outcome charged the client (0 when released), its split and its ledger transaction. */
  chargedCents: v.optional(v.number()),
  feeCents: v.optional(v.number()),
  earningCents: v.optional(v.number()),
  /** When the advisor's earning from the charge moves from pending to available. */
  earningReleaseAt: v.optional(v.number()),
  settlementTransactionId: v.optional(v.id("ledgerTransactions")),
  settledAt: v.optional(v.number()),
  createdAt: v.number(),
};

/** A wall-clock range in the advisor's zone, "HH:MM" on the quarter hour ("24:00" ends the day): lib/bookings/availability.ts. */
export const vTimeRange = v.object({ start: v.string(), end: v.string() });
/** weekday: 1 = Monday … 7 = Sunday. */
export const vWeeklyRange = v.object({ weekday: v.number(), start: v.string(), end: v.string() });

export const availabilityFields = {
  advisorId: v.id("advisors"),
  /** IANA zone the ranges and exception dates are read in. */
  timeZone: v.string(),
  /** At most 6 a weekday (lib/bookings/availability.ts MAX_RANGES_PER_DAY). */
  weekly: v.array(vWeeklyRange),
  bufferMinutes: v.number(),
  minNoticeHours: v.number(),
  dailyCap: v.number(),
  updatedAt: v.number(),
};

export const bookingsTables = {
  /** An advisor's weekly hours and booking rules (one row, once they save); none saved means no hours. */
  availability: defineTable(availabilityFields).index("by_advisorId", ["advisorId"]),
  /** Other hours on one advisor-local date ("YYYY-MM-DD"), replacing the weekday's; no ranges is a day off. */
  availabilityExceptions: defineTable({ advisorId: v.id("advisors"), date: v.string(), ranges: v.array(vTimeRange) })
    .index("by_advisorId_and_date", ["advisorId", "date"]),
  bookings: defineTable(bookingFields)
    .index("by_advisorId_and_startsAt", ["advisorId", "startsAt"])
    .index("by_advisorUserId_and_startsAt", ["advisorUserId", "startsAt"])
    .index("by_clientId_and_startsAt", ["clientId", "startsAt"])
    .index("by_clientId_and_createdAt", ["clientId", "createdAt"])
    .index("by_status_and_startsAt", ["status", "startsAt"])
    .index("by_nextReminderAt", ["nextReminderAt"]),
};
