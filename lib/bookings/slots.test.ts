import { describe, expect, it } from "vitest";
import type { Availability, WeeklyRange } from "./availability";
import { openSlots, slotRefusal, type Interval } from "./slots";
import { groupSlotsByDay } from "./slotDays";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace(":00.000Z", "Z");
const everyDay = (start: string, end: string): WeeklyRange[] => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));

function availability(over: Partial<Availability>): Availability {
  return { timeZone: "UTC", weekly: [], exceptions: [], bufferMinutes: 0, minNoticeHours: 0, dailyCap: 24, ...over };
}

/** Slots over [from, from + days) seen from a `now` well before, with a long horizon. */
function slots(a: Availability, from: string, days: number, durationMinutes = 15, taken: Interval[] = [], now = at(from) - DAY) {
  return openSlots(a, taken, { durationMinutes, from: at(from), to: at(from) + days * DAY }, { now, horizonDays: 60 }).map(iso);
}

describe("openSlots across daylight-saving changes in the advisor's zone", () => {
  it("Europe/London spring-forward (2027-03-28): 01:00–03:00 local is the one real hour 02:00–03:00 BST", () => {
    const a = availability({ timeZone: "Europe/London", weekly: [{ weekday: 7, start: "01:00", end: "03:00" }] });
    expect(slots(a, "2027-03-28T00:00:00Z", 1)).toEqual(["2027-03-28T01:00Z", "2027-03-28T01:15Z", "2027-03-28T01:30Z", "2027-03-28T01:45Z"]);
    expect(slots(a, "2027-03-28T00:00:00Z", 1, 60)).toEqual(["2027-03-28T01:00Z"]);
  });

  it("Europe/London: 09:00 local is 09:00 UTC before the change and 08:00 UTC after it", () => {
    const a = availability({ timeZone: "Europe/London", weekly: everyDay("09:00", "10:00") });
    expect(slots(a, "2027-03-27T00:00:00Z", 3, 60)).toEqual(["2027-03-27T09:00Z", "2027-03-28T08:00Z", "2027-03-29T08:00Z"]);
  });

  it("Europe/London fall-back (2027-10-31): 01:00–03:00 local lasts three real hours, from the first 01:00 (BST)", () => {
    const a = availability({ timeZone: "Europe/London", weekly: [{ weekday: 7, start: "01:00", end: "03:00" }] });
    const hourly = slots(a, "2027-10-30T12:00:00Z", 1, 60).filter((s) => s.endsWith(":00Z"));
    expect(hourly).toEqual(["2027-10-31T00:00Z", "2027-10-31T01:00Z", "2027-10-31T02:00Z"]);
    expect(slots(a, "2027-10-30T12:00:00Z", 1, 15)).toHaveLength(12);
  });

  it("America/New_York spring-forward (2027-03-14): 01:00–04:00 local is two real hours, and 09:00 moves from 14:00 to 13:00 UTC", () => {
    const night = availability({ timeZone: "America/New_York", weekly: [{ weekday: 7, start: "01:00", end: "04:00" }] });
    expect(slots(night, "2027-03-14T00:00:00Z", 1, 60)).toEqual(["2027-03-14T06:00Z", "2027-03-14T06:15Z", "2027-03-14T06:30Z", "2027-03-14T06:45Z", "2027-03-14T07:00Z"]);
    const mornings = availability({ timeZone: "America/New_York", weekly: everyDay("09:00", "10:00") });
    expect(slots(mornings, "2027-03-13T00:00:00Z", 2, 60)).toEqual(["2027-03-13T14:00Z", "2027-03-14T13:00Z"]);
  });

  it("America/New_York fall-back (2027-11-07): 01:00–02:00 local runs from the first 01:00 until the clock first reads 02:00", () => {
    const a = availability({ timeZone: "America/New_York", weekly: [{ weekday: 7, start: "01:00", end: "02:00" }] });
    expect(slots(a, "2027-11-07T00:00:00Z", 1, 60)).toEqual(["2027-11-07T05:00Z", "2027-11-07T05:15Z", "2027-11-07T05:30Z", "2027-11-07T05:45Z", "2027-11-07T06:00Z"]);
  });

  it("a client in New York sees a London advisor's slots at their own local times, one hour closer between the two changes", () => {
    const a = availability({ timeZone: "Europe/London", weekly: everyDay("09:00", "09:15") });
    const starts = openSlots(a, [], { durationMinutes: 15, from: at("2027-03-13T00:00:00Z"), to: at("2027-03-30T00:00:00Z") }, { now: 0, horizonDays: 1e5 });
    const days = groupSlotsByDay(starts, "America/New_York", "en-GB");
    const byDay = Object.fromEntries(days.map((d) => [d.key, d.slots.map((s) => s.time)]));
    expect(byDay["2027-03-13"]).toEqual(["04:00"]); // GMT vs EST: 5 hours
    expect(byDay["2027-03-15"]).toEqual(["05:00"]); // GMT vs EDT: 4 hours
    expect(byDay["2027-03-29"]).toEqual(["04:00"]); // BST vs EDT: 5 hours again
  });
});

