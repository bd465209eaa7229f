import { describe, expect, it } from "vitest";
import { bookingPrice, freeChangeUntil, joinOpensAt, nextReminder, noShowAt, noShowOutcome, outcomeCharge, policyFor } from "./policy";

const HOUR = 3_600_000;
const settings = { feeBps: 1000, bookingFreeCancelHours: 24, bookingJoinEarlyMinutes: 5, bookingNoShowAfterBps: 3300, bookingClientNoShowChargeBps: 5000 };

describe("booking policy", () => {
  it("waits floor(33% × duration) whole minutes for a no-show", () => {
    expect([15, 30, 60].map((d) => policyFor(settings, d).noShowAfterMinutes)).toEqual([4, 9, 19]);
    const start = Date.UTC(2027, 0, 4, 9);
    expect(noShowAt(start, policyFor(settings, 30))).toBe(start + 9 * 60_000);
    expect(joinOpensAt(start, policyFor(settings, 30))).toBe(start - 5 * 60_000);
  });

  it("prices duration × rate and charges each outcome, rounding a share down", () => {
    expect(bookingPrice(30, 199)).toBe(5970);
    const policy = policyFor(settings, 15);
    expect(outcomeCharge("completed", 2985, policy)).toBe(2985);
    expect(outcomeCharge("late_cancel", 2985, policy)).toBe(2985);
    expect(outcomeCharge("client_no_show", 2985, policy)).toBe(1492);
    expect(outcomeCharge("advisor_no_show", 2985, policy)).toBe(0);
    expect(outcomeCharge("free_cancel", 2985, policy)).toBe(0);
    expect(outcomeCharge("advisor_cancel", 2985, policy)).toBe(0);
  });

  it("lets a client change free until the window before the start", () => {
    const start = Date.UTC(2027, 0, 4, 9);
    expect(freeChangeUntil(start, policyFor(settings, 60))).toBe(start - 24 * HOUR);
  });

  it("says who did not come: the advisor first", () => {
    expect(noShowOutcome({ client: false, advisor: false })).toBe("advisor_no_show");
    expect(noShowOutcome({ client: true, advisor: false })).toBe("advisor_no_show");
    expect(noShowOutcome({ client: false, advisor: true })).toBe("client_no_show");
    expect(noShowOutcome({ client: true, advisor: true })).toBeNull();
  });

  it("plans reminders 24 h and 1 h before, skipping one whose moment has passed", () => {
    const start = Date.UTC(2027, 0, 4, 9);
    expect(nextReminder(start, [24, 1], 0, start - 48 * HOUR)).toEqual({ index: 0, at: start - 24 * HOUR });
    expect(nextReminder(start, [24, 1], 0, start - 3 * HOUR)).toEqual({ index: 1, at: start - HOUR });
    expect(nextReminder(start, [24, 1], 1, start - 24 * HOUR)).toEqual({ index: 1, at: start - HOUR });
    expect(nextReminder(start, [24, 1], 0, start - 30 * 60_000)).toBeNull();
    expect(nextReminder(start, [24, 1], 2, start - 48 * HOUR)).toBeNull();
  });
});
