import { describe, expect, it } from "vitest";
import { availabilityProblems, minutesOf, rangesProblem, type Availability } from "./availability";

const bounds = { bufferMaxMinutes: 120, minNoticeMaxHours: 168, dailyCapMax: 24 };
const dates = { first: "2027-06-01", last: "2027-07-31" };
const valid: Availability = {
  timeZone: "Europe/London",
  weekly: [{ weekday: 1, start: "09:00", end: "12:00" }, { weekday: 1, start: "13:00", end: "24:00" }],
  exceptions: [{ date: "2027-06-10", ranges: [] }],
  bufferMinutes: 10,
  minNoticeHours: 4,
  dailyCap: 8,
};

describe("availability checks", () => {
  it("reads quarter-hour times only", () => {
    expect([minutesOf("09:15"), minutesOf("24:00"), minutesOf("09:10"), minutesOf("24:15"), minutesOf("9:00")]).toEqual([555, 1440, null, null, null]);
  });

  it("accepts a valid availability", () => {
    expect(availabilityProblems(valid, bounds, dates)).toEqual([]);
  });

  it.each([
    ["timeZone", { timeZone: "Mars/Olympus" }, "Choose a time zone"],
    ["weekly", { weekly: [{ weekday: 2, start: "09:00", end: "11:00" }, { weekday: 2, start: "10:00", end: "12:00" }] }, "Tuesday: 10:00–12:00 overlaps 09:00–11:00."],
    ["weekly", { weekly: [{ weekday: 3, start: "12:00", end: "09:00" }] }, "Wednesday: 12:00–09:00: the end must be after the start."],
    ["weekly", { weekly: Array.from({ length: 7 }, (_, i) => ({ weekday: 4, start: `0${i}:00`, end: `0${i}:30` })) }, "Thursday: At most 6 ranges a day."],
    ["weekly", { weekly: [{ weekday: 8, start: "09:00", end: "10:00" }] }, "Each range needs a weekday."],
    ["exceptions", { exceptions: [{ date: "2027-05-31", ranges: [] }] }, "2027-05-31 is outside today to 2027-07-31"],
    ["exceptions", { exceptions: [{ date: "2027-02-30", ranges: [] }] }, "“2027-02-30” is not a date"],
    ["exceptions", { exceptions: [{ date: "2027-06-10", ranges: [] }, { date: "2027-06-10", ranges: [] }] }, "2027-06-10 is listed twice."],
    ["exceptions", { exceptions: [{ date: "2027-06-11", ranges: [{ start: "09:05", end: "10:00" }] }] }, "2027-06-11: 09:05–10:00: use times like"],
    ["bufferMinutes", { bufferMinutes: 121 }, "from 0 to 120"],
    ["minNoticeHours", { minNoticeHours: 1.5 }, "from 0 to 168"],
    ["dailyCap", { dailyCap: 0 }, "from 1 to 24"],
  ] as const)("refuses a bad %s", (field, change, message) => {
    const problems = availabilityProblems({ ...valid, ...change } as Availability, bounds, dates);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe(field);
    expect(problems[0]!.message).toContain(message);
  });

  it("lets ranges touch", () => {
    expect(rangesProblem([{ start: "09:00", end: "10:00" }, { start: "10:00", end: "11:00" }])).toBeNull();
  });
});
