import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { auditLedger } from "./ledger.testkit";
import { elapse, runDue, setup, startSession, T0, useFakeClock } from "./sessions.fixtures";
import * as EarningsRollup from "./model/earningsRollup";
import { makeUser, newTest } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const HOUR = 60 * 60 * 1000;
type Setup = Awaited<ReturnType<typeof setup>>;

/** A chat of `minutes` kept alive by a message a minute, ended by the client. */
async function chat(s: Setup, minutes: number) {
  const sessionId = await startSession(s, "chat");
  await elapse(s.t, minutes * 60_000, 30_000, async (ms) => {
    if (ms % 60_000 === 0) await s.client.as.mutation(api.messages.send, { sessionId, body: "still here" });
  });
  await s.client.as.mutation(api.sessions.endSession, { sessionId });
  return sessionId;
}

describe("earningsDashboard.overview", () => {
  it("adds up settled sessions from the rollups and the ledger balances, exact to the cent", async () => {
    const s = await setup({ balance: 5000, chatRate: 150 });
    const first = await chat(s, 10); // $15.00 charge, $1.50 fee, $13.50 earning, ends T0 + 10 min
    const second = await chat(s, 2); // $3.00 charge, $0.30 fee, $2.70 earning, ends T0 + 12 min
    await s.t.run((ctx) => ctx.db.patch(s.advisorId, { ratingTotal: 9, ratingCount: 2 }));

    const before = await s.advisor.as.query(api.earningsDashboard.overview, {});
    expect(before).toEqual({
      currency: "USD",
      totalEarned: 1620,
      pending: 1620,
      available: 0,
      withdrawing: 0,
      paidOut: 0,
      thisMonth: 1620,
      sessions: 2,
      billedSeconds: 720,
      ratingTotal: 9,
      ratingCount: 2,
      days: [{ day: "2026-01-01", earnedCents: 1620, sessions: 2, billedSeconds: 720 }],
    });
    expect(await s.advisor.as.query(api.earningsDashboard.pending, {})).toEqual([
      expect.objectContaining({ sessionId: first, earningCents: 1350, releaseAt: T0 + 10 * 60_000 + 24 * HOUR }),
      expect.objectContaining({ sessionId: second, earningCents: 270, releaseAt: T0 + 12 * 60_000 + 24 * HOUR }),
    ]);

    vi.advanceTimersByTime(T0 + 12 * 60_000 + 24 * HOUR - Date.now()); // both release jobs are due
    await runDue(s.t);
    const after = await s.advisor.as.query(api.earningsDashboard.overview, {});
    expect(after).toMatchObject({ totalEarned: 1620, pending: 0, available: 1620, thisMonth: 1620 });
    expect(await s.advisor.as.query(api.earningsDashboard.pending, {})).toEqual([]);

    const history = await s.advisor.as.query(api.earningsDashboard.history, { paginationOpts: { numItems: 20, cursor: null } });
    expect(history.page.map((r) => [r.type, r.account, r.amount])).toEqual([
      ["earning", "advisor_available", 270],
      ["earning", "advisor_pending", -270],
      ["earning", "advisor_available", 1350],
      ["earning", "advisor_pending", -1350],
      ["earning", "advisor_pending", 270],
      ["earning", "advisor_pending", 1350],
    ]);
    await expect(s.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("counts this month and the chart by UTC day, leaving earlier months out of this month", async () => {
    const s = await setup({ balance: 5000, chatRate: 100 });
    vi.setSystemTime(Date.UTC(2025, 11, 31, 23, 50));
    await chat(s, 5); // ends 23:55 on Dec 31: $5.00 charge, $4.50 earning
    vi.setSystemTime(Date.UTC(2026, 0, 1, 0, 10));
    await chat(s, 3); // ends 00:13 on Jan 1: $3.00 charge, $2.70 earning
    const figures = await s.advisor.as.query(api.earningsDashboard.overview, {});
    expect(figures).toMatchObject({ totalEarned: 720, thisMonth: 270, sessions: 2, billedSeconds: 480 });
    expect(figures.days).toEqual([
      { day: "2025-12-31", earnedCents: 450, sessions: 1, billedSeconds: 300 },
      { day: "2026-01-01", earnedCents: 270, sessions: 1, billedSeconds: 180 },
    ]);
  });

  it("is refused to clients, admins and visitors, and shows an advisor only their own figures", async () => {
    const s = await setup({ balance: 5000, chatRate: 150 });
    await chat(s, 2);
    const admin = await makeUser(s.t, "admin");
    const other = await makeUser(s.t, "advisor");
    for (const caller of [s.client.as, admin.as]) {
      await expect(caller.query(api.earningsDashboard.overview, {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(caller.query(api.earningsDashboard.pending, {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(caller.query(api.earningsDashboard.history, { paginationOpts: { numItems: 5, cursor: null } })).rejects.toMatchObject({
        data: { code: "FORBIDDEN" },
      });
    }
    await expect(s.t.query(api.earningsDashboard.overview, {})).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    expect(await other.as.query(api.earningsDashboard.overview, {})).toMatchObject({ totalEarned: 0, pending: 0, sessions: 0, days: [] });
    expect(await other.as.query(api.earningsDashboard.pending, {})).toEqual([]);
    expect((await other.as.query(api.earningsDashboard.history, { paginationOpts: { numItems: 5, cursor: null } })).page).toEqual([]);
  });
});

describe("seed.init", () => {
  it("gives the demo advisor Sam a released $27.00 earning through the real settlement and release", async () => {
    const t = newTest();
    await t.mutation(internal.seed.init, {});
    const figures = await t.run(async (ctx) => {
      const sam = (await ctx.db.query("users").withIndex("by_email", (q) => q.eq("email", "sam@example.com")).unique())!;
      return await EarningsRollup.overview(ctx, sam._id, "USD", Date.now());
    });
    expect(figures).toMatchObject({ totalEarned: 2700, pending: 0, available: 2700, paidOut: 0, sessions: 1, billedSeconds: 1500 });
    expect(figures.days).toEqual([{ day: "2025-12-29", earnedCents: 2700, sessions: 1, billedSeconds: 1500 }]);
    await expect(t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });
});
