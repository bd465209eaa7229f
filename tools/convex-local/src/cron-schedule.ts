/** Next run times for the schedule types of convex/crons.ts (all in UTC). */

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

export type CronSchedule =
  | { type: "interval"; seconds?: number; minutes?: number; hours?: number }
  | { type: "hourly"; minuteUTC?: number }
  | { type: "daily"; hourUTC: number; minuteUTC?: number }
  | { type: "weekly"; dayOfWeek: string; hourUTC: number; minuteUTC?: number }
  | { type: "monthly"; day: number; hourUTC: number; minuteUTC?: number }
  | { type: "cron"; cron: string };

const MINUTE = 60_000;

export function intervalMs(schedule: Extract<CronSchedule, { type: "interval" }>): number {
  return ((schedule.seconds ?? 0) + (schedule.minutes ?? 0) * 60 + (schedule.hours ?? 0) * 3600) * 1000;
}

/** The first run strictly after `after` (ms since epoch). Intervals count from `after`. */
export function nextRunAfter(schedule: CronSchedule, after: number): number {
  switch (schedule.type) {
    case "interval":
      return after + intervalMs(schedule);
    case "hourly":
      return nextCronTime(`${schedule.minuteUTC ?? 0} * * * *`, after);
    case "daily":
      return nextCronTime(`${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * *`, after);
    case "weekly": {
      const day = DAYS.indexOf(schedule.dayOfWeek.toLowerCase());
      if (day < 0) throw new Error(`Unknown day of week: ${schedule.dayOfWeek}`);
      return nextCronTime(`${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * ${day}`, after);
    }
    case "monthly":
      return nextCronTime(`${schedule.minuteUTC ?? 0} ${schedule.hourUTC} ${schedule.day} * *`, after);
    case "cron":
      return nextCronTime(schedule.cron, after);
  }
}

type Field = { values: Set<number>; any: boolean };

const FIELD_RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];
const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function parseValue(text: string, fieldIndex: number): number {
  const lower = text.toLowerCase();
  if (fieldIndex === 3 && MONTH_NAMES.includes(lower)) return MONTH_NAMES.indexOf(lower) + 1;
  if (fieldIndex === 4 && DAY_NAMES.includes(lower)) return DAY_NAMES.indexOf(lower);
  if (!/^\d+$/.test(text)) throw new Error(`Invalid cron value "${text}"`);
  return Number(text);
}

function parseField(text: string, fieldIndex: number): Field {
  const [min, max] = FIELD_RANGES[fieldIndex]!;
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [rangeText = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`Invalid cron step "${part}"`);
    let [from, to] = [min, max];
    if (rangeText !== "*") {
      const [a = "", b] = rangeText.split("-");
      from = parseValue(a, fieldIndex);
      to = b === undefined ? (stepText === undefined ? from : max) : parseValue(b, fieldIndex);
    }
    if (from < min || to > max || from > to) throw new Error(`Cron value out of range in "${part}"`);
    for (let v = from; v <= to; v += step) values.add(fieldIndex === 4 && v === 7 ? 0 : v);
  }
  return { values, any: text === "*" || text.startsWith("*/") };
}

export function parseCron(expression: string): Field[] {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`Cron expression must have 5 fields, got "${expression}"`);
  return parts.map(parseField);
}

/** The first minute strictly after `after` that matches a 5-field cron expression (UTC). */
export function nextCronTime(expression: string, after: number): number {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parseCron(expression) as [Field, Field, Field, Field, Field];
  const date = new Date(Math.floor(after / MINUTE) * MINUTE + MINUTE);
  const limit = after + 5 * 366 * 24 * 60 * MINUTE;
  const dayMatches = () => {
    const dom = dayOfMonth.values.has(date.getUTCDate());
    const dow = dayOfWeek.values.has(date.getUTCDay());
    if (dayOfMonth.any) return dow;
    if (dayOfWeek.any) return dom;
    return dom || dow;
  };
  while (date.getTime() <= limit) {
    if (!month.values.has(date.getUTCMonth() + 1)) {
      date.setUTCMonth(date.getUTCMonth() + 1, 1);
      date.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches()) {
      date.setUTCDate(date.getUTCDate() + 1);
      date.setUTCHours(0, 0, 0, 0);
    } else if (!hour.values.has(date.getUTCHours())) {
      date.setUTCHours(date.getUTCHours() + 1, 0, 0, 0);
    } else if (!minute.values.has(date.getUTCMinutes())) {
      date.setUTCMinutes(date.getUTCMinutes() + 1, 0, 0);
    } else {
      return date.getTime();
    }
  }
  throw new Error(`Cron expression "${expression}" never matches`);
}
