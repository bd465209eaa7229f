/**
 * Settings take effect for new sessions only (SPEC §8): a session snapshots
 * the fee and the warning thresholds when it is requested, beside its rate,
 * and the start rule reads the minimum balance when a session starts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { updateSettings, type PlatformSettings } from "./model/settings";
import { advisorProfileId, elapse, sessionDoc, setup, startSession, useFakeClock, type Party } from "./sessions.fixtures";
import { fund, makeUser, type TestConvex } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

async function changeSettings(t: TestConvex, changes: Partial<PlatformSettings>) {
  await t.run((ctx) => updateSettings(ctx, changes, { now: Date.now() }));
}

/** Another online advisor at `rate` ¢/min, and another client with `balance` cents. */
async function anotherPair(t: TestConvex, rate: number, balance: number) {
  const client = await makeUser(t, "client");
  const advisor = await makeUser(t, "advisor");
  const advisorId = await advisorProfileId(t, advisor.userId);
  await t.run((ctx) => ctx.db.patch(advisorId, { chatPricePerMinute: rate, videoPricePerMinute: rate, isOnline: true }));
  await fund(t, client.userId, balance);
  return { t, client, advisor, advisorId };
}

async function warningsOf(t: TestConvex, sessionId: Id<"sessions">) {
  const rows = await t.run((ctx) => ctx.db.query("balanceWarnings").withIndex("by_sessionId_and_at", (q) => q.eq("sessionId", sessionId)).collect());
  return rows.map(({ warning, atBilledSecond }) => ({ warning, atBilledSecond }));
}

async function systemMessages(t: TestConvex, sessionId: Id<"sessions">) {
  const rows = await t.run((ctx) => ctx.db.query("messages").withIndex("by_sessionId_and_at", (q) => q.eq("sessionId", sessionId)).collect());
  return rows.filter((m) => m.kind === "system").map((m) => m.body);
}

/** Lets chats run: each sends a message every minute, so none pauses for inactivity. */
function keepTalking(chats: { client: Party; sessionId: Id<"sessions"> }[]) {
  return async (elapsedMs: number) => {
    if (elapsedMs % 60_000 !== 0) return;
    for (const chat of chats) await chat.client.as.mutation(api.messages.send, { sessionId: chat.sessionId, body: "still here" });
  };
}

