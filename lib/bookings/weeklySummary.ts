/**
 * An advisor's weekly hours as a viewer in another zone sees them, e.g.
 * "Mon–Fri 09:00–17:00". Worked out on the coming seven days of the viewer's
 * calendar from real instants, so a range that crosses the viewer's midnight
 * shows on both of their days, and a week with a daylight-saving change in
 * either zone shows this week's times.
 */
import { WEEKDAY_SHORT, timeOf, type Availability } from "./availability";
import { openIntervals } from "./slots";
import { DAY_MS, MINUTE_MS, firstInstantAt, localDayOf, offsetMs, weekdayOf } from "./zonedTime";

export type SummaryLine = { days: string; hours: string };

function wallMinutes(timeZone: string, day: number, instant: number): number {
  return Math.round((instant + offsetMs(timeZone, instant) - day * DAY_MS) / MINUTE_MS);
}

/** The hours on each weekday (1 = Monday) of the viewer's coming week, as "09:00–12:00, 13:00–17:00". */
export function hoursByViewerWeekday(a: Pick<Availability, "timeZone" | "weekly">, viewerZone: string, now: number): Map<number, string> {
  const today = localDayOf(viewerZone, now);
  const weekStart = firstInstantAt(viewerZone, today, 0);
  const weekEnd = firstInstantAt(viewerZone, today + 7, 0);
  const open = openIntervals({ ...a, exceptions: [], bufferMinutes: 0, minNoticeHours: 0, dailyCap: 1 }, localDayOf(a.timeZone, weekStart) - 1, localDayOf(a.timeZone, weekEnd) + 1);
  const hours = new Map<number, string>();
  for (let day = today; day < today + 7; day++) {
    const start = firstInstantAt(viewerZone, day, 0);
    const end = firstInstantAt(viewerZone, day + 1, 0);
    const pieces = open
      .filter((o) => o.start < end && o.end > start)
      .map((o) => {
        const from = timeOf(wallMinutes(viewerZone, day, Math.max(o.start, start)));
        return `${from}–${o.end >= end ? "24:00" : timeOf(wallMinutes(viewerZone, day, o.end))}`;
      });
    if (pieces.length > 0) hours.set(weekdayOf(day), pieces.join(", "));
  }
  return hours;
}

/** Consecutive weekdays with the same hours share a line ("Mon–Fri"); days without hours are left out. */
export function weeklySummary(a: Pick<Availability, "timeZone" | "weekly">, viewerZone: string, now: number): SummaryLine[] {
  const hours = hoursByViewerWeekday(a, viewerZone, now);
  const lines: { first: number; last: number; hours: string }[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const today = hours.get(weekday);
    const last = lines[lines.length - 1];
    if (today === undefined) continue;
    if (last !== undefined && last.last === weekday - 1 && last.hours === today) last.last = weekday;
    else lines.push({ first: weekday, last: weekday, hours: today });
  }
  return lines.map((l) => ({
    days: l.first === l.last ? WEEKDAY_SHORT[l.first - 1]! : `${WEEKDAY_SHORT[l.first - 1]}${l.last - l.first === 1 ? ", " : "–"}${WEEKDAY_SHORT[l.last - 1]}`,
    hours: l.hours,
  }));
}
