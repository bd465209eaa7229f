/**
 * How a booking ends (SPEC §5) and what it costs: one settlement per booking
 * through the ledger (key `booking:<id>:settle`) that captures the outcome's
 * charge from the booking's hold, split by the snapshotted fee into the
 * advisor's pending earning and platform revenue, and releases the rest. The
 * earning becomes available after the earnings hold (key
 * `booking:<id>:release`). Also what a booked session's end means for its
 * booking.
 */
import { feeSplit } from "../../lib/money";
import { outcomeCharge, type BookingOutcome } from "../../lib/bookings/policy";
import type { BookingStatus } from "../../lib/bookings/rules";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import * as Earnings from "./earnings";
import * as EarningsRollup from "./earningsRollup";
import * as Ledger from "./ledger";
import { getSettings } from "./settings";
import { bookingNotice } from "./bookingsNotices";

export type Booking = Doc<"bookings">;

const STATUS_OF: Record<BookingOutcome, BookingStatus> = {
  completed: "completed",
  late_cancel: "cancelled_by_client",
  free_cancel: "cancelled_by_client",
  advisor_cancel: "cancelled_by_advisor",
  client_no_show: "client_no_show",
  advisor_no_show: "advisor_no_show",
};

export const OUTCOME_LABEL: Record<BookingOutcome, string> = {
  completed: "completed",
  late_cancel: "cancelled within the free window",
  free_cancel: "cancelled",
  advisor_cancel: "cancelled by the advisor",
  client_no_show: "client did not join",
  advisor_no_show: "advisor did not join",
};

/** Settles a booking that is still open with `outcome`, once; returns it as it now stands. */
export async function settleBooking(ctx: MutationCtx, booking: Booking, outcome: BookingOutcome, now: number): Promise<Booking> {
  if (booking.status !== "confirmed" && booking.status !== "in_progress") throw new Error(`Booking ${booking._id} settled twice`);
  if (booking.holdId === undefined) throw new Error(`Booking ${booking._id} has no hold`);
  const charge = outcomeCharge(outcome, booking.priceCents, booking.policy);
  const split = feeSplit(charge, booking.policy.feeBps);
  let settlementTransactionId: Id<"ledgerTransactions"> | undefined;
  if (charge > 0) {
    const credits = [
      { account: Ledger.advisorPending(booking.advisorUserId), amount: split.earning },
      { account: Ledger.PLATFORM_REVENUE, amount: split.fee },
    ].filter((c) => c.amount > 0);
    const { transactionId } = await Ledger.captureHold(ctx, {
      holdId: booking.holdId,
      amount: charge,
      key: `booking:${booking._id}:settle`,
      type: "deduct",
      description: `Booked ${booking.durationMinutes}-minute ${booking.kind} session (${OUTCOME_LABEL[outcome]})`,
      credits,
      refs: { bookingId: booking._id },
      releaseRest: true,
      now,
    });
    settlementTransactionId = transactionId;
  } else {
    await Ledger.releaseHold(ctx, { holdId: booking.holdId, now });
  }
  const settings = await getSettings(ctx);
  const changes = {
    status: STATUS_OF[outcome],
    chargedCents: charge,
    feeCents: split.fee,
    earningCents: split.earning,
    settlementTransactionId,
    settledAt: now,
    earningReleaseAt: split.earning > 0 ? Earnings.releaseAt(now, settings) : undefined,
    nextReminderAt: undefined,
    nextReminderIndex: undefined,
  };
  await ctx.db.patch(booking._id, changes);
  if (changes.earningReleaseAt !== undefined) {
    await ctx.scheduler.runAt(changes.earningReleaseAt, internal.bookings.releaseEarning, { bookingId: booking._id });
    await EarningsRollup.recordSettlement(ctx, { advisorUserId: booking.advisorUserId, currency: booking.currency, endedAt: now, earnedCents: split.earning, sessions: 0, billedSeconds: 0 });
  }
  if (outcome === "advisor_no_show") {
    const advisor = await ctx.db.get(booking.advisorId);
    if (advisor !== null) await ctx.db.patch(advisor._id, { bookingNoShows: (advisor.bookingNoShows ?? 0) + 1 });
  }
  return { ...booking, ...changes };
}

/** Scheduled at the booking's release time: its earning moves from pending to available, once. */
export async function releaseEarning(ctx: MutationCtx, booking: Booking, now: number): Promise<void> {
  if ((booking.earningCents ?? 0) <= 0 || booking.earningReleaseAt === undefined) return;
  if (now < booking.earningReleaseAt) {
    await ctx.scheduler.runAt(booking.earningReleaseAt, internal.bookings.releaseEarning, { bookingId: booking._id });
    return;
  }
  await Earnings.postRelease(ctx, {
    key: `booking:${booking._id}:release`,
    advisorUserId: booking.advisorUserId,
    currency: booking.currency,
    earning: booking.earningCents!,
    description: `Earning released: booked ${booking.kind} session`,
    refs: { bookingId: booking._id },
    now,
  });
}

/**
 * Called when a booked session ends, in the same transaction: if both sides
 * joined, the booking is completed and charged in full (its time was
 * prepaid). Otherwise the no-show check at its moment decides.
 */
export async function onBookedSessionEnded(ctx: MutationCtx, bookingId: Id<"bookings">, now: number): Promise<void> {
  const booking = await ctx.db.get(bookingId);
  if (booking === null || booking.status !== "in_progress") return;
  if (booking.clientJoinedAt === undefined || booking.advisorJoinedAt === undefined) return;
  const settled = await settleBooking(ctx, booking, "completed", now);
  for (const side of ["client", "advisor"] as const) await bookingNotice(ctx, settled, "outcome", side, now);
}
