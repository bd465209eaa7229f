import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import { auditLedger } from "./ledger.testkit";
import * as Ledger from "./model/ledger";
import { releaseKey } from "./model/earnings";
import { updateSettings } from "./model/settings";
import { accountBalance, elapse, runDue, sessionDoc, setup, startSession, T0, useFakeClock } from "./sessions.fixtures";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const HOUR = 60 * 60 * 1000;

/** A 10-minute chat at $1.50/min kept alive by messages: charge $15.00, earning $13.50, ended at T0 + 10 min. */
async function endedChat() {
  const s = await setup({ balance: 2000, chatRate: 150 });
  const sessionId = await startSession(s, "chat");
  await elapse(s.t, 10 * 60_000, 30_000, async (ms) => {
    if (ms % 60_000 === 0) await s.client.as.mutation(api.messages.send, { sessionId, body: "still here" });
  });
  await s.client.as.mutation(api.sessions.endSession, { sessionId });
  return { ...s, sessionId };
}

async function releases(s: Awaited<ReturnType<typeof endedChat>>) {
  return await s.t.run(async (ctx) => (await Ledger.findTransactionByKey(ctx, releaseKey(s.sessionId))) === null ? 0 : 1);
}

describe("earnings release", () => {
  it("keeps a session's earning pending for the hold, then moves it to available exactly once", async () => {
    const s = await endedChat();
    const ended = await sessionDoc(s.t, s.sessionId);
    expect(ended).toMatchObject({ earningCents: 1350, earningReleaseAt: T0 + 10 * 60_000 + 24 * HOUR });
    await expect(accountBalance(s.t, Ledger.advisorPending(s.advisor.userId))).resolves.toBe(1350);

    vi.advanceTimersByTime(ended.earningReleaseAt! - 1 - Date.now());
    await runDue(s.t);
    await expect(s.t.mutation(internal.earnings.release, { sessionId: s.sessionId })).resolves.toBe("not_due");
    await expect(accountBalance(s.t, Ledger.advisorAvailable(s.advisor.userId))).resolves.toBe(0);

    vi.advanceTimersByTime(1); // the job scheduled at settlement runs at its time
    await runDue(s.t);
    await expect(accountBalance(s.t, Ledger.advisorPending(s.advisor.userId))).resolves.toBe(0);
    await expect(accountBalance(s.t, Ledger.advisorAvailable(s.advisor.userId))).resolves.toBe(1350);
    await expect(releases(s)).resolves.toBe(1);
    await expect(s.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("releases once however often the job runs, as after a restart that replays it", async () => {
    const s = await endedChat();
    vi.setSystemTime(T0 + 10 * 60_000 + 25 * HOUR);
    const outcomes = [];
    for (let run = 0; run < 3; run++) outcomes.push(await s.t.mutation(internal.earnings.release, { sessionId: s.sessionId }));
    await runDue(s.t);
    expect(outcomes).toEqual(["released", "nothing", "nothing"]);
    await expect(accountBalance(s.t, Ledger.advisorAvailable(s.advisor.userId))).resolves.toBe(1350);
    await expect(accountBalance(s.t, Ledger.advisorPending(s.advisor.userId))).resolves.toBe(0);
    await expect(s.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("takes the hold from the settings in force when the session ended", async () => {
    const s = await setup({ balance: 2000, chatRate: 60 });
    await s.t.run((ctx) => updateSettings(ctx, { earningsPendingHours: 48 }, { now: Date.now() }));
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 60_000);
    await s.advisor.as.mutation(api.sessions.endSession, { sessionId });
    expect((await sessionDoc(s.t, sessionId)).earningReleaseAt).toBe(T0 + 60_000 + 48 * HOUR);
  });

  it("schedules nothing for a session that earned nothing", async () => {
    const s = await setup({ balance: 2000, chatRate: 60 });
    const sessionId = await startSession(s, "chat");
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    expect((await sessionDoc(s.t, sessionId)).earningReleaseAt).toBeUndefined();
    vi.setSystemTime(T0 + 48 * HOUR);
    await expect(s.t.mutation(internal.earnings.release, { sessionId })).resolves.toBe("nothing");
  });
});
