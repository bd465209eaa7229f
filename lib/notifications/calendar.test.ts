import { describe, expect, it } from "vitest";
import { icsAttachment, icsText } from "./calendar";

const EVENT = {
  uid: "booking-7@expertline",
  start: Date.UTC(2026, 2, 29, 0, 30),
  end: Date.UTC(2026, 2, 29, 1, 30),
  title: "Video with Maya; tax, VAT",
  description: "60 minutes\nJoin from your bookings page.",
  url: "https://app.expertline.test/bookings",
  sequence: 1,
};

describe("icsText", () => {
  it("writes one VEVENT in UTC with the booking's uid, sequence and escaped text (RFC 5545)", () => {
    const ics = icsText(EVENT);
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r?\n/);
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toContain("UID:booking-7@expertline");
    expect(ics).toContain("DTSTART:20260329T003000Z");
    expect(ics).toContain("DTEND:20260329T013000Z");
    expect(ics).toContain("SEQUENCE:1");
    expect(ics).toContain("SUMMARY:Video with Maya\\; tax\\, VAT");
    expect(ics).toContain("DESCRIPTION:60 minutes\\nJoin from your bookings page.");
    expect(ics).toContain("STATUS:CONFIRMED");
  });

  it("marks a cancelled booking so calendars remove the same entry", () => {
    const ics = icsText({ ...EVENT, sequence: 2, cancelled: true });
    expect(ics).toContain("METHOD:CANCEL");
    expect(ics).toContain("STATUS:CANCELLED");
    expect(icsAttachment({ ...EVENT, cancelled: true })).toMatchObject({ filename: "booking.ics", contentType: "text/calendar; charset=utf-8; method=CANCEL" });
  });

  it("refuses an event that ends before it starts", () => {
    expect(() => icsText({ ...EVENT, end: EVENT.start - 1 })).toThrow(/not valid/);
  });
});
