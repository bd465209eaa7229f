import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { runDue, setup, startSession, T0, useFakeClock } from "./sessions.fixtures";
import { fund, makeUser } from "./test.factories";
import * as PlatformRollup from "./model/platformRollup";
import { hourOf } from "../lib/admin/platformFigures";
import { prng } from "../lib/random";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;


type S = Awaited<ReturnType<typeof setup>>;

async function runCheck(s: S, fix: boolean) {
  const checkId = await s.t.mutation(internal.platformRollups.repair, { fix });
  for (let i = 0; i < 50; i++) {
    await runDue(s.t);
    const check = await s.t.run((ctx) => ctx.db.get(checkId));
    if (check!.phase === "done") return check!;
  }
  throw new Error("the check did not finish");
}

describe("platform rollups", () => {
  it.each([1, 2, 3, 4])("equal a recomputation from the ledger after a random sequence (seed %i)", async (seed) => {
    const next = prng(seed);
    const s = await setup({ balance: 20_000, chatRate: 120, videoRate: 90 });
    const admin = await makeUser(s.t, "admin");
    const ended: Id<"sessions">[] = [];
    for (let step = 0; step < 20; step++) {
      const roll = next();
      if (roll < 0.45) {
        // A session of 20–85 s (chat pauses for inactivity after 90 s, video after 15 s without heartbeats), ended by either side.
        const sessionId = await startSession(s, next() < 0.5 ? "chat" : "video");
        vi.setSystemTime(Date.now() + (20 + Math.floor(next() * 65)) * 1000);
        await (next() < 0.5 ? s.client : s.advisor).as.mutation(api.sessions.endSession, { sessionId });
        await runDue(s.t);
        ended.push(sessionId);
      } else if (roll < 0.6 && ended.length > 0) {
        const sessionId = ended[Math.floor(next() * ended.length)];
        const disputeId = await s.client.as
          .mutation(api.disputes.open, { sessionId, reason: "billing_error", description: "The meter ran while the advisor was away." })
          .catch(() => null);
        if (disputeId !== null) {
          const outcome = next() < 0.5 ? "full_refund" : "partial_refund";
          await admin.as
            .mutation(api.disputes.resolve, { disputeId, outcome, amount: outcome === "partial_refund" ? 1 : undefined, note: "Checked the timeline." })
            .catch(() => null);
        }
      } else if (roll < 0.75 && ended.length > 0) {
        await s.client.as.mutation(api.disputes.takeSatisfactionCredit, { sessionId: ended[Math.floor(next() * ended.length)] }).catch(() => null);
      } else if (roll < 0.85) {
        await fund(s.t, s.client.userId, 500 + Math.floor(next() * 1000), { key: `test:topup:${seed}:${step}` });
      } else {
        // Cross hours and days, so rows split where the clock says.
        vi.setSystemTime(Date.now() + Math.floor(next() * 30) * HOUR + Math.floor(next() * 59) * MINUTE);
      }
      vi.setSystemTime(Date.now() + Math.floor(next() * 20) * MINUTE);
    }
    // The check compares hours before the one it starts in.
    vi.setSystemTime(hourOf(Date.now()) + 2 * HOUR);

    const check = await runCheck(s, false);
    expect(check.differences).toEqual([]);
    expect(check.differenceCount).toBe(0);
    expect(check.sessions).toBe(ended.length);
    expect(check.hoursCompared).toBeGreaterThan(0);

    const rows = await s.t.run((ctx) => ctx.db.query("platformRollupHours").collect());
    expect(rows.reduce((sum, r) => sum + r.sessionsEnded, 0)).toBe(ended.length);
    const charged = await s.t.run(async (ctx) => {
      const sessions = await Promise.all(ended.map((id) => ctx.db.get(id)));
      return sessions.reduce((sum, x) => sum + (x?.chargeCents ?? 0), 0);
    });
    expect(rows.reduce((sum, r) => sum + r.chargeCents, 0)).toBe(charged);
    // The scratch rows are gone.
    expect(await s.t.run((ctx) => ctx.db.query("platformRollupCheckSums").collect())).toEqual([]);
  });

  it("reports a row that differs from the ledger, and repairs it when asked", async () => {
    const s = await setup({ balance: 5000, chatRate: 120 });
    const sessionId = await startSession(s, "chat");
    vi.setSystemTime(T0 + MINUTE);
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    const row = await s.t.run((ctx) => PlatformRollup.findHour(ctx, "USD", hourOf(T0 + MINUTE)));
    expect(row).toMatchObject({ chargeCents: 120, feeCents: 12, sessionsEnded: 1, billedSessions: 1, billedSeconds: 60 });
    await s.t.run((ctx) => ctx.db.patch(row!._id, { chargeCents: 999 }));
    // A lost row too: the recomputation still finds its hour.
    vi.setSystemTime(T0 + 3 * HOUR);
    const second = await startSession(s, "chat");
    vi.setSystemTime(T0 + 3 * HOUR + 30_000);
    await s.client.as.mutation(api.sessions.endSession, { sessionId: second });
    const lost = await s.t.run((ctx) => PlatformRollup.findHour(ctx, "USD", hourOf(T0 + 3 * HOUR)));
    await s.t.run((ctx) => ctx.db.delete(lost!._id));
    vi.setSystemTime(T0 + 5 * HOUR);

    const report = await runCheck(s, false);
    expect(report.differences).toEqual(
      expect.arrayContaining([
        { currency: "USD", hour: hourOf(T0), field: "chargeCents", expected: 120, actual: 999 },
        { currency: "USD", hour: hourOf(T0 + 3 * HOUR), field: "chargeCents", expected: 60, actual: 0 },
      ]),
    );
    expect(await s.t.run((ctx) => PlatformRollup.findHour(ctx, "USD", hourOf(T0)))).toMatchObject({ chargeCents: 999 });

    await runCheck(s, true);
    expect(await s.t.run((ctx) => PlatformRollup.findHour(ctx, "USD", hourOf(T0)))).toMatchObject({ chargeCents: 120 });
    expect(await s.t.run((ctx) => PlatformRollup.findHour(ctx, "USD", hourOf(T0 + 3 * HOUR)))).toMatchObject({ chargeCents: 60, sessionsEnded: 1 });
    expect((await runCheck(s, false)).differenceCount).toBe(0);
  });

  it("is part of the ledger audit", async () => {
    const s = await setup({ balance: 5000, chatRate: 120 });
    const admin = await makeUser(s.t, "admin");
    const sessionId = await startSession(s, "chat");
    vi.setSystemTime(T0 + MINUTE);
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    const row = await s.t.run((ctx) => PlatformRollup.findHour(ctx, "USD", hourOf(T0)));
    await s.t.run((ctx) => ctx.db.patch(row!._id, { feeCents: 1 }));
    vi.setSystemTime(T0 + 2 * HOUR);
    await admin.as.mutation(api.ledger.startAudit, {});
    for (let i = 0; i < 20; i++) await runDue(s.t);
    const audit = await admin.as.query(api.ledger.latestAudit, {});
    expect(audit).toMatchObject({ status: "done", ok: false, problemCount: 0 });
    expect(audit!.rollups).toMatchObject({ done: true, differenceCount: 1, differences: [{ field: "feeCents", expected: 12, actual: 1 }] });
  });
});

