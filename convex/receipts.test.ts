import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import { shareDocument } from "./documents.fixtures";
import { auditLedger } from "./ledger.testkit";
import { formatDuration } from "./model/sessionsReceipts";
import { elapse, setup, startSession, T0, useFakeClock } from "./sessions.fixtures";
import { fund, makeUser } from "./test.factories";
import { bytesOf } from "../lib/documents/sampleFiles";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

describe("receipts.get", () => {
  it("shows billed and wall-clock time, money, wallet before/after and the timeline, matching the ledger", async () => {
    const s = await setup({ balance: 500, chatRate: 100 });
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 60_000, 10_000, async () => {
      await s.client.as.mutation(api.messages.send, { sessionId, body: "…" });
    });
    await s.client.as.mutation(api.sessions.pauseSession, { sessionId });
    await elapse(s.t, 30_000, 10_000);
    await s.client.as.mutation(api.sessions.resumeSession, { sessionId });
    // 240 more affordable seconds: paused at zero 330 s after the start, ended at 390 s.
    await elapse(s.t, 300_000, 10_000, async (elapsedMs) => {
      if (elapsedMs < 240_000) await s.client.as.mutation(api.messages.send, { sessionId, body: "…" });
    });
    await s.advisor.as.mutation(api.sessions.endSession, { sessionId });

    const receipt = (await s.client.as.query(api.receipts.get, { sessionId }))!;
    expect(receipt).toMatchObject({
      status: "ended",
      endReason: "advisor_ended",
      billedSeconds: 300,
      billedDuration: "00:05:00",
      wallClockSeconds: 390,
      wallClockDuration: "00:06:30",
      rateCentsPerMinute: 100,
      chargeCents: 500,
      feeCents: 50,
      earningCents: 450,
      availableAtStartCents: 500,
      walletBeforeCents: 500,
      walletAfterCents: 0,
    });
    expect(receipt.timeline.map((e) => [e.kind, e.reason ?? null, e.at - T0])).toEqual([
      ["requested", null, 0],
      ["accepted", null, 0],
      ["paused", "manual", 60_000],
      ["resumed", "manual", 90_000],
      ["warning", "two_minutes", 210_000],
      ["warning", "one_minute", 270_000],
      ["warning", "exhausted", 330_000],
      ["paused", "zero_balance", 330_000],
      ["ended", "advisor_ended", 390_000],
    ]);
    const settlement = await s.t.run((ctx) => ctx.db.get(receipt.settlementTransactionId!));
    expect(settlement).toMatchObject({ amount: receipt.chargeCents });
    const entries = await s.t.run((ctx) =>
      ctx.db.query("ledgerEntries").withIndex("by_transactionId", (q) => q.eq("transactionId", receipt.settlementTransactionId!)).collect(),
    );
    expect(entries.map((e) => [e.accountKind, e.amount]).sort()).toEqual([
      ["advisor_pending", 450],
      ["client_cash", -500],
      ["platform_revenue", 50],
    ]);
    await expect(s.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("shows the balance at start, the top-ups during the session and the wallet before/after settlement as separate lines", async () => {
    const s = await setup({ balance: 500, chatRate: 100 });
    const sessionId = await startSession(s, "chat");
    await elapse(s.t, 60_000, 10_000, async () => {
      await s.client.as.mutation(api.messages.send, { sessionId, body: "…" });
    });
    await fund(s.t, s.client.userId, 1000);
    await elapse(s.t, 60_000, 10_000, async () => {
      await s.client.as.mutation(api.messages.send, { sessionId, body: "…" });
    });
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    // A top-up after the session is not one made during it.
    await elapse(s.t, 5_000);
    await fund(s.t, s.client.userId, 2500);

    const copy = (await s.client.as.query(api.receipts.get, { sessionId }))!;
    expect(copy).toMatchObject({
      chargeCents: 200,
      availableAtStartCents: 500,
      topUpsDuringCents: 1000,
      topUpsDuringCount: 1,
      walletBeforeCents: 1500,
      walletAfterCents: 1300,
    });
    const adminCopy = await (await makeUser(s.t, "admin")).as.query(api.receipts.get, { sessionId });
    expect(adminCopy).toMatchObject({ topUpsDuringCents: 1000, walletBeforeCents: 1500 });
    const advisorCopy = (await s.advisor.as.query(api.receipts.get, { sessionId }))!;
    expect(Object.keys(advisorCopy).filter((key) => /wallet|topUp|available/i.test(key))).toEqual([]);
  });

  it("is null until the session ends", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    await expect(s.client.as.query(api.receipts.get, { sessionId })).resolves.toBeNull();
  });

  it("formats durations as HH:MM:SS", () => {
    expect([0, 59, 61, 3600, 36_061, 360_000].map(formatDuration)).toEqual(["00:00:00", "00:00:59", "00:01:01", "01:00:00", "10:01:01", "100:00:00"]);
  });
});

describe("reading a session", () => {
  it("shows non-participants nothing of a session", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "video");
    await s.client.as.mutation(api.messages.send, { sessionId, body: "private" });
    await s.client.as.mutation(api.signals.send, { sessionId, kind: "offer", payload: "{}" });
    const documentId = await shareDocument(s.t, s.client, sessionId, "notes.txt", bytesOf("x"));
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    await s.client.as.mutation(api.ratings.rate, { sessionId, stars: 5 });

    const reads = [
      (as: typeof s.client.as) => as.query(api.sessions.get, { sessionId }),
      (as: typeof s.client.as) => as.query(api.messages.list, { sessionId }),
      (as: typeof s.client.as) => as.query(api.receipts.get, { sessionId }),
      (as: typeof s.client.as) => as.query(api.documents.list, { sessionId }),
      (as: typeof s.client.as) => as.mutation(api.documents.downloadUrl, { sessionId, documentId }),
      (as: typeof s.client.as) => as.query(api.ratings.forSession, { sessionId }),
      (as: typeof s.client.as) => as.query(api.signals.listForMe, { sessionId }),
    ];
    const otherClient = await makeUser(s.t, "client");
    const otherAdvisor = await makeUser(s.t, "advisor");
    for (const read of reads) {
      await expect(read(otherClient.as)).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(read(otherAdvisor.as)).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(read(s.t)).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
      await expect(read(s.client.as)).resolves.toBeDefined();
      await expect(read(s.advisor.as)).resolves.toBeDefined();
    }
    await expect(otherClient.as.query(api.sessions.listMine, { paginationOpts: { numItems: 10, cursor: null } })).resolves.toMatchObject({ page: [] });
    await expect(otherAdvisor.as.query(api.sessions.listMine, { paginationOpts: { numItems: 10, cursor: null } })).resolves.toMatchObject({ page: [] });
    await expect(otherAdvisor.as.query(api.sessions.incomingRequests, {})).resolves.toEqual([]);
  });

  it("lets admins read any session", async () => {
    const s = await setup({ balance: 1000 });
    const sessionId = await startSession(s, "chat");
    const admin = await makeUser(s.t, "admin");
    await expect(admin.as.query(api.sessions.get, { sessionId })).resolves.toMatchObject({ viewerRole: "admin", status: "active" });
    await expect(admin.as.query(api.messages.list, { sessionId })).resolves.toHaveLength(1);
    await expect(admin.as.query(api.documents.list, { sessionId })).resolves.toEqual([]);
    await expect(admin.as.query(api.signals.listForMe, { sessionId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });
});

describe("sessions.listMine", () => {
  it("lists a client's and an advisor's history newest first, filtered by status, kind and date", async () => {
    const s = await setup({ balance: 5000, chatRate: 60, videoRate: 120 });
    const chat = await startSession(s, "chat");
    await elapse(s.t, 60_000, 30_000, async () => {
      await s.client.as.mutation(api.messages.send, { sessionId: chat, body: "hi" });
    });
    await s.client.as.mutation(api.sessions.endSession, { sessionId: chat });
    vi.advanceTimersByTime(24 * 60 * 60 * 1000);
    const declined = await s.client.as.mutation(api.sessions.requestSession, { advisorId: s.advisorId, kind: "video" });
    await s.advisor.as.mutation(api.sessions.declineSession, { sessionId: declined });
    const video = await startSession(s, "video");
    await s.advisor.as.mutation(api.sessions.endSession, { sessionId: video });

    const page = { paginationOpts: { numItems: 10, cursor: null } };
    const ids = async (as: typeof s.client.as, filters: object = {}) =>
      (await as.query(api.sessions.listMine, { ...page, ...filters })).page.map((r) => r._id);
    await expect(ids(s.client.as)).resolves.toEqual([video, declined, chat]);
    await expect(ids(s.advisor.as)).resolves.toEqual([video, declined, chat]);
    await expect(ids(s.client.as, { status: "ended" })).resolves.toEqual([video, chat]);
    await expect(ids(s.advisor.as, { kind: "chat" })).resolves.toEqual([chat]);
    await expect(ids(s.client.as, { from: T0 + 1000 })).resolves.toEqual([video, declined]);
    await expect(ids(s.client.as, { to: T0 + 1000 })).resolves.toEqual([chat]);
    const rows = (await s.client.as.query(api.sessions.listMine, { ...page, kind: "chat" })).page;
    expect(rows).toMatchObject([{ counterpartName: s.advisor.identity.name, billedSeconds: 60, chargeCents: 60, earningCents: 54 }]);
    await expect((await makeUser(s.t, "admin")).as.query(api.sessions.listMine, page)).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });
});
