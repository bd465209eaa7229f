import { describe, expect, it } from "vitest";
import { dashboardWindows, dayIn, dayMinus, hourOf, moneyFiguresOf, timeZoneProblem, ZERO_FIGURES, HOUR_MS } from "./platformFigures";

const NOW = Date.UTC(2026, 11, 5, 22, 30);

describe("moneyFiguresOf", () => {
  it.each([
    {
      name: "a settlement: GMV from the client's wallet, the fee into revenue",
      tx: { key: "session:s1:settle", type: "deduct", entries: [{ accountKind: "client_promo", amount: -20 }, { accountKind: "client_cash", amount: -100 }, { accountKind: "advisor_pending", amount: 108 }, { accountKind: "platform_revenue", amount: 12 }] },
      out: { chargeCents: 120, feeCents: 12, refundCents: 0, feeRefundedCents: 0, satisfactionCreditCents: 0 },
    },
    {
      name: "a dispute refund",
      tx: { key: "dispute:d1:refund", type: "refund", entries: [{ accountKind: "client_cash", amount: 50 }, { accountKind: "advisor_pending", amount: -45 }, { accountKind: "platform_revenue", amount: -5 }] },
      out: { chargeCents: 0, feeCents: 0, refundCents: 50, feeRefundedCents: 5, satisfactionCreditCents: 0 },
    },
    {
      name: "a satisfaction credit",
      tx: { key: "session:s1:satisfaction", type: "adjustment", entries: [{ accountKind: "platform_revenue", amount: -30 }, { accountKind: "client_promo", amount: 30 }] },
      out: { chargeCents: 0, feeCents: 0, refundCents: 0, feeRefundedCents: 0, satisfactionCreditCents: 30 },
    },
  ])("$name", ({ tx, out }) => expect(moneyFiguresOf(tx)).toEqual(out));

  it.each(["stripe:evt_1", "promo:req-1", "session:s1:release", "withdrawal:w1:paid"])("counts nothing for %s", (key) => {
    const type = key.startsWith("stripe") ? "add" : key.startsWith("withdrawal") ? "payout" : key.endsWith("release") ? "earning" : "adjustment";
    expect(moneyFiguresOf({ key, type, entries: [{ accountKind: "platform_revenue", amount: -5 }, { accountKind: "client_promo", amount: 5 }] })).toBeNull();
  });
});

describe("time zone days", () => {
  it("names the day in the zone", () => {
    expect(dayIn("UTC", NOW)).toBe("2026-12-05");
    expect(dayIn("Asia/Tokyo", NOW)).toBe("2026-12-06");
    expect(dayIn("America/Los_Angeles", Date.UTC(2026, 11, 6, 5))).toBe("2026-12-05");
    expect(dayMinus("2026-03-01", 1)).toBe("2026-02-28");
  });

  it.each([
    ["UTC", null],
    ["Europe/London", null],
    ["America/New_York", null],
    ["Asia/Kolkata", /whole hours/],
    ["Mars/Olympus", /not an IANA time zone/],
  ])("%s", (zone, problem) => {
    const found = timeZoneProblem(zone, NOW);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });

  it("groups hour rows into the zone's days and sums the windows", () => {
    const row = (at: number, chargeCents: number) => ({ ...ZERO_FIGURES, hour: hourOf(at), chargeCents });
    const rows = [row(NOW, 100), row(NOW - 23 * HOUR_MS, 10), row(NOW - 8 * 24 * HOUR_MS, 1), row(NOW - 40 * 24 * HOUR_MS, 1000)];
    const utc = dashboardWindows(rows, "UTC", NOW);
    expect(utc.days).toHaveLength(30);
    expect(utc.days.at(-1)).toMatchObject({ day: "2026-12-05", chargeCents: 100 });
    expect([utc.windows.today.chargeCents, utc.windows["7d"].chargeCents, utc.windows["30d"].chargeCents]).toEqual([100, 110, 111]);
    // 22:30 UTC is already the 6th in Tokyo; 23:30 UTC the day before is the 5th there.
    const tokyo = dashboardWindows(rows, "Asia/Tokyo", NOW);
    expect(tokyo.today).toBe("2026-12-06");
    expect([tokyo.windows.today.chargeCents, tokyo.windows["7d"].chargeCents]).toEqual([100, 110]);
  });
});