describe("adminDashboard.figures", () => {
  it("shows today's, 7 days' and 30 days' figures from the rollups, and the live counts", async () => {
    const s = await setup({ balance: 5000, chatRate: 120 });
    const admin = await makeUser(s.t, "admin");
    // Ten days ago: a 1-minute chat ($1.20, fee $0.12).
    const old = await startSession(s, "chat");
    vi.setSystemTime(T0 + MINUTE);
    await s.client.as.mutation(api.sessions.endSession, { sessionId: old });
    // Today: a 30-second chat ($0.60, fee $0.06), then one live and one waiting.
    vi.setSystemTime(T0 + 10 * 24 * HOUR);
    const today = await startSession(s, "chat");
    vi.setSystemTime(T0 + 10 * 24 * HOUR + 30_000);
    await s.client.as.mutation(api.sessions.endSession, { sessionId: today });
    await startSession(s, "chat");

    const f = await admin.as.query(api.adminDashboard.figures, { hour: 1 });
    expect(f).toMatchObject({ currency: "USD", timeZone: "UTC", today: "2026-01-11", live: { chat: 1, video: 0, more: false }, waiting: { count: 0 } });
    expect(f.windows.today).toMatchObject({ chargeCents: 60, feeCents: 6, sessionsEnded: 1, billedSeconds: 30 });
    expect(f.windows["7d"]).toMatchObject({ chargeCents: 60 });
    expect(f.windows["30d"]).toMatchObject({ chargeCents: 180, feeCents: 18, sessionsEnded: 2, billedSessions: 2, billedSeconds: 90 });
    expect(f.days).toHaveLength(30);
    expect(f.days.find((d) => d.day === "2026-01-01")).toMatchObject({ chargeCents: 120 });

    await admin.as.mutation(api.settings.update, { name: "platformTimeZone", value: "Pacific/Kiritimati", reason: "Test the zone" });
    // 00:00:30 UTC on the 11th is 14:00 on the 11th at UTC+14; nothing moves days here, but the zone is used.
    expect(await admin.as.query(api.adminDashboard.figures, {})).toMatchObject({ timeZone: "Pacific/Kiritimati", today: "2026-01-11" });
    await expect(admin.as.query(api.adminDashboard.figures, { hour: -1 })).rejects.toMatchObject({ data: { field: "hour" } });
  });
});
