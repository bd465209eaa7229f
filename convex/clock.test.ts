import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { auditLedger } from "./ledger.testkit";
import * as Clock from "./model/clock";
import * as ClockChain from "./model/clockChain";
import * as Ledger from "./model/ledger";
import * as Specialties from "./model/specialties";
import { accountBalance, elapse, sessionDoc, setup, startSession, T0, useFakeClock } from "./sessions.fixtures";
import { fund, makeUser, wallet, type TestConvex } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

async function warnings(t: TestConvex, sessionId: Id<"sessions">) {
  const rows = await t.run((ctx) =>
    ctx.db.query("balanceWarnings").withIndex("by_sessionId_and_at", (q) => q.eq("sessionId", sessionId)).collect(),
  );
  return rows.map(({ warning, atBilledSecond, at }) => ({ warning, atBilledSecond, at }));
}

async function clockRow(t: TestConvex) {
  return await t.run((ctx) => ClockChain.loadClock(ctx));
}

async function pendingTicks(t: TestConvex) {
  const jobs = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
  return jobs.filter((j) => j.name.includes("clock") && j.state.kind === "pending");
}

describe("billing clock: charges", () => {
  it("charges a 30-minute chat at 50¢/min $15.00: fee $1.50, advisor $13.50", async () => {
    const s = await setup({ balance: 2000, chatRate: 50 });
    const sessionId = await startSession(s, "chat");
    let turn = 0;
    await elapse(s.t, 30 * 60_000, 60_000, async () => {
      const speaker = turn++ % 2 === 0 ? s.client : s.advisor;
      await speaker.as.mutation(api.messages.send, { sessionId, body: `message ${turn}` });
    });
    await expect(s.client.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({
      status: "active",
      billedSeconds: 1800,
      chargeCents: 1500,
      availableCents: 500,
    });
    await s.client.as.mutation(api.sessions.endSession, { sessionId });

    const ended = await sessionDoc(s.t, sessionId);
    expect(ended).toMatchObject({ status: "ended", billedSeconds: 1800, chargeCents: 1500, feeCents: 150, earningCents: 1350, walletBeforeCents: 2000, walletAfterCents: 500 });
    expect(ended.feeCents! + ended.earningCents!).toBe(ended.chargeCents);
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ cash: 500, held: 0, available: 500 });
    await expect(accountBalance(s.t, Ledger.advisorPending(s.advisor.userId))).resolves.toBe(1350);
    await expect(accountBalance(s.t, Ledger.PLATFORM_REVENUE)).resolves.toBe(150);
    const settlement = await s.t.run((ctx) => Ledger.findTransactionByKey(ctx, `session:${sessionId}:settle`));
    expect(settlement).toMatchObject({ _id: ended.settlementTransactionId, type: "deduct", amount: 1500 });
    await expect(s.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("spends promo credit before cash at settlement", async () => {
    const s = await setup({ balance: 1000, chatRate: 60 });
    await s.t.run((ctx) =>
      Ledger.post(ctx, {
        key: "promo",
        type: "add",
        description: "Promo",
        currency: "USD",
        entries: [
          { account: Ledger.PLATFORM_REVENUE, amount: -100 },
          { account: Ledger.clientPromo(s.client.userId), amount: 100 },
        ],
        now: Date.now(),
      }),
    );
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 150_000, 30_000, async () => {
      await s.client.as.mutation(api.messages.send, { sessionId, body: "still here" });
    });
    await s.advisor.as.mutation(api.sessions.endSession, { sessionId });
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ promo: 0, cash: 950, held: 0 });
    await expect(accountBalance(s.t, Ledger.advisorPending(s.advisor.userId))).resolves.toBe(135);
  });

  it("holds the running charge on the wallet every second", async () => {
    const s = await setup({ balance: 1000, chatRate: 120 });
    const sessionId = await startSession(s, "chat");
    const seen: { charge: number; held: number; available: number }[] = [];
    await elapse(s.t, 3000, 1000, async () => {
      const view = await s.client.as.query(api.sessions.get, { sessionId });
      if (view.viewerRole !== "client") throw new Error("the client reads the client's view");
      const w = await wallet(s.t, s.client.userId);
      seen.push({ charge: view.chargeCents, held: w.held, available: view.availableCents });
    });
    expect(seen).toEqual([
      { charge: 2, held: 2, available: 998 },
      { charge: 4, held: 4, available: 996 },
      { charge: 6, held: 6, available: 994 },
    ]);
  });

  it("keeps the rate snapshotted at request when the advisor changes prices mid-session", async () => {
    const s = await setup({ balance: 5000, chatRate: 60 });
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 60_000, 30_000);
    await s.t.run((ctx) => Specialties.add(ctx, { name: "Tax", now: Date.now() }));
    await s.advisor.as.mutation(api.advisors.updateProfile, {
      headline: "Dearer now",
      bio: "",
      specialties: ["Tax"],
      chatPricePerMinute: 600,
      videoPricePerMinute: 600,
    });
    await elapse(s.t, 60_000, 30_000, async () => {
      await s.client.as.mutation(api.messages.send, { sessionId, body: "hi" });
    });
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    await expect(s.client.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({ rateCentsPerMinute: 60, billedSeconds: 120, chargeCents: 120 });
  });
});

