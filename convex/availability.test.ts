import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import * as Advisors from "./model/advisors";
import * as Availability from "./model/availability";
import { advisorProfileId } from "./sessions.fixtures";
import { makeUser, newTest, type TestConvex } from "./test.factories";
import type { BookingStatus } from "../lib/bookings/rules";

/** Tuesday 2027-06-01 00:00 UTC (01:00 in London, BST). */
const NOW = Date.UTC(2027, 5, 1);
const MIN = 60_000;
const DAY = 1440 * MIN;
const at = (iso: string) => Date.parse(iso);

const HOURS = {
  timeZone: "Europe/London",
  weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "09:00", end: "17:00" })),
  exceptions: [{ date: "2027-06-02", ranges: [] }],
  bufferMinutes: 10,
  minNoticeHours: 4,
  dailyCap: 8,
};

beforeEach(() => {
  // Timers too, so work the seed schedules (clock ticks, request expiry) stays queued instead of running after the test.
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

async function advisorWithHours(t: TestConvex) {
  const advisor = await makeUser(t, "advisor");
  const advisorId = await advisorProfileId(t, advisor.userId);
  await advisor.as.mutation(api.availability.save, HOURS);
  return { advisor, advisorId };
}

async function book(t: TestConvex, advisorId: Id<"advisors">, startsAt: string, minutes: number, status: BookingStatus = "confirmed") {
  const client = await makeUser(t, "client");
  await t.run(async (ctx) => {
    const advisor = (await ctx.db.get(advisorId))!;
    const start = at(startsAt);
    await ctx.db.insert("bookings", {
      clientId: client.userId, advisorId, advisorUserId: advisor.userId, kind: "chat", durationMinutes: minutes, startsAt: start, endsAt: start + minutes * MIN,
      status, rateCentsPerMinute: 100, priceCents: minutes * 100, currency: "USD", clientTimeZone: "UTC", reschedules: 0, createdAt: NOW,
      policy: { feeBps: 1000, freeCancelHours: 24, joinEarlyMinutes: 5, noShowAfterMinutes: 4, clientNoShowChargeBps: 5000 },
    });
  });
}

const day = (advisorId: Id<"advisors">, durationMinutes: number, from = NOW) => ({ advisorId, durationMinutes, from, to: from + DAY });
const iso = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe("availability.save", () => {
  it("stores the hours, exceptions and rules the advisor reads back", async () => {
    const t = newTest();
    const advisor = await makeUser(t, "advisor");
    const before = await advisor.as.query(api.availability.mine, {});
    expect(before).toMatchObject({ saved: false, weekly: [], exceptions: [], bufferMinutes: 10, minNoticeHours: 4, dailyCap: 8 });
    expect(before?.limits).toMatchObject({ bufferMaxMinutes: 120, minNoticeMaxHours: 168, dailyCapMax: 24, horizonDays: 60 });
    await advisor.as.mutation(api.availability.save, HOURS);
    expect(await advisor.as.query(api.availability.mine, {})).toMatchObject({ saved: true, ...HOURS });
    await advisor.as.mutation(api.availability.save, { ...HOURS, exceptions: [{ date: "2027-06-03", ranges: [{ start: "18:00", end: "19:00" }] }] });
    expect((await advisor.as.query(api.availability.mine, {}))?.exceptions).toEqual([{ date: "2027-06-03", ranges: [{ start: "18:00", end: "19:00" }] }]);
  });

  it.each([
    ["timeZone", { timeZone: "Nowhere/Atlantis" }],
    ["weekly", { weekly: [{ weekday: 1, start: "09:00", end: "08:00" }] }],
    ["weekly", { weekly: Array.from({ length: 43 }, () => ({ weekday: 1, start: "09:00", end: "10:00" })) }],
    ["exceptions", { exceptions: [{ date: "2027-05-31", ranges: [] }] }],
    ["exceptions", { exceptions: [{ date: "2027-08-15", ranges: [] }] }],
    ["exceptions", { exceptions: Array.from({ length: 121 }, (_, i) => ({ date: `2027-06-${String(1 + (i % 28)).padStart(2, "0")}`, ranges: [] })) }],
    ["bufferMinutes", { bufferMinutes: 121 }],
    ["minNoticeHours", { minNoticeHours: -1 }],
    ["dailyCap", { dailyCap: 25 }],
  ])("refuses a bad %s at its field and changes nothing", async (field, change) => {
    const t = newTest();
    const advisor = await makeUser(t, "advisor");
    await expect(advisor.as.mutation(api.availability.save, { ...HOURS, ...change })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field } });
    expect(await advisor.as.query(api.availability.mine, {})).toMatchObject({ saved: false, weekly: [], exceptions: [] });
  });

  it("is the advisor's own: visitors, clients and admins are refused", async () => {
    const t = newTest();
    await expect(t.mutation(api.availability.save, HOURS)).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    for (const role of ["client", "admin"] as const) {
      const user = await makeUser(t, role);
      await expect(user.as.mutation(api.availability.save, HOURS)).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(user.as.query(api.availability.mine, {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
  });
});

describe("availability.slots", () => {
  it("has none before the advisor saves hours", async () => {
    const t = newTest();
    const advisor = await makeUser(t, "advisor");
    const advisorId = await advisorProfileId(t, advisor.userId);
    expect(await t.query(api.availability.slots, day(advisorId, 15))).toEqual([]);
    expect(await t.query(api.availability.summary, { advisorId })).toBeNull();
  });

  it("gives a visitor the open times, skipping the notice, a day off and taken bookings with their buffer", async () => {
    const t = newTest();
    const { advisorId } = await advisorWithHours(t);
    // 09:00–17:00 BST is 08:00–16:00 UTC; a confirmed hour at 10:00 UTC, a cancelled one at 13:00 that frees its time.
    await book(t, advisorId, "2027-06-01T10:00:00Z", 60);
    await book(t, advisorId, "2027-06-01T13:00:00Z", 60, "cancelled_by_client");
    const open = (await t.query(api.availability.slots, day(advisorId, 60))).map(iso);
    expect(open[0]).toBe("08:00");
    expect(open).toContain("08:45");
    expect(open).not.toContain("09:00"); // would end 10:00, inside the 10-minute buffer
    expect(open).not.toContain("11:00");
    expect(open).toContain("11:15");
    expect(open).toContain("13:00");
    expect(open[open.length - 1]).toBe("15:00");
    expect(open).toHaveLength(29 - 9);
    // 2027-06-02 is a day off.
    expect(await t.query(api.availability.slots, day(advisorId, 15, NOW + DAY))).toEqual([]);
  });

  it("counts the daily cap on the advisor's day and agrees with the booking check", async () => {
    const t = newTest();
    const { advisor, advisorId } = await advisorWithHours(t);
    await advisor.as.mutation(api.availability.save, { ...HOURS, dailyCap: 1 });
    await book(t, advisorId, "2027-06-01T15:45:00Z", 15);
    expect(await t.query(api.availability.slots, day(advisorId, 15))).toEqual([]);
    const refusal = await t.run((ctx) => Availability.refusalFor(ctx, advisorId, { start: at("2027-06-01T09:00:00Z"), durationMinutes: 15 }, NOW));
    expect(refusal).toBe("The advisor is fully booked that day.");
    const open = await t.run((ctx) => Availability.refusalFor(ctx, advisorId, { start: at("2027-06-03T09:00:00Z"), durationMinutes: 15 }, NOW));
    expect(open).toBeNull();
  });

  it("has none for a suspended advisor", async () => {
    const t = newTest();
    const { advisor, advisorId } = await advisorWithHours(t);
    expect(await t.query(api.availability.slots, day(advisorId, 30))).not.toEqual([]);
    await t.run((ctx) => Advisors.suspendProfile(ctx, advisor.userId));
    expect(await t.query(api.availability.slots, day(advisorId, 30))).toEqual([]);
    expect(await t.query(api.availability.summary, { advisorId })).toBeNull();
  });

  it("refuses a length not offered and a window over 14 days", async () => {
    const t = newTest();
    const { advisorId } = await advisorWithHours(t);
    await expect(t.query(api.availability.slots, day(advisorId, 45))).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "durationMinutes" } });
    await expect(t.query(api.availability.slots, { advisorId, durationMinutes: 15, from: NOW, to: NOW + 15 * DAY })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field: "to" },
    });
    await expect(t.query(api.availability.slots, { advisorId, durationMinutes: 15, from: Number.NaN, to: NOW })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
  });
});

describe("availability.summary", () => {
  it("gives the weekly hours in the advisor's zone and the next open time", async () => {
    const t = newTest();
    const { advisorId } = await advisorWithHours(t);
    const summary = await t.query(api.availability.summary, { advisorId });
    expect(summary).toEqual({ timeZone: "Europe/London", weekly: HOURS.weekly, nextOpen: at("2027-06-01T08:00:00Z") });
  });
});

describe("seed.init", () => {
  it("gives demo advisors weekly hours in London, New York and Tokyo, with open times", async () => {
    const t = newTest();
    await t.mutation(internal.seed.init, {});
    const zones = await t.run(async (ctx) => (await ctx.db.query("availability").take(10)).map((a) => a.timeZone));
    expect(zones).toEqual(expect.arrayContaining(["Europe/London", "America/New_York", "Asia/Tokyo"]));
    const maya = await t.run(async (ctx) => {
      const user = await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", "maya@example.com")).unique();
      return (await Advisors.findProfile(ctx, user!._id))!._id;
    });
    expect(await t.query(api.availability.slots, { advisorId: maya, durationMinutes: 30, from: NOW, to: NOW + 14 * DAY })).not.toEqual([]);
  });
});
