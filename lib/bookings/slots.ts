/**
 * Open booking slots (SPEC §5), pure: an advisor's availability, the
 * intervals their bookings already take, a duration and a window in, slot
 * starts (UTC ms) out. One rule set serves both the list clients pick from
 * (openSlots) and the check a booking makes on the time it asks for
 * (slotRefusal):
 *
 * - starts lie on a 15-minute grid of UTC instants (every zone in use today is
 *   offset from UTC by a multiple of 15 minutes, so it is the local grid too);
 * - the whole slot lies inside the advisor's hours for the local date (an
 *   exception's ranges replace the weekday's; ranges that touch join up);
 * - it keeps `bufferMinutes` clear of every taken interval on both sides;
 * - it starts at least `minNoticeHours` after now and before now + the horizon;
 * - the advisor-local day of its start has fewer than `dailyCap` bookings.
 */
import { BOOKING_DURATIONS } from "./rules";
import { SLOT_STEP_MINUTES, minutesOf, type Availability } from "./availability";
import { DAY_MS, MINUTE_MS, firstInstantAt, isoFromDay, localDayOf, weekdayOf, type DayNumber } from "./zonedTime";

export type Interval = { start: number; end: number };
export type SlotClock = { now: number; horizonDays: number };

const STEP_MS = SLOT_STEP_MINUTES * MINUTE_MS;
const HOUR_MS = 60 * MINUTE_MS;

/** What one computation needs, built once for a span of local days. */
type Plan = {
  availability: Availability;
  /** The advisor's open hours as instants, sorted, touching ones joined. */
  open: Interval[];
  /** Taken intervals sorted by start, and the longest of them (to bound the search for neighbours). */
  taken: Interval[];
  longestTaken: number;
  bookingsOnDay: Map<DayNumber, number>;
};

/** The advisor's hours on each local day from `firstDay` to `lastDay`, as instants. */
export function openIntervals(a: Availability, firstDay: DayNumber, lastDay: DayNumber): Interval[] {
  const exceptions = new Map(a.exceptions.map((e) => [e.date, e.ranges]));
  const intervals: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const ranges = exceptions.get(isoFromDay(day)) ?? a.weekly.filter((r) => r.weekday === weekdayOf(day));
    for (const range of ranges) {
      const start = firstInstantAt(a.timeZone, day, minutesOf(range.start)!);
      const end = firstInstantAt(a.timeZone, day, minutesOf(range.end)!);
      if (end > start) intervals.push({ start, end });
    }
  }
  intervals.sort((x, y) => x.start - y.start);
  const joined: Interval[] = [];
  for (const interval of intervals) {
    const last = joined[joined.length - 1];
    if (last !== undefined && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else joined.push({ ...interval });
  }
  return joined;
}

function plan(a: Availability, taken: readonly Interval[], from: number, to: number): Plan {
  const open = openIntervals(a, localDayOf(a.timeZone, from) - 1, localDayOf(a.timeZone, to) + 1);
  const sorted = [...taken].sort((x, y) => x.start - y.start);
  const bookingsOnDay = new Map<DayNumber, number>();
  for (const t of sorted) {
    const day = localDayOf(a.timeZone, t.start);
    bookingsOnDay.set(day, (bookingsOnDay.get(day) ?? 0) + 1);
  }
  return { availability: a, open, taken: sorted, longestTaken: Math.max(0, ...sorted.map((t) => t.end - t.start)), bookingsOnDay };
}

function clashes(p: Plan, start: number, end: number): boolean {
  const buffer = p.availability.bufferMinutes * MINUTE_MS;
  // The first taken interval starting too late to clash; scan back from it while one still could.
  let lo = 0;
  let hi = p.taken.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (p.taken[mid]!.start < end + buffer) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && p.taken[i]!.start + p.longestTaken + buffer > start; i--) {
    if (p.taken[i]!.end + buffer > start) return true;
  }
  return false;
}

const within = (p: Plan, start: number, end: number) => p.open.some((o) => o.start <= start && end <= o.end);

/** The rules on the start and length alone, before any hours or bookings are looked at (a caller may skip its reads when this refuses). */
export function timingRefusal(a: Availability, start: number, durationMinutes: number, clock: SlotClock): string | null {
  if (!(BOOKING_DURATIONS as readonly number[]).includes(durationMinutes)) return `Bookings last ${BOOKING_DURATIONS.join(", ")} minutes.`;
  if (!Number.isSafeInteger(start) || start % STEP_MS !== 0) return `Bookings start on the quarter hour.`;
  if (start < clock.now) return "That time has passed.";
  if (start < clock.now + a.minNoticeHours * HOUR_MS) return `This advisor takes bookings at least ${a.minNoticeHours} hours ahead.`;
  if (start >= clock.now + clock.horizonDays * DAY_MS) return `Bookings open at most ${clock.horizonDays} days ahead.`;
  return null;
}

function refusal(p: Plan, start: number, durationMinutes: number, clock: SlotClock): string | null {
  const a = p.availability;
  const timing = timingRefusal(a, start, durationMinutes, clock);
  if (timing !== null) return timing;
  const end = start + durationMinutes * MINUTE_MS;
  if (!within(p, start, end)) return "The advisor is not available at that time.";
  if ((p.bookingsOnDay.get(localDayOf(a.timeZone, start)) ?? 0) >= a.dailyCap) return "The advisor is fully booked that day.";
  if (clashes(p, start, end)) return "That time is taken or too close to another booking.";
  return null;
}

/** The open slot starts in [from, to), earliest first. */
export function openSlots(a: Availability, taken: readonly Interval[], window: { durationMinutes: number; from: number; to: number }, clock: SlotClock): number[] {
  const earliest = Math.max(window.from, clock.now + a.minNoticeHours * HOUR_MS);
  const latest = Math.min(window.to, clock.now + clock.horizonDays * DAY_MS);
  if (!(earliest < latest)) return [];
  const p = plan(a, taken, earliest, latest);
  const length = window.durationMinutes * MINUTE_MS;
  const starts: number[] = [];
  for (const o of p.open) {
    for (let start = Math.ceil(Math.max(o.start, earliest) / STEP_MS) * STEP_MS; start < latest && start + length <= o.end; start += STEP_MS) {
      if (refusal(p, start, window.durationMinutes, clock) === null) starts.push(start);
    }
  }
  return starts;
}

/** Why a booking may not start at `start` (words for the client), or null when it may: the same rules as openSlots. */
export function slotRefusal(a: Availability, taken: readonly Interval[], request: { start: number; durationMinutes: number }, clock: SlotClock): string | null {
  const timing = timingRefusal(a, request.start, request.durationMinutes, clock);
  if (timing !== null) return timing;
  return refusal(plan(a, taken, request.start, request.start), request.start, request.durationMinutes, clock);
}