describe("billing clock: warnings and zero balance", () => {
  async function videoAtOneDollar(balance: number) {
    const s = await setup({ balance, videoRate: 100 });
    const sessionId = await startSession(s, "video");
    const heartbeat = async (elapsedMs: number) => {
      if (elapsedMs % 5000 !== 0) return;
      await s.client.as.mutation(api.presence.heartbeat, { sessionId, connected: true });
      await s.advisor.as.mutation(api.presence.heartbeat, { sessionId, connected: true });
    };
    return { ...s, sessionId, heartbeat };
  }

  it("warns at 3:00 and 4:00 and pauses at exactly 5:00 on $5.00 at $1.00/min, leaving $0.00", async () => {
    const s = await videoAtOneDollar(500);
    const levelChanges: { second: number; level: string; colour: string }[] = [];
    let last = "";
    await elapse(s.t, 310_000, 1000, async (elapsedMs) => {
      await s.heartbeat(elapsedMs);
      const view = await s.client.as.query(api.sessions.get, { sessionId: s.sessionId });
      const key = `${view.warningLevel}/${view.timerColour}`;
      if (key !== last) levelChanges.push({ second: view.billedSeconds, level: view.warningLevel, colour: view.timerColour });
      last = key;
    });
    expect(levelChanges).toEqual([
      { second: 1, level: "none", colour: "green" },
      { second: 180, level: "two_minutes", colour: "amber" },
      { second: 240, level: "one_minute", colour: "amber" },
      { second: 241, level: "one_minute", colour: "red" },
      { second: 300, level: "exhausted", colour: "black" },
    ]);
    await expect(warnings(s.t, s.sessionId)).resolves.toEqual([
      { warning: "two_minutes", atBilledSecond: 180, at: T0 + 180_000 },
      { warning: "one_minute", atBilledSecond: 240, at: T0 + 240_000 },
      { warning: "exhausted", atBilledSecond: 300, at: T0 + 300_000 },
    ]);
    await expect(s.client.as.query(api.sessions.get, { sessionId: s.sessionId })).resolves.toMatchObject({
      status: "paused",
      pauseReason: "zero_balance",
      pausedAt: T0 + 300_000,
      billedSeconds: 300,
      chargeCents: 500,
      availableCents: 0,
      remainingSeconds: 0,
    });
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ cash: 500, held: 500, available: 0 });
  });

  it("makes the chat read-only while paused at zero, then resumes after an in-session top-up", async () => {
    const s = await videoAtOneDollar(300);
    await elapse(s.t, 185_000, 5000, s.heartbeat);
    expect(await sessionDoc(s.t, s.sessionId)).toMatchObject({ status: "paused", pauseReason: "zero_balance", billedSeconds: 180 });
    await expect(s.client.as.mutation(api.messages.send, { sessionId: s.sessionId, body: "hello?" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(s.advisor.as.mutation(api.messages.send, { sessionId: s.sessionId, body: "hello?" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(s.client.as.mutation(api.sessions.resumeSession, { sessionId: s.sessionId })).rejects.toMatchObject({ data: { code: "INSUFFICIENT_FUNDS" } });

    await expect(s.client.as.query(api.sessions.get, { sessionId: s.sessionId })).resolves.toMatchObject({ canResume: false });
    await fund(s.t, s.client.userId, 1000);
    await expect(s.client.as.query(api.sessions.get, { sessionId: s.sessionId })).resolves.toMatchObject({ canResume: true });
    await elapse(s.t, 60_000, 5000, s.heartbeat);
    await s.client.as.mutation(api.sessions.resumeSession, { sessionId: s.sessionId });
    await elapse(s.t, 60_000, 5000, s.heartbeat);
    await expect(s.client.as.query(api.sessions.get, { sessionId: s.sessionId })).resolves.toMatchObject({
      status: "active",
      billedSeconds: 240,
      chargeCents: 400,
      availableCents: 900,
    });
    await s.client.as.mutation(api.messages.send, { sessionId: s.sessionId, body: "back" });
    await elapse(s.t, 10 * 60_000, 10_000, s.heartbeat);
    // Warnings fire once per session: no second round after the top-up.
    expect((await warnings(s.t, s.sessionId)).map((w) => w.warning)).toEqual(["two_minutes", "one_minute", "exhausted"]);
  });

  it("ends a session not resumed within 5 minutes of a zero-balance pause, settling what was billed", async () => {
    const s = await videoAtOneDollar(500);
    await elapse(s.t, 300_000, 5000, s.heartbeat);
    expect((await sessionDoc(s.t, s.sessionId)).status).toBe("paused");
    await elapse(s.t, 299_000, 5000, s.heartbeat);
    expect((await sessionDoc(s.t, s.sessionId)).status).toBe("paused");
    await elapse(s.t, 1000, 1000);
    expect(await sessionDoc(s.t, s.sessionId)).toMatchObject({
      status: "ended",
      endReason: "zero_balance_timeout",
      endedAt: T0 + 600_000,
      billedSeconds: 300,
      chargeCents: 500,
      feeCents: 50,
      earningCents: 450,
      walletBeforeCents: 500,
      walletAfterCents: 0,
    });
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ cash: 0, held: 0, available: 0 });
  });
});

describe("billing clock: late, repeated and skipped ticks", () => {
  /** A chat at $1.00/min on $3.00 (180 affordable seconds), kept active by a message every 10 s. */
  /** Steps through 200 s with step sizes taken cyclically from `stepsMs`; the client writes every 10 s of wall time. */
  async function scenario(stepsMs: number[]) {
    vi.clearAllTimers();
    vi.setSystemTime(T0);
    const s = await setup({ balance: 300, chatRate: 100 });
    const sessionId = await startSession(s, "chat");
    let elapsedMs = 0;
    let nextMessageAt = 10_000;
    for (let i = 0; elapsedMs < 200_000; i++) {
      // Never step past a message time, so messages go out at the same moments in every scenario.
      const step = Math.min(stepsMs[i % stepsMs.length], 200_000 - elapsedMs, nextMessageAt - elapsedMs);
      await elapse(s.t, step, step);
      elapsedMs += step;
      if (elapsedMs === nextMessageAt) {
        if (elapsedMs < 180_000) await s.client.as.mutation(api.messages.send, { sessionId, body: "…" });
        nextMessageAt += 10_000;
      }
    }
    const doc = await sessionDoc(s.t, sessionId);
    return {
      session: {
        status: doc.status,
        pauseReason: doc.pauseReason,
        pausedAt: doc.pausedAt,
        billedMs: doc.billedMs,
        billedSeconds: doc.billedSeconds,
        chargeCents: doc.chargeCents,
        availableCents: doc.availableCents,
      },
      warnings: await warnings(s.t, sessionId),
      wallet: await wallet(s.t, s.client.userId),
      clock: await clockRow(s.t),
    };
  }

  it("charges the same when every tick is 10 s late as when ticks are on time", async () => {
    const onTime = await scenario([1000]);
    const late = await scenario([10_000]);
    expect(late.clock!.lastPassLagMs).toBeGreaterThanOrEqual(9000);
    expect(onTime.clock!.lastPassLagMs).toBe(0);
    expect(late.session).toEqual(onTime.session);
    expect(late.warnings).toEqual(onTime.warnings);
    expect(late.wallet).toEqual(onTime.wallet);
    expect(onTime.session).toEqual({
      status: "paused",
      pauseReason: "zero_balance",
      pausedAt: T0 + 180_000,
      billedMs: 180_000,
      billedSeconds: 180,
      chargeCents: 300,
      availableCents: 0,
    });
    expect(onTime.warnings.map((w) => [w.warning, w.atBilledSecond, w.at])).toEqual([
      ["two_minutes", 60, T0 + 60_000],
      ["one_minute", 120, T0 + 120_000],
      ["exhausted", 180, T0 + 180_000],
    ]);
  });

  it("ends in the same state for random tick delays, bursts and gaps", async () => {
    const onTime = await scenario([1000]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 8 }), async (seconds) => {
        const irregular = await scenario(seconds.map((n) => n * 1000));
        expect(irregular.session).toEqual(onTime.session);
        expect(irregular.warnings).toEqual(onTime.warnings);
        expect(irregular.wallet).toEqual(onTime.wallet);
      }),
      { numRuns: 6 },
    );
  });

  it("writes the same numbers when a tick runs twice", async () => {
    const s = await setup({ balance: 1000, chatRate: 60 });
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 5000);
    const clock = (await clockRow(s.t))!;
    const before = await sessionDoc(s.t, sessionId);
    const args = { generation: clock.generation, cursor: null, dueAt: Date.now(), advanced: 0 };
    await s.t.run((ctx) => Clock.tick(ctx, { ...args, generation: clock.generation }, Date.now()));
    await s.t.run((ctx) => Clock.tick(ctx, { ...args, generation: clock.generation }, Date.now()));
    expect(await sessionDoc(s.t, sessionId)).toEqual(before);
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ held: 5 });
  });

  it("catches up exactly after the clock stalls, once the watchdog restarts it", async () => {
    const s = await setup({ balance: 1000, chatRate: 60 });
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 3000);
    // Orphan the running chain, as a failed run would.
    await s.t.run(async (ctx) => ctx.db.patch((await ClockChain.loadClock(ctx))!._id, { generation: 99 }));
    await elapse(s.t, 5000);
    expect((await sessionDoc(s.t, sessionId)).billedSeconds).toBe(3);
    await expect(s.t.mutation(internal.clock.watchdog, {})).resolves.toBe("ok");
    await elapse(s.t, 6000);
    await expect(s.t.mutation(internal.clock.watchdog, {})).resolves.toBe("restarted");
    await elapse(s.t, 1000);
    expect((await sessionDoc(s.t, sessionId)).billedSeconds).toBe(15);
    expect((await clockRow(s.t))!.generation).toBe(100);
  });
});

