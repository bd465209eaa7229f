/**
 * A calendar event that travels with a notification (bookings) and becomes an
 * RFC 5545 `.ics` attachment of its email, written by the `ics` package.
 */
import { createEvent } from "ics";

export type CalendarEvent = {
  /** Stable for one booking, so calendars update the same entry on a change or a cancellation. */
  uid: string;
  start: number;
  end: number;
  title: string;
  description: string;
  url: string;
  /** Grows with each change of the booking (RFC 5545 SEQUENCE). */
  sequence: number;
  cancelled?: boolean;
};

export type EmailAttachment = { filename: string; contentType: string; content: string };

export function icsText(event: CalendarEvent): string {
  if (!(event.end > event.start)) throw new Error(`calendar event ${event.uid} is not valid: it ends before it starts`);
  const utc = { startInputType: "utc", startOutputType: "utc", endInputType: "utc", endOutputType: "utc" } as const;
  const { error, value } = createEvent({
    ...utc,
    productId: "expertline/bookings",
    uid: event.uid,
    start: event.start,
    end: event.end,
    title: event.title,
    description: event.description,
    url: event.url,
    sequence: event.sequence,
    method: event.cancelled ? "CANCEL" : "REQUEST",
    status: event.cancelled ? "CANCELLED" : "CONFIRMED",
  });
  if (error || !value) throw new Error(`calendar event ${event.uid} is not valid: ${error?.message ?? "no output"}`);
  return value;
}

export function icsAttachment(event: CalendarEvent): EmailAttachment {
  const method = event.cancelled ? "CANCEL" : "REQUEST";
  return { filename: "booking.ics", contentType: `text/calendar; charset=utf-8; method=${method}`, content: icsText(event) };
}