describe("openSlots rules", () => {
  const weekdays = availability({ timeZone: "Asia/Tokyo", weekly: everyDay("09:00", "12:00") });

  it("an exception replaces the weekday's hours: a day off has none, other hours have only theirs", () => {
    const a = { ...weekdays, exceptions: [{ date: "2027-06-01", ranges: [] }, { date: "2027-06-02", ranges: [{ start: "18:00", end: "19:00" }] }] };
    expect(slots(a, "2027-05-31T15:00:00Z", 1, 60)).toEqual([]); // Tokyo's 2027-06-01
    expect(slots(a, "2027-06-01T15:00:00Z", 1, 60)).toEqual(["2027-06-02T09:00Z"]); // 18:00 JST
  });

  it("keeps the buffer clear on both sides of a taken booking", () => {
    const a = { ...weekdays, bufferMinutes: 15 };
    const taken = [{ start: at("2027-06-03T01:00:00Z"), end: at("2027-06-03T01:30:00Z") }]; // 10:00–10:30 JST
    expect(slots(a, "2027-06-02T15:00:00Z", 1, 30, taken)).toEqual(["2027-06-03T00:00Z", "2027-06-03T00:15Z", "2027-06-03T01:45Z", "2027-06-03T02:00Z", "2027-06-03T02:15Z", "2027-06-03T02:30Z"]);
  });

  it("starts no sooner than the minimum notice after now", () => {
    const a = { ...weekdays, minNoticeHours: 2 };
    expect(slots(a, "2027-06-02T15:00:00Z", 1, 60, [], at("2027-06-02T23:10:00Z"))).toEqual(["2027-06-03T01:15Z", "2027-06-03T01:30Z", "2027-06-03T01:45Z", "2027-06-03T02:00Z"]);
  });

  it("stops at the daily cap counted on the advisor's local day", () => {
    const a = { ...weekdays, dailyCap: 1 };
    // 23:00 UTC on the 2nd is 08:00 on the 3rd in Tokyo: it fills the 3rd, not the 2nd.
    const taken = [{ start: at("2027-06-02T23:00:00Z"), end: at("2027-06-02T23:15:00Z") }];
    const open = slots(a, "2027-06-01T15:00:00Z", 3, 60, taken);
    expect(open.filter((s) => s.startsWith("2027-06-03T0"))).toHaveLength(0);
    expect(open.filter((s) => s.startsWith("2027-06-02T0"))).toHaveLength(9);
    expect(open.filter((s) => s.startsWith("2027-06-04T0"))).toHaveLength(9);
  });

  it("opens no later than the horizon, on the 15-minute grid", () => {
    const now = at("2027-06-01T00:07:00Z");
    const open = openSlots(availability({ weekly: everyDay("00:00", "24:00") }), [], { durationMinutes: 15, from: now, to: now + 5 * DAY }, { now, horizonDays: 2 });
    expect(iso(open[0]!)).toBe("2027-06-01T00:15Z");
    expect(iso(open[open.length - 1]!)).toBe("2027-06-03T00:00Z"); // the last start before now + 2 days (00:07)
    expect(open.every((s) => s % (15 * MIN) === 0)).toBe(true);
  });

  it("joins ranges that touch, across midnight too", () => {
    const a = availability({ weekly: [{ weekday: 4, start: "23:00", end: "24:00" }, { weekday: 5, start: "00:00", end: "00:30" }] });
    expect(slots(a, "2027-06-03T00:00:00Z", 2, 60)).toEqual(["2027-06-03T23:00Z", "2027-06-03T23:15Z", "2027-06-03T23:30Z"]);
  });
});

describe("slotRefusal", () => {
  const a = availability({ timeZone: "Europe/London", weekly: everyDay("09:00", "12:00"), minNoticeHours: 4, bufferMinutes: 10, dailyCap: 2 });
  const now = at("2027-06-01T00:00:00Z");
  const clock = { now, horizonDays: 30 };
  const taken = [{ start: at("2027-06-02T09:00:00Z"), end: at("2027-06-02T09:30:00Z") }];
  const refuse = (start: string | number, durationMinutes = 30, on = taken) =>
    slotRefusal(a, on, { start: typeof start === "number" ? start : at(start), durationMinutes }, clock);

  it.each([
    ["an open time", "2027-06-02T10:00:00Z", 30, null],
    ["a length that is not offered", "2027-06-02T10:00:00Z", 45, "Bookings last 15, 30, 60 minutes."],
    ["a time off the grid", "2027-06-02T10:05:00Z", 30, "Bookings start on the quarter hour."],
    ["a past time", "2027-05-31T10:00:00Z", 30, "That time has passed."],
    ["a time inside the notice", "2027-06-01T03:00:00Z", 30, "This advisor takes bookings at least 4 hours ahead."],
    ["a time past the horizon", "2027-07-01T08:00:00Z", 30, "Bookings open at most 30 days ahead."],
    ["a time outside the hours", "2027-06-02T07:00:00Z", 30, "The advisor is not available at that time."],
    ["a booking running past the hours", "2027-06-02T10:45:00Z", 30, "The advisor is not available at that time."],
    ["a time inside the buffer", "2027-06-02T08:30:00Z", 30, "That time is taken or too close to another booking."],
  ])("%s", (_, start, duration, expected) => {
    expect(refuse(start, duration)).toBe(expected);
  });

  it("refuses a full day in the advisor's zone, and agrees with openSlots", () => {
    const full = [...taken, { start: at("2027-06-02T10:00:00Z"), end: at("2027-06-02T10:15:00Z") }];
    expect(refuse("2027-06-02T08:00:00Z", 15, full)).toBe("The advisor is fully booked that day.");
    expect(openSlots(a, full, { durationMinutes: 15, from: at("2027-06-02T00:00:00Z"), to: at("2027-06-03T00:00:00Z") }, clock)).toEqual([]);
  });

  it("refuses numbers that are not instants", () => {
    expect(refuse(Number.NaN)).toBe("Bookings start on the quarter hour.");
    expect(refuse(1e300)).toBe("Bookings start on the quarter hour.");
  });
});