describe("settings: a change applies to new sessions, not running ones", () => {
  it("snapshots the fee and the warning thresholds on the session at request", async () => {
    const s = await setup({ balance: 1000, chatRate: 100 });
    await changeSettings(s.t, { feeBps: 1500, sessionFirstWarningSeconds: 150, sessionSecondWarningSeconds: 75 });
    const sessionId = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "chat" });
    await expect(sessionDoc(s.t, sessionId)).resolves.toMatchObject({ feeBps: 1500, warningSeconds: { first: 150, second: 75 } });
  });

  it("warns and charges a running session by the settings it started with, and a new one by the new settings", async () => {
    // Both clients can afford 7:00 at $1.00/min.
    const s = await setup({ balance: 700, chatRate: 100 });
    const running = await startSession(s, "chat");
    await elapse(s.t, 20_000, 10_000);

    await changeSettings(s.t, { feeBps: 2500, sessionFirstWarningSeconds: 240, sessionSecondWarningSeconds: 120 });
    const other = await anotherPair(s.t, 100, 700);
    const fresh = await startSession(other, "chat");

    // Both at 3:40 left: by its own snapshot, the running session has not warned yet; the new one warned at 4:00 left.
    await elapse(s.t, 180_000, 10_000, keepTalking([{ client: s.client, sessionId: running }, { client: other.client, sessionId: fresh }]));
    const runningNow = await s.client.as.query(api.sessions.get, { sessionId: running });
    const freshNow = await other.client.as.query(api.sessions.get, { sessionId: fresh });
    expect(runningNow).toMatchObject({ billedSeconds: 200, remainingSeconds: 220, warningLevel: "none", timerColour: "green" });
    expect(freshNow).toMatchObject({ billedSeconds: 180, remainingSeconds: 240, warningLevel: "two_minutes", timerColour: "amber" });
    await expect(warningsOf(s.t, running)).resolves.toEqual([]);
    await expect(warningsOf(s.t, fresh)).resolves.toEqual([{ warning: "two_minutes", atBilledSecond: 180 }]);
    await expect(systemMessages(s.t, fresh)).resolves.toContain("4 minutes of balance left.");

    // The running session's warnings still come at 2:00 and 1:00 left.
    await elapse(s.t, 110_000, 10_000, keepTalking([{ client: s.client, sessionId: running }, { client: other.client, sessionId: fresh }]));
    await expect(warningsOf(s.t, running)).resolves.toEqual([{ warning: "two_minutes", atBilledSecond: 300 }]);
    await expect(systemMessages(s.t, running)).resolves.toContain("2 minutes of balance left.");

    // Both billed 5:10 = $5.16 (516¢) or 4:50 (483¢): the fee is each session's own, 10% and 25%.
    await s.client.as.mutation(api.sessions.endSession, { sessionId: running });
    await other.client.as.mutation(api.sessions.endSession, { sessionId: fresh });
    await expect(sessionDoc(s.t, running)).resolves.toMatchObject({ chargeCents: 516, feeCents: 52, earningCents: 464 });
    await expect(sessionDoc(s.t, fresh)).resolves.toMatchObject({ chargeCents: 483, feeCents: 121, earningCents: 362 });
  });

  it("applies a new minimum start balance to new requests while a running session goes on below it", async () => {
    const s = await setup({ balance: 500, chatRate: 100 });
    const running = await startSession(s, "chat");
    await changeSettings(s.t, { sessionMinBalanceMinutes: 6 });

    // A client with 5:00 of balance could start under the default 3-minute minimum; now it needs 6.
    const other = await anotherPair(s.t, 100, 500);
    await expect(other.client.as.mutation(api.sessions.requestSession, { advisorId: other.advisorId, kind: "chat" })).rejects.toMatchObject({
      data: { code: "INSUFFICIENT_FUNDS", message: "A session needs a balance for at least 6 minutes at this rate." },
    });
    await fund(s.t, other.client.userId, 100);
    await expect(other.client.as.mutation(api.sessions.requestSession, { advisorId: other.advisorId, kind: "chat" })).resolves.toBeDefined();

    await elapse(s.t, 60_000, 10_000, keepTalking([{ client: s.client, sessionId: running }]));
    await expect(s.client.as.query(api.sessions.get, { sessionId: running })).resolves.toMatchObject({ status: "active", billedSeconds: 60 });
  });

  it("settles a session requested before sessions had a snapshot at today's fee", async () => {
    const s = await setup({ balance: 1000, chatRate: 100 });
    const sessionId = await startSession(s, "chat");
    await s.t.run((ctx) => ctx.db.patch(sessionId, { feeBps: undefined, warningSeconds: undefined }));
    await elapse(s.t, 60_000, 10_000);
    await changeSettings(s.t, { feeBps: 2000 });
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    await expect(sessionDoc(s.t, sessionId)).resolves.toMatchObject({ chargeCents: 100, feeCents: 20, earningCents: 80 });
  });
});

describe("settings.publicLimits", () => {
  it("tells signed-in users the price range, the pending time, the smallest withdrawal and the document rules, as set", async () => {
    const s = await setup({ balance: 0 });
    const documents = { documentMaxBytes: 10 * 1024 * 1024, documentAllowedExtensions: ["pdf", "png", "jpg", "jpeg", "txt", "docx"] };
    await expect(s.advisor.as.query(api.settings.publicLimits, {})).resolves.toEqual({
      currency: "USD",
      pricePerMinuteMin: 10,
      pricePerMinuteMax: 10000,
      earningsPendingHours: 24,
      withdrawalMin: 2000,
      ...documents,
    });
    await changeSettings(s.t, { pricePerMinuteMax: 5000, earningsPendingHours: 48, withdrawalMin: 5000, documentMaxBytes: 1024 * 1024, documentAllowedExtensions: ["pdf"] });
    await expect(s.client.as.query(api.settings.publicLimits, {})).resolves.toEqual({
      currency: "USD",
      pricePerMinuteMin: 10,
      pricePerMinuteMax: 5000,
      earningsPendingHours: 48,
      withdrawalMin: 5000,
      documentMaxBytes: 1024 * 1024,
      documentAllowedExtensions: ["pdf"],
    });
  });

  it("refuses visitors", async () => {
    const s = await setup({ balance: 0 });
    await expect(s.t.query(api.settings.publicLimits, {})).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
  });
});
