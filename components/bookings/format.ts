/** How bookings read on the pages: times in the viewer's zone, statuses and the policy in words. */
import type { BookingStatus } from "@/lib/bookings/rules";
import { outcomeCharge } from "@/lib/bookings/policy";
import { formatMoney } from "@/lib/money";

export const BOOKING_STATUS_LABEL: Record<BookingStatus, string> = {
  confirmed: "Upcoming",
  in_progress: "In progress",
  completed: "Completed",
  cancelled_by_client: "Cancelled by the client",
  cancelled_by_advisor: "Cancelled by the advisor",
  client_no_show: "Client did not join",
  advisor_no_show: "Advisor did not join",
};

export const BOOKING_STATUS_TONE: Record<BookingStatus, "brand" | "green" | "neutral" | "amber" | "red"> = {
  confirmed: "brand",
  in_progress: "green",
  completed: "neutral",
  cancelled_by_client: "neutral",
  cancelled_by_advisor: "amber",
  client_no_show: "red",
  advisor_no_show: "red",
};

/** "Mon 4 Jan, 09:00–09:30" in the browser's zone. */
export function formatSlotRange(startsAt: number, endsAt: number): string {
  const day = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" }).format(startsAt);
  const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
  return `${day}, ${time.format(startsAt)}–${time.format(endsAt)}`;
}

export function formatDateTime(at: number): string {
  return new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(at);
}

export type PolicyView = { freeCancelHours: number; joinEarlyMinutes: number; noShowAfterMinutes: number; clientNoShowChargeBps: number };

/** The policy as the client reads it before confirming (SPEC §5), from the snapshot the booking will carry. */
export function policyLines(policy: PolicyView, priceCents: number, currency: string): string[] {
  const noShowCharge = outcomeCharge("client_no_show", priceCents, policy);
  return [
    `Cancel or move it free until ${policy.freeCancelHours} hours before the start; after that, cancelling charges the full ${formatMoney(priceCents, currency)}.`,
    `Join from ${policy.joinEarlyMinutes} minutes before the start. The booked time is prepaid; going on past the end is billed per second if you both agree.`,
    `If you have not joined ${policy.noShowAfterMinutes} minutes after the start, ${formatMoney(noShowCharge, currency)} (${policy.clientNoShowChargeBps / 100}%) is charged. If the advisor has not joined by then, nothing is charged.`,
    "If the advisor cancels, nothing is charged.",
  ];
}
