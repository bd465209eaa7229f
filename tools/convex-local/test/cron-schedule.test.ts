import { describe, expect, it } from "vitest";
import { nextCronTime, nextRunAfter } from "../src/cron-schedule.js";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("cron schedules", () => {
  const base = at("2026-03-15T10:20:30.000Z"); // a Sunday

  it("interval counts from the previous run", () => {
    expect(nextRunAfter({ type: "interval", seconds: 30 }, base) - base).toBe(30_000);
    expect(nextRunAfter({ type: "interval", minutes: 2 }, base) - base).toBe(120_000);
    expect(nextRunAfter({ type: "interval", hours: 1 }, base) - base).toBe(3_600_000);
  });

  it("hourly, daily, weekly and monthly run at their UTC times", () => {
    expect(iso(nextRunAfter({ type: "hourly", minuteUTC: 5 }, base))).toBe("2026-03-15T11:05:00.000Z");
    expect(iso(nextRunAfter({ type: "hourly", minuteUTC: 45 }, base))).toBe("2026-03-15T10:45:00.000Z");
    expect(iso(nextRunAfter({ type: "daily", hourUTC: 9, minuteUTC: 0 }, base))).toBe("2026-03-16T09:00:00.000Z");
    expect(iso(nextRunAfter({ type: "daily", hourUTC: 17, minuteUTC: 30 }, base))).toBe("2026-03-15T17:30:00.000Z");
    expect(iso(nextRunAfter({ type: "weekly", dayOfWeek: "tuesday", hourUTC: 8, minuteUTC: 15 }, base))).toBe("2026-03-17T08:15:00.000Z");
    expect(iso(nextRunAfter({ type: "monthly", day: 1, hourUTC: 0, minuteUTC: 0 }, base))).toBe("2026-04-01T00:00:00.000Z");
    // Months without a 31st are skipped.
    expect(iso(nextRunAfter({ type: "monthly", day: 31, hourUTC: 12 }, at("2026-03-31T13:00:00Z")))).toBe("2026-05-31T12:00:00.000Z");
  });

  it("evaluates cron expressions with lists, ranges, steps and names", () => {
    expect(iso(nextCronTime("*/15 * * * *", base))).toBe("2026-03-15T10:30:00.000Z");
    expect(iso(nextCronTime("0 9-17/4 * * mon-fri", base))).toBe("2026-03-16T09:00:00.000Z");
    expect(iso(nextCronTime("30 2 1,15 * *", base))).toBe("2026-04-01T02:30:00.000Z");
    expect(iso(nextCronTime("0 0 * jan 7", base))).toBe("2027-01-03T00:00:00.000Z");
    // Day-of-month and day-of-week both restricted: either matches.
    expect(iso(nextCronTime("0 12 20 * 3", base))).toBe("2026-03-18T12:00:00.000Z");
  });

  it("rejects malformed expressions", () => {
    expect(() => nextCronTime("* * *", base)).toThrow(/5 fields/);
    expect(() => nextCronTime("61 * * * *", base)).toThrow(/out of range/);
  });
});
