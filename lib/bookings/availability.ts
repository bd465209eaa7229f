/**
 * An advisor's availability as they state it, in their own time zone: weekly
 * ranges per weekday, exceptions on local dates, and their buffer, notice and
 * daily cap. Times are wall-clock "HH:MM" on a 15-minute grid ("24:00" ends a
 * day); zonedTime.ts turns them into instants. The checks here are the ones
 * the backend refuses with and the form shows before sending.
 */
import { isTimeZone } from "./zonedTime";

export const SLOT_STEP_MINUTES = 15;
export const MAX_RANGES_PER_DAY = 6;
export const MAX_EXCEPTIONS = 120;
/** The longest window one slots request covers (the picker shows this many days). */
export const SLOT_WINDOW_DAYS = 14;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const WEEKDAY_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

export type TimeRange = { start: string; end: string };
/** weekday: 1 = Monday … 7 = Sunday. */
export type WeeklyRange = TimeRange & { weekday: number };
/** Replaces the weekly hours on one local date; no ranges is a day off. */
export type AvailabilityException = { date: string; ranges: TimeRange[] };

export type Availability = {
  timeZone: string;
  weekly: WeeklyRange[];
  exceptions: AvailabilityException[];
  bufferMinutes: number;
  minNoticeHours: number;
  dailyCap: number;
};

/** The bounds the settings put on an advisor's own numbers. */
export type AvailabilityBounds = { bufferMaxMinutes: number; minNoticeMaxHours: number; dailyCapMax: number };

export type AvailabilityField = "timeZone" | "weekly" | "exceptions" | "bufferMinutes" | "minNoticeHours" | "dailyCap";
export type AvailabilityProblem = { field: AvailabilityField; message: string };

/** Minutes after midnight of "HH:MM" on the 15-minute grid (00:00–24:00), or null. */
export function minutesOf(time: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  if (match === null) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 && minutes % SLOT_STEP_MINUTES === 0 ? minutes : null;
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export function isIsoDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** Why a day's ranges are not usable (words naming the range), or null. */
export function rangesProblem(ranges: readonly TimeRange[]): string | null {
  if (ranges.length > MAX_RANGES_PER_DAY) return `At most ${MAX_RANGES_PER_DAY} ranges a day.`;
  const parsed: { start: number; end: number; label: string }[] = [];
  for (const range of ranges) {
    const start = minutesOf(range.start);
    const end = minutesOf(range.end);
    const label = `${range.start.slice(0, 5)}–${range.end.slice(0, 5)}`;
    if (start === null || end === null) return `${label}: use times like 09:00 or 17:30, on the quarter hour.`;
    if (end <= start) return `${label}: the end must be after the start.`;
    parsed.push({ start, end, label });
  }
  parsed.sort((a, b) => a.start - b.start);
  for (let i = 1; i < parsed.length; i++) {
    if (parsed[i]!.start < parsed[i - 1]!.end) return `${parsed[i]!.label} overlaps ${parsed[i - 1]!.label}.`;
  }
  return null;
}

function wholeWithin(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= max;
}

/**
 * Every problem with an advisor's availability, at most one per field.
 * `dates`: the local dates exceptions may fall on (today … the booking horizon).
 */
export function availabilityProblems(a: Availability, bounds: AvailabilityBounds, dates: { first: string; last: string }): AvailabilityProblem[] {
  const problems: AvailabilityProblem[] = [];
  if (!isTimeZone(a.timeZone)) problems.push({ field: "timeZone", message: "Choose a time zone from the list (such as Europe/London)." });
  const weekly = WEEKDAYS.map((day) => {
    const problem = rangesProblem(a.weekly.filter((r) => r.weekday === day));
    return problem && `${WEEKDAY_NAMES[day - 1]}: ${problem}`;
  }).find((p) => p !== null);
  if (a.weekly.some((r) => !(WEEKDAYS as readonly number[]).includes(r.weekday))) problems.push({ field: "weekly", message: "Each range needs a weekday." });
  else if (weekly !== undefined) problems.push({ field: "weekly", message: weekly });
  const exceptions = exceptionsProblem(a.exceptions, dates);
  if (exceptions !== null) problems.push({ field: "exceptions", message: exceptions });
  if (!wholeWithin(a.bufferMinutes, bounds.bufferMaxMinutes)) {
    problems.push({ field: "bufferMinutes", message: `The buffer must be a whole number of minutes from 0 to ${bounds.bufferMaxMinutes}.` });
  }
  if (!wholeWithin(a.minNoticeHours, bounds.minNoticeMaxHours)) {
    problems.push({ field: "minNoticeHours", message: `The notice must be a whole number of hours from 0 to ${bounds.minNoticeMaxHours}.` });
  }
  if (!wholeWithin(a.dailyCap, bounds.dailyCapMax) || a.dailyCap < 1) {
    problems.push({ field: "dailyCap", message: `The daily limit must be a whole number of bookings from 1 to ${bounds.dailyCapMax}.` });
  }
  return problems;
}

function exceptionsProblem(exceptions: readonly AvailabilityException[], dates: { first: string; last: string }): string | null {
  if (exceptions.length > MAX_EXCEPTIONS) return `At most ${MAX_EXCEPTIONS} dates with other hours.`;
  const seen = new Set<string>();
  for (const exception of exceptions) {
    const date = exception.date.slice(0, 10);
    if (!isIsoDate(exception.date)) return `“${date}” is not a date (use YYYY-MM-DD).`;
    if (exception.date < dates.first || exception.date > dates.last) return `${date} is outside today to ${dates.last}, the dates bookings can be made for.`;
    if (seen.has(exception.date)) return `${date} is listed twice.`;
    seen.add(exception.date);
    const problem = rangesProblem(exception.ranges);
    if (problem !== null) return `${date}: ${problem}`;
  }
  return null;
}
