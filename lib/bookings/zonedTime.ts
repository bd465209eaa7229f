/**
 * Wall-clock times in an IANA time zone turned into instants (UTC ms) and
 * back, with the one rule availability needs across daylight-saving changes:
 * a local date and time means the FIRST instant the zone's clock reads that
 * time or later. A time skipped by spring-forward maps to the change itself
 * (01:30 on a day that jumps 01:00 → 02:00 is the jump); a time shown twice
 * by fall-back maps to its first showing. luxon supplies the zone offsets.
 */
import { IANAZone } from "luxon";

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** A civil date as days since 1970-01-01 (no zone): arithmetic on dates without clocks. */
export type DayNumber = number;

const zones = new Map<string, IANAZone>();
function zone(timeZone: string): IANAZone {
  let found = zones.get(timeZone);
  if (found === undefined) {
    found = IANAZone.create(timeZone) as IANAZone;
    zones.set(timeZone, found);
  }
  return found;
}

export function isTimeZone(timeZone: string): boolean {
  return timeZone.length <= 64 && IANAZone.isValidZone(timeZone);
}

/** The zone's offset from UTC at `instant`, in ms. */
export function offsetMs(timeZone: string, instant: number): number {
  return zone(timeZone).offset(instant) * MINUTE_MS;
}

/** The local civil day an instant falls on in the zone. */
export function localDayOf(timeZone: string, instant: number): DayNumber {
  return Math.floor((instant + offsetMs(timeZone, instant)) / DAY_MS);
}

export function dayFromIso(date: string): DayNumber {
  const [y, m, d] = date.split("-").map(Number);
  return Math.floor(Date.UTC(y!, m! - 1, d!) / DAY_MS);
}

export function isoFromDay(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday (ISO). */
export function weekdayOf(day: DayNumber): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/**
 * The first instant at which the zone's clock reads `minutes` after midnight
 * of `day`, or later. `minutes` may be 1440 (the next day's midnight).
 */
export function firstInstantAt(timeZone: string, day: DayNumber, minutes: number): number {
  const wall = day * DAY_MS + minutes * MINUTE_MS;
  const offsets = new Set([offsetMs(timeZone, wall - DAY_MS), offsetMs(timeZone, wall), offsetMs(timeZone, wall + DAY_MS)]);
  const exact = [...offsets].map((o) => wall - o).filter((t) => offsetMs(timeZone, t) === wall - t);
  if (exact.length > 0) return Math.min(...exact);
  // Skipped by a spring-forward change: the answer is the change itself, between the two readings of `wall`.
  let before = wall - Math.max(...offsets);
  let after = wall - Math.min(...offsets);
  while (after - before > MINUTE_MS) {
    const middle = before + Math.floor((after - before) / 2 / MINUTE_MS) * MINUTE_MS;
    if (middle + offsetMs(timeZone, middle) >= wall) after = middle;
    else before = middle;
  }
  return after;
}
