/**
 * The pause rules of SPEC §4 from the attacker's side (audit, issue 9): an
 * advisor cannot bill an absent client, and the limits hold however late the
 * scheduler runs. Where a test stops the scheduler, it moves server time with
 * vi.setSystemTime, which runs no clock tick and no scheduled job.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import * as Ledger from "./model/ledger";
import { accountBalance, chatUntilZeroBalance, elapse, sessionDoc, setup, startSession, T0, useFakeClock, videoSession } from "./sessions.fixtures";
import { fund, makeUser, wallet } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

describe("an advisor cannot bill an absent client", () => {
  it("refuses the advisor's resume of a disconnected pause, and the session ends at the grace, billed to the client's last heartbeat", async () => {
    const s = await videoSession();
    await elapse(s.t, 40_000, 1000, s.beat);
    s.present.client = false; // the client's tab closes; last heartbeat at 40 s
    await elapse(s.t, 16_000, 1000, s.beat);
    expect(await sessionDoc(s.t, s.sessionId)).toMatchObject({ status: "paused", pauseReason: "disconnected", pausedAt: T0 + 40_000, billedSeconds: 40 });

    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(s.advisor.as.mutation(api.sessions.resumeSession, { sessionId: s.sessionId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(s.advisor.as.mutation(api.sessions.pauseSession, { sessionId: s.sessionId })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
      await elapse(s.t, 5000, 1000, s.beat);
    }
    await expect(s.advisor.as.query(api.sessions.get, { sessionId: s.sessionId })).resolves.toMatchObject({ canResume: false, canPause: false, endsAt: T0 + 100_000 });

    await elapse(s.t, 20_000, 1000, s.beat);
    expect(await sessionDoc(s.t, s.sessionId)).toMatchObject({
      status: "ended",
      endReason: "disconnected",
      endedAt: T0 + 100_000,
      billedSeconds: 40,
      chargeCents: 40,
      feeCents: 4,
      earningCents: 36,
    });
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ cash: 1960, held: 0 });
    await expect(accountBalance(s.t, Ledger.advisorPending(s.advisor.userId))).resolves.toBe(36);
  });

  it("refuses any resume while the client is gone, and a manual pause does not restart the grace", async () => {
    const s = await videoSession();
    await elapse(s.t, 20_000, 1000, s.beat);
    s.present.client = false; // last client heartbeat at 20 s
    await elapse(s.t, 5000, 1000, s.beat);
    await s.advisor.as.mutation(api.sessions.pauseSession, { sessionId: s.sessionId }); // manual, at 25 s
    await elapse(s.t, 15_000, 1000, s.beat);
    await expect(s.advisor.as.mutation(api.sessions.resumeSession, { sessionId: s.sessionId })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect((await sessionDoc(s.t, s.sessionId)).disconnectedAt).toBe(T0 + 20_000);
    await elapse(s.t, 45_000, 1000, s.beat);
    expect(await sessionDoc(s.t, s.sessionId)).toMatchObject({ status: "ended", endReason: "disconnected", endedAt: T0 + 80_000, billedSeconds: 25 });
  });

  it("does not let a heartbeat that says the call is down keep billing going", async () => {
    const s = await videoSession();
    await elapse(s.t, 10_000, 1000, s.beat);
    s.present.client = false;
    for (let i = 1; i <= 4; i++) {
      vi.setSystemTime(T0 + 10_000 + i * 5000);
      await s.client.as.mutation(api.presence.heartbeat, { sessionId: s.sessionId, connected: false });
      await s.advisor.as.mutation(api.presence.heartbeat, { sessionId: s.sessionId, connected: true });
    }
    expect(await sessionDoc(s.t, s.sessionId)).toMatchObject({ status: "paused", pauseReason: "disconnected", billedSeconds: 10 });
  });
});

describe("video bills connected time only", () => {
  it("starts billing when both sides report a connected call, not at the accept", async () => {
    const s = await setup({ balance: 2000, videoRate: 60 });
    const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "video" });
    await s.advisor.as.mutation(api.sessions.acceptSession, { sessionId });
    await expect(s.client.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({ status: "active", awaitingConnection: true, canPause: false });
    await elapse(s.t, 2000);
    await s.advisor.as.mutation(api.presence.heartbeat, { sessionId, connected: true });
    await s.client.as.mutation(api.presence.heartbeat, { sessionId, connected: false }); // page open, call not up yet
    await elapse(s.t, 2000);
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ resumedAt: null, billedSeconds: 0 });
    await s.client.as.mutation(api.presence.heartbeat, { sessionId, connected: true }); // connected at 4 s
    await elapse(s.t, 10_000, 5000, async () => {
      await s.client.as.mutation(api.presence.heartbeat, { sessionId, connected: true });
      await s.advisor.as.mutation(api.presence.heartbeat, { sessionId, connected: true });
    });
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ status: "active", resumedAt: T0 + 4000, billedSeconds: 10, chargeCents: 10 });
    const started = await s.t.run((ctx) => ctx.db.query("sessionEvents").collect());
    expect(started.find((e) => e.kind === "billing_started")).toMatchObject({ at: T0 + 4000, billedSeconds: 0 });
  });

  it("ends a call that never connects at the grace, unbilled", async () => {
    const s = await setup({ balance: 2000, videoRate: 60 });
    const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "video" });
    await s.advisor.as.mutation(api.sessions.acceptSession, { sessionId });
    await elapse(s.t, 61_000, 5000, async () => {
      await s.advisor.as.mutation(api.presence.heartbeat, { sessionId, connected: true });
    });
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ status: "ended", endReason: "disconnected", endedAt: T0 + 60_000, billedSeconds: 0, chargeCents: 0 });
    expect((await sessionDoc(s.t, sessionId)).settlementTransactionId).toBeUndefined();
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ cash: 2000, held: 0 });
  });
});

describe("limits hold whenever the scheduled job runs", () => {
  async function chatPausedAtZero() {
    const s = await chatUntilZeroBalance();
    expect(await sessionDoc(s.t, s.sessionId)).toMatchObject({ status: "paused", pauseReason: "zero_balance", pausedAt: T0 + 180_000 });
    return s;
  }

  it("ends a zero-balance pause past 5 minutes instead of resuming it, even when the job has not run", async () => {
    const s = await chatPausedAtZero();
    vi.setSystemTime(T0 + 180_000 + 5 * 60_000 + 30_000); // the scheduler lags: nothing ran at the limit
    await fund(s.t, s.client.userId, 1000);
    await expect(s.client.as.mutation(api.sessions.resumeSession, { sessionId: s.sessionId })).resolves.toBe("ended");
    expect(await sessionDoc(s.t, s.sessionId)).toMatchObject({
      status: "ended",
      endReason: "zero_balance_timeout",
      endedAt: T0 + 480_000,
      billedSeconds: 180,
      chargeCents: 300,
    });
    await expect(wallet(s.t, s.client.userId)).resolves.toMatchObject({ cash: 1000, held: 0 });
  });

  it("refuses the advisor's resume of a zero-balance pause even after a top-up: only the payer restarts billing", async () => {
    const s = await chatPausedAtZero();
    await fund(s.t, s.client.userId, 1000);
    await expect(s.advisor.as.mutation(api.sessions.resumeSession, { sessionId: s.sessionId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(s.client.as.mutation(api.sessions.resumeSession, { sessionId: s.sessionId })).resolves.toBe("active");
  });

  it("ends a disconnected session past its grace when the side returns late and the job has not run", async () => {
    const s = await videoSession();
    await elapse(s.t, 30_000, 1000, s.beat);
    s.present.client = false;
    await elapse(s.t, 20_000, 1000, s.beat);
    expect((await sessionDoc(s.t, s.sessionId)).pauseReason).toBe("disconnected");
    vi.setSystemTime(T0 + 30_000 + 75_000);
    await expect(s.advisor.as.mutation(api.presence.heartbeat, { sessionId: s.sessionId, connected: true })).resolves.toBe("ended");
    await expect(s.client.as.mutation(api.presence.heartbeat, { sessionId: s.sessionId, connected: true })).resolves.toBe("ended");
    expect(await sessionDoc(s.t, s.sessionId)).toMatchObject({ status: "ended", endReason: "disconnected", endedAt: T0 + 90_000, billedSeconds: 30 });
  });
});

describe("a credit landing between the last affordable second and the next tick", () => {
  it("still pauses the session at its exact second", async () => {
    const s = await setup({ balance: 300, chatRate: 100 });
    const admin = await makeUser(s.t, "admin");
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 60_000);
    await s.client.as.mutation(api.messages.send, { sessionId, body: "one" });
    await elapse(s.t, 60_000);
    await s.client.as.mutation(api.messages.send, { sessionId, body: "two" });
    await elapse(s.t, 59_000);
    vi.setSystemTime(T0 + 180_700); // the tick for second 180 has not run yet
    await admin.as.mutation(api.ledger.grantPromo, { userId: s.client.userId, amount: 1000, reason: "Goodwill", requestId: "late-credit" });
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ status: "paused", pauseReason: "zero_balance", pausedAt: T0 + 180_000, billedSeconds: 180 });
  });
});
