import { describe, expect, it } from "vitest";
import { weeklySummary } from "./weeklySummary";
import type { WeeklyRange } from "./availability";

const weekdays = (start: string, end: string): WeeklyRange[] => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));
const JUNE = Date.parse("2027-06-09T12:00:00Z");

describe("weeklySummary", () => {
  it("groups weekdays with the same hours in the advisor's own zone", () => {
    const weekly = [...weekdays("09:00", "17:00"), { weekday: 6, start: "10:00", end: "12:00" }];
    expect(weeklySummary({ timeZone: "Europe/London", weekly }, "Europe/London", JUNE)).toEqual([
      { days: "Mon–Fri", hours: "09:00–17:00" },
      { days: "Sat", hours: "10:00–12:00" },
    ]);
  });

  it("shows a Tokyo range that crosses the viewer's midnight on both of a New York viewer's days", () => {
    // 12:00–15:00 JST is 23:00–02:00 EDT: the evening before and the small hours of the same weekday.
    const summary = weeklySummary({ timeZone: "Asia/Tokyo", weekly: weekdays("12:00", "15:00") }, "America/New_York", JUNE);
    expect(summary).toEqual([
      { days: "Mon–Thu", hours: "00:00–02:00, 23:00–24:00" },
      { days: "Fri", hours: "00:00–02:00" },
      { days: "Sun", hours: "23:00–24:00" },
    ]);
  });

  it("follows this week's offsets: London 09:00 is 04:00 or 05:00 in New York depending on the week", () => {
    const london = { timeZone: "Europe/London", weekly: [{ weekday: 2, start: "09:00", end: "10:00" }] };
    expect(weeklySummary(london, "America/New_York", Date.parse("2027-03-08T12:00:00Z"))).toEqual([{ days: "Tue", hours: "04:00–05:00" }]);
    expect(weeklySummary(london, "America/New_York", Date.parse("2027-03-15T12:00:00Z"))).toEqual([{ days: "Tue", hours: "05:00–06:00" }]);
    expect(weeklySummary(london, "America/New_York", Date.parse("2027-03-29T12:00:00Z"))).toEqual([{ days: "Tue", hours: "04:00–05:00" }]);
  });

  it("is empty without weekly hours", () => {
    expect(weeklySummary({ timeZone: "UTC", weekly: [] }, "UTC", JUNE)).toEqual([]);
  });
});
