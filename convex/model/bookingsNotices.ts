/**
 * What a booking's events tell each side (SPEC §5, §9): confirmation, change,
 * cancellation, reminder and outcome, in-app and by email with the booking as
 * a calendar event, its times in the reader's own time zone.
 */
import { formatMoney } from "../../lib/money";
import type { NotificationKind } from "../../lib/notifications/kinds";
import type { CalendarEvent } from "../../lib/notifications/calendar";
import { config } from "../../lib/config";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import * as Availability from "./availability";
import type { Booking } from "./bookingsOutcome";
import { notify } from "./notifications";
import { getSettings } from "./settings";

export type BookingNoticeKind = "confirmed" | "changed" | "cancelled" | "reminder" | "outcome";

const KIND: Record<BookingNoticeKind, NotificationKind> = {
  confirmed: "booking_confirmed",
  changed: "booking_changed",
  cancelled: "booking_cancelled",
  reminder: "booking_reminder",
  outcome: "booking_outcome",
};

/** "Mon 4 Jan, 09:00–09:30 (Europe/London)" in `timeZone`. */
export function formatBookingTime(booking: Pick<Booking, "startsAt" | "endsAt">, timeZone: string): string {
  const day = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" }).format(booking.startsAt);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${day}, ${time.format(booking.startsAt)}–${time.format(booking.endsAt)} (${timeZone})`;
}

async function names(ctx: QueryCtx, booking: Booking) {
  const [client, advisor] = await Promise.all([ctx.db.get(booking.clientId), ctx.db.get(booking.advisorUserId)]);
  return { client: client?.name ?? "The client", advisor: advisor?.name ?? "The advisor" };
}

function outcomeText(booking: Booking): string {
  const charged = formatMoney(booking.chargedCents ?? 0, booking.currency);
  switch (booking.status) {
    case "completed":
      return `Completed; ${charged} charged.`;
    case "client_no_show":
      return `The client did not join in time; ${charged} charged.`;
    case "advisor_no_show":
      return "The advisor did not join in time; nothing was charged.";
    default:
      return `${charged} charged.`;
  }
}

export async function bookingNotice(ctx: MutationCtx, booking: Booking, kind: BookingNoticeKind, side: "client" | "advisor", now: number): Promise<void> {
  const who = await names(ctx, booking);
  const other = side === "client" ? who.advisor : who.client;
  const zone = side === "client" ? booking.clientTimeZone : (await Availability.load(ctx, booking.advisorId, await getSettings(ctx))).timeZone;
  const when = formatBookingTime(booking, zone);
  const what = `${booking.durationMinutes}-minute ${booking.kind} session`;
  const href = side === "client" ? "/bookings" : "/advisor/bookings";
  const price = formatMoney(booking.priceCents, booking.currency);
  const cancelledBy = booking.status === "cancelled_by_advisor" ? "the advisor" : "the client";
  const texts: Record<BookingNoticeKind, { title: string; body: string }> = {
    confirmed: {
      title: `Booked: ${what} with ${other}`,
      body: `${when}. ${side === "client" ? `${price} is held from your balance.` : `Price ${price}.`} Join from your bookings up to ${booking.policy.joinEarlyMinutes} minutes before.`,
    },
    changed: { title: `Moved: ${what} with ${other}`, body: `Now ${when}.` },
    cancelled: {
      title: `Cancelled: ${what} with ${other}`,
      body: `It was ${when}; cancelled by ${cancelledBy}${booking.cancelReason ? `: “${booking.cancelReason}”` : ""}. ${
        (booking.chargedCents ?? 0) > 0 ? `${formatMoney(booking.chargedCents!, booking.currency)} charged (within the free cancellation window).` : "Nothing was charged."
      }`,
    },
    reminder: { title: `Reminder: ${what} with ${other}`, body: `${when}. Join from your bookings up to ${booking.policy.joinEarlyMinutes} minutes before.` },
    outcome: { title: `Booking ended: ${what} with ${other}`, body: `${when}. ${outcomeText(booking)}` },
  };
  const calendarEvent: CalendarEvent | undefined =
    kind === "outcome"
      ? undefined
      : {
          uid: `booking-${booking._id}@expertline`,
          start: booking.startsAt,
          end: booking.endsAt,
          title: `ExpertLine: ${what} with ${other}`,
          description: texts[kind].body,
          url: `${config.appUrl}${href}`,
          sequence: booking.reschedules + (kind === "cancelled" ? 1 : 0),
          cancelled: kind === "cancelled",
        };
  await notify(ctx, { userId: side === "client" ? booking.clientId : booking.advisorUserId, kind: KIND[kind], ...texts[kind], href, calendarEvent, now });
}
