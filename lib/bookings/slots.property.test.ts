/**
 * openSlots against a naive reference over random availabilities around
 * daylight-saving changes: the reference walks the window minute by minute,
 * reads each minute's wall clock with Intl (not luxon), finds where each range
 * starts and ends by the rule "the first minute the clock reads that time or
 * later", and checks every rule on every minute of every candidate slot.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Availability, TimeRange, WeeklyRange } from "./availability";
import { openSlots, slotRefusal, type Interval } from "./slots";
import { timeOf } from "./availability";

const MIN = 60_000;
const DAY = 1440 * MIN;
/** Zones with windows starting a day before each of their changes (Lord Howe moves by 30 minutes), and zones with odd offsets. */
const CASES = [
  ["Europe/London", "2027-03-27"],
  ["Europe/London", "2027-10-30"],
  ["America/New_York", "2027-03-13"],
  ["America/New_York", "2027-11-06"],
  ["Australia/Lord_Howe", "2027-04-03"],
  ["Australia/Lord_Howe", "2027-10-02"],
  ["America/St_Johns", "2027-11-06"],
  ["Asia/Kathmandu", "2027-06-10"],
  ["Asia/Tokyo", "2027-06-10"],
].map(([timeZone, date]) => ({ timeZone: timeZone!, start: Date.parse(`${date}T00:00:00Z`) }));

type Clock = { day: number; minute: number };

/** The wall clock of every minute from `from` to `to`, read with Intl. */
function wallClocks(timeZone: string, from: number, to: number): Clock[] {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const clocks: Clock[] = [];
  for (let t = from; t < to; t += MIN) {
    const parts = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, p.value]));
    const day = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / DAY;
    clocks.push({ day, minute: Number(parts.hour) * 60 + Number(parts.minute) });
  }
  return clocks;
}

function reference(a: Availability, taken: Interval[], durationMinutes: number, from: number, to: number, now: number, horizonDays: number): number[] {
  const origin = from - 2 * DAY;
  const clocks = wallClocks(a.timeZone, origin, to + 2 * DAY);
  const firstReading = (day: number, minute: number) => clocks.findIndex((c) => c.day > day || (c.day === day && c.minute >= minute));
  const open = new Array<boolean>(clocks.length).fill(false);
  const days = [...new Set(clocks.map((c) => c.day))];
  for (const day of days) {
    const iso = new Date(day * DAY).toISOString().slice(0, 10);
    const weekday = ((new Date(day * DAY).getUTCDay() + 6) % 7) + 1;
    const ranges = a.exceptions.find((e) => e.date === iso)?.ranges ?? a.weekly.filter((r) => r.weekday === weekday);
    for (const r of ranges) {
      const [sh, sm] = r.start.split(":").map(Number);
      const [eh, em] = r.end.split(":").map(Number);
      const start = firstReading(day, sh! * 60 + sm!);
      const end = firstReading(day, eh! * 60 + em!);
      if (start < 0 || end < 0) continue;
      for (let i = start; i < end; i++) open[i] = true;
    }
  }
  const dayOf = (t: number) => clocks[(t - origin) / MIN]!.day;
  const slots: number[] = [];
  for (let s = Math.ceil(from / (15 * MIN)) * 15 * MIN; s < to; s += 15 * MIN) {
    if (s < now + a.minNoticeHours * 60 * MIN || s >= now + horizonDays * DAY) continue;
    const e = s + durationMinutes * MIN;
    let ok = true;
    for (let t = s; t < e && ok; t += MIN) ok = open[(t - origin) / MIN] === true;
    ok &&= taken.every((b) => b.end + a.bufferMinutes * MIN <= s || e + a.bufferMinutes * MIN <= b.start);
    ok &&= taken.filter((b) => dayOf(b.start) === dayOf(s)).length < a.dailyCap;
    if (ok) slots.push(s);
  }
  return slots;
}

/** A quarter hour of the day, often in the small hours where the changes happen. */
const quarter = fc.oneof(fc.integer({ min: 0, max: 96 }), fc.integer({ min: 0, max: 16 }));
const dayRanges: fc.Arbitrary<TimeRange[]> = fc.uniqueArray(quarter, { maxLength: 6 }).map((points) => {
  const sorted = [...points].sort((x, y) => x - y);
  const ranges: TimeRange[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push({ start: timeOf(sorted[i]! * 15), end: timeOf(sorted[i + 1]! * 15) });
  return ranges;
});

const scenario = fc
  .record({
    where: fc.constantFrom(...CASES),
    weekly: fc.array(dayRanges, { minLength: 7, maxLength: 7 }),
    exceptionDays: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
    exceptionRanges: dayRanges,
    bufferMinutes: fc.constantFrom(0, 5, 10, 30),
    minNoticeHours: fc.integer({ min: 0, max: 12 }),
    dailyCap: fc.integer({ min: 1, max: 4 }),
    durationMinutes: fc.constantFrom(15, 30, 60),
    nowOffsetMinutes: fc.integer({ min: -600, max: 1500 }),
    taken: fc.array(fc.record({ quarter: fc.integer({ min: 0, max: 3 * 96 }), length: fc.constantFrom(15, 30, 60) }), { maxLength: 8 }),
  })
  .map(({ where, ...s }) => ({ ...s, ...where }))
  .map((s) => {
    const weekly: WeeklyRange[] = s.weekly.flatMap((ranges, i) => ranges.map((r) => ({ ...r, weekday: i + 1 })));
    const exceptions = s.exceptionDays.map((d) => ({ date: new Date(s.start + d * DAY).toISOString().slice(0, 10), ranges: s.exceptionRanges }));
    const availability: Availability = { timeZone: s.timeZone, weekly, exceptions, bufferMinutes: s.bufferMinutes, minNoticeHours: s.minNoticeHours, dailyCap: s.dailyCap };
    const taken = s.taken.map((b) => ({ start: s.start + b.quarter * 15 * MIN, end: s.start + b.quarter * 15 * MIN + b.length * MIN }));
    return { availability, taken, durationMinutes: s.durationMinutes, from: s.start, to: s.start + 3 * DAY, now: s.start + s.nowOffsetMinutes * MIN };
  });

describe("openSlots against a minute-by-minute reference", () => {
  it("finds exactly the slots the reference finds, and slotRefusal agrees on every quarter hour", () => {
    fc.assert(
      fc.property(scenario, ({ availability, taken, durationMinutes, from, to, now }) => {
        const clock = { now, horizonDays: 2 };
        const expected = reference(availability, taken, durationMinutes, from, to, now, clock.horizonDays);
        const found = openSlots(availability, taken, { durationMinutes, from, to }, clock);
        expect(found).toEqual(expected);
        const open = new Set(found);
        for (let s = from; s < to; s += 15 * MIN) {
          expect(slotRefusal(availability, taken, { start: s, durationMinutes }, clock) === null).toBe(open.has(s));
        }
      }),
      { numRuns: 60, seed: 16 },
    );
    // A guard against hangs on a loaded machine, not a speed goal: each run reads ~10,000 wall clocks through Intl.
  }, 60_000);
});