describe("billing clock: one chain, batches, start and stop", () => {
  it("runs a single chain for several sessions and stops when none is active", async () => {
    const first = await setup({ balance: 1000 });
    const a = await startSession(first, "chat");
    expect(await clockRow(first.t)).toMatchObject({ running: true, generation: 1 });
    await elapse(first.t, 2000);
    const t = first.t;
    const client = await makeUser(t, "client");
    const advisor = await makeUser(t, "advisor");
    await fund(t, client.userId, 1000);
    await advisor.as.mutation(api.advisors.setOnline, { isOnline: true });
    const advisorId = (await t.run((ctx) => ctx.db.query("advisors").withIndex("by_userId", (q) => q.eq("userId", advisor.userId)).unique()))!._id;
    const b = await startSession({ t, client, advisor, advisorId }, "chat");
    await elapse(t, 2000);
    expect(await clockRow(t)).toMatchObject({ running: true, generation: 1, lastPassSessions: 2 });
    expect(await pendingTicks(t)).toHaveLength(1);

    await first.client.as.mutation(api.sessions.endSession, { sessionId: a });
    await client.as.mutation(api.sessions.endSession, { sessionId: b });
    await elapse(t, 2000);
    expect(await clockRow(t)).toMatchObject({ running: false, generation: 1 });
    expect(await pendingTicks(t)).toHaveLength(0);

    await expect(t.mutation(internal.clock.watchdog, {})).resolves.toBe("idle");
    const c = await client.as.mutation(api.sessions.requestSession, { advisorId, kind: "chat" });
    await advisor.as.mutation(api.sessions.acceptSession, { sessionId: c });
    expect(await clockRow(t)).toMatchObject({ running: true, generation: 2 });
  });

  it("advances more sessions than fit in one transaction in bounded batches", async () => {
    const s = await setup({ balance: 0 });
    const count = Clock.CLOCK_BATCH_SIZE + 6;
    const ids = await s.t.run(async (ctx) => {
      const now = Date.now();
      const sessionIds: Id<"sessions">[] = [];
      for (let i = 0; i < count; i++) {
        const clientId = await ctx.db.insert("users", { tokenIdentifier: `batch|${i}`, name: `c${i}`, email: `c${i}@example.com`, role: "client" });
        await Ledger.post(ctx, {
          key: `batch:${i}`,
          type: "add",
          description: "Top-up",
          currency: "USD",
          entries: [
            { account: Ledger.EXTERNAL_PAYMENTS, amount: -1000 },
            { account: Ledger.clientCash(clientId), amount: 1000 },
          ],
          now,
        });
        sessionIds.push(
          await ctx.db.insert("sessions", {
            clientId,
            advisorId: s.advisorId,
            advisorUserId: s.advisor.userId,
            kind: "chat",
            status: "active",
            rateCentsPerMinute: 60,
            currency: "USD",
            requestedAt: now,
            expiresAt: now + 60_000,
            acceptedAt: now,
            billedMs: 0,
            resumedAt: now,
            billedSeconds: 0,
            chargeCents: 0,
            availableCents: 1000,
            remainingSeconds: 1000,
            warningLevel: "none",
            timerColour: "green",
            firedWarnings: [],
            syncedAt: now,
          }),
        );
      }
      await ClockChain.ensureClockRunning(ctx, now);
      return sessionIds;
    });
    await elapse(s.t, 3000);
    const billed = await s.t.run(async (ctx) => Promise.all(ids.map(async (id) => (await ctx.db.get(id))!.billedSeconds)));
    expect(new Set(billed)).toEqual(new Set([3]));
    expect(await clockRow(s.t)).toMatchObject({ lastPassSessions: count });
    const jobs = await s.t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
    const continuations = jobs.filter((j) => j.name.includes("clock") && (j.args[0] as { cursor: string | null }).cursor !== null);
    expect(continuations.length).toBe(3);
  });
});
