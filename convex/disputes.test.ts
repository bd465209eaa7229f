import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { auditLedger } from "./ledger.testkit";
import * as Ledger from "./model/ledger";
import { releaseKey } from "./model/earnings";
import { updateSettings, type PlatformSettings } from "./model/settings";
import { accountBalance, elapse, runDue, sessionDoc, setup, startSession, useFakeClock } from "./sessions.fixtures";
import { makeUser, wallet } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
type S = Awaited<ReturnType<typeof setup>>;

/** A chat of `minutes` kept alive by messages, ended by the client; returns its id. */
async function chat(s: S, minutes: number) {
  const sessionId = await startSession(s, "chat");
  await elapse(s.t, minutes * 60_000, 30_000, async (ms) => {
    if (ms % 60_000 === 0) await s.client.as.mutation(api.messages.send, { sessionId, body: "still here" });
  });
  await s.client.as.mutation(api.sessions.endSession, { sessionId });
  return sessionId;
}

async function figures(s: S) {
  return {
    client: (await wallet(s.t, s.client.userId)).posted,
    promo: (await wallet(s.t, s.client.userId)).promo,
    pending: await accountBalance(s.t, Ledger.advisorPending(s.advisor.userId)),
    available: await accountBalance(s.t, Ledger.advisorAvailable(s.advisor.userId)),
    platform: await accountBalance(s.t, Ledger.PLATFORM_REVENUE),
  };
}

function delta(before: Awaited<ReturnType<typeof figures>>, after: Awaited<ReturnType<typeof figures>>) {
  return {
    client: after.client - before.client,
    advisor: after.pending + after.available - (before.pending + before.available),
    platform: after.platform - before.platform,
  };
}

async function expectAuditClean(s: S) {
  await expect(s.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
}

async function changeSettings(s: S, changes: Partial<PlatformSettings>) {
  await s.t.run((ctx) => updateSettings(ctx, changes, { now: Date.now() }));
}

const openDispute = (s: S, sessionId: Id<"sessions">, description = "The advisor stopped answering after two minutes.") =>
  s.client.as.mutation(api.disputes.open, { sessionId, reason: "advisor_unresponsive", description });

describe("disputes.resolve", () => {
  it("refunds a $15.00 charge in full: client +$15.00, advisor −$13.50, platform −$1.50, and releases nothing later", async () => {
    const s = await setup({ balance: 2000, chatRate: 150 });
    const admin = await makeUser(s.t, "admin");
    const sessionId = await chat(s, 10);
    expect(await sessionDoc(s.t, sessionId)).toMatchObject({ chargeCents: 1500, feeCents: 150, earningCents: 1350 });
    const disputeId = await openDispute(s, sessionId);
    const before = await figures(s);
    await expect(s.advisor.as.query(api.earningsDashboard.overview, {})).resolves.toMatchObject({ totalEarned: 1350, thisMonth: 1350, sessions: 1 });
    await admin.as.mutation(api.disputes.resolve, { disputeId, outcome: "full_refund", note: "Advisor left the chat" });
    expect(delta(before, await figures(s))).toEqual({ client: 1500, advisor: -1350, platform: -150 });
    // The advisor's earning figures count the refund too; the session still counts as held.
    await expect(s.advisor.as.query(api.earningsDashboard.overview, {})).resolves.toMatchObject({ totalEarned: 0, thisMonth: 0, sessions: 1 });

    vi.advanceTimersByTime(2 * DAY);
    await runDue(s.t);
    expect(await figures(s)).toMatchObject({ pending: 0, available: 0 });
    const audit = await s.t.run((ctx) => ctx.db.query("auditLog").withIndex("by_targetId", (q) => q.eq("targetId", disputeId)).collect());
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: admin.userId,
        action: "dispute.resolve",
        before: { status: "open" },
        after: expect.objectContaining({ status: "refunded", refundCents: 1500, earningReversedCents: 1350, feeReversedCents: 150 }),
        reason: "Advisor left the chat",
      }),
    ]);
    await expectAuditClean(s);
  });

  it("splits a partial refund of $5.00 of a $10.04 charge in proportion, keeps the earning pending while open, and releases the rest on resolution", async () => {
    const s = await setup({ balance: 2000, chatRate: 251 });
    const admin = await makeUser(s.t, "admin");
    const sessionId = await chat(s, 4);
    const session = await sessionDoc(s.t, sessionId);
    expect(session).toMatchObject({ chargeCents: 1004, feeCents: 100, earningCents: 904 });
    const disputeId = await openDispute(s, sessionId);

    vi.advanceTimersByTime(session.earningReleaseAt! + HOUR - Date.now()); // the release job runs, finds the dispute open
    await runDue(s.t);
    expect(await figures(s)).toMatchObject({ pending: 904, available: 0 });
    await expect(s.t.run((ctx) => Ledger.findTransactionByKey(ctx, releaseKey(sessionId)))).resolves.toBeNull();

    const before = await figures(s);
    await admin.as.mutation(api.disputes.resolve, { disputeId, outcome: "partial_refund", amount: 500, note: "Half the time was lost" });
    // fee back round(100 × 500 / 1004) = 50, earning back 450; kept: 504 = 50 fee + 454 earning.
    expect(delta(before, await figures(s))).toEqual({ client: 500, advisor: -450, platform: -50 });
    expect(await figures(s)).toMatchObject({ pending: 0, available: 454 });
    const kept = { charge: 1004 - 500, fee: 100 - 50, earning: 904 - 450 };
    expect(kept.charge).toBe(kept.fee + kept.earning);
    await expectAuditClean(s);
  });

  it("takes a refund after release and withdrawal below zero as an adjustment, paid back by the next earning first", async () => {
    const s = await setup({ balance: 4000, chatRate: 150 });
    const admin = await makeUser(s.t, "admin");
    const first = await chat(s, 10);
    vi.advanceTimersByTime((await sessionDoc(s.t, first)).earningReleaseAt! - Date.now());
    await runDue(s.t);
    expect(await figures(s)).toMatchObject({ pending: 0, available: 1350 });
    // A withdrawal paid out, simulated by a payout posting.
    await s.t.run((ctx) =>
      Ledger.post(ctx, {
        key: `test:payout:${first}`,
        type: "payout",
        description: "Payout",
        currency: "USD",
        entries: [
          { account: Ledger.advisorAvailable(s.advisor.userId), amount: -1350 },
          { account: Ledger.PAYOUTS, amount: 1350 },
        ],
        now: Date.now(),
      }),
    );

    const disputeId = await openDispute(s, first);
    await admin.as.mutation(api.disputes.resolve, { disputeId, outcome: "full_refund", note: "Not as described" });
    expect(await figures(s)).toMatchObject({ pending: 0, available: -1350 });
    const adjustments = await s.t.run(async (ctx) => {
      const account = await Ledger.findAccount(ctx, Ledger.advisorAvailable(s.advisor.userId), "USD");
      const entries = await ctx.db.query("ledgerEntries").withIndex("by_accountId_and_at", (q) => q.eq("accountId", account!._id)).collect();
      return entries.filter((e) => e.historyType === "adjustment").map((e) => e.amount);
    });
    expect(adjustments).toEqual([-1350]);

    const second = await chat(s, 12); // $18.00: earning $16.20
    vi.advanceTimersByTime((await sessionDoc(s.t, second)).earningReleaseAt! - Date.now());
    await runDue(s.t);
    expect(await figures(s)).toMatchObject({ pending: 0, available: 1620 - 1350 });
    await expectAuditClean(s);
  });

  it("refuses a refund above what is left and a refund once nothing is left, changing nothing", async () => {
    const s = await setup({ balance: 2000, chatRate: 150 });
    const admin = await makeUser(s.t, "admin");
    const sessionId = await chat(s, 10);
    const firstDispute = await openDispute(s, sessionId);
    await admin.as.mutation(api.disputes.resolve, { disputeId: firstDispute, outcome: "partial_refund", amount: 500, note: "Partly" });
    await expect(
      admin.as.mutation(api.disputes.resolve, { disputeId: firstDispute, outcome: "full_refund", note: "Again" }),
    ).rejects.toMatchObject({ data: { code: "CONFLICT" } });

    const second = await openDispute(s, sessionId, "Still not right.");
    const before = await figures(s);
    await expect(
      admin.as.mutation(api.disputes.resolve, { disputeId: second, outcome: "partial_refund", amount: 1001, note: "Too much" }),
    ).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "amount" } });
    await expect(
      admin.as.mutation(api.disputes.resolve, { disputeId: second, outcome: "partial_refund", amount: 0, note: "Nothing" }),
    ).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "amount" } });
    await expect(
      admin.as.mutation(api.disputes.resolve, { disputeId: second, outcome: "full_refund", note: "  " }),
    ).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "reason" } });
    expect(await figures(s)).toEqual(before);
    await admin.as.mutation(api.disputes.resolve, { disputeId: second, outcome: "full_refund", note: "The rest" });
    expect(delta(before, await figures(s))).toEqual({ client: 1000, advisor: -900, platform: -100 });

    const third = await openDispute(s, sessionId, "And once more.");
    await expect(
      admin.as.mutation(api.disputes.resolve, { disputeId: third, outcome: "full_refund", note: "Nothing left" }),
    ).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await admin.as.mutation(api.disputes.resolve, { disputeId: third, outcome: "reject", note: "Already refunded in full" });
    await expectAuditClean(s);
  });

  it("shows the outcome to both sides: the refund to the client, the earning reversed to the advisor", async () => {
    const s = await setup({ balance: 2000, chatRate: 150 });
    const admin = await makeUser(s.t, "admin");
    const sessionId = await chat(s, 10);
    const disputeId = await openDispute(s, sessionId);
    await admin.as.mutation(api.disputes.resolve, { disputeId, outcome: "partial_refund", amount: 1000, note: "Two thirds" });
    const client = await s.client.as.query(api.disputes.forSession, { sessionId });
    const advisor = await s.advisor.as.query(api.disputes.forSession, { sessionId });
    expect(client.disputes).toEqual([expect.objectContaining({ status: "refunded", refundCents: 1000, note: "Two thirds" })]);
    expect(client.disputes[0].earningReversedCents).toBeUndefined();
    expect(advisor.disputes).toEqual([expect.objectContaining({ status: "refunded", earningReversedCents: 900 })]);
    expect(advisor.disputes[0].refundCents).toBeUndefined();
    expect(advisor.options).toBeNull();
    await expectAuditClean(s);
  });
});

describe("disputes.open", () => {
  it("takes a dispute within the window, one open per session, with a bounded description", async () => {
    const s = await setup({ balance: 2000, chatRate: 150 });
    const sessionId = await chat(s, 2);
    await expect(openDispute(s, sessionId, "   ")).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "description" } });
    await expect(openDispute(s, sessionId, "x".repeat(2001))).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "description" } });
    await openDispute(s, sessionId, "x".repeat(2000));
    await expect(openDispute(s, sessionId)).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect((await s.client.as.query(api.disputes.forSession, { sessionId })).options).toMatchObject({
      disputeRefusal: "This session already has an open dispute.",
      creditRefusal: "This session has an open dispute; wait for its outcome.",
      creditEveryDays: 30,
    });
  });

  it("refuses a dispute after the 72-hour window and on a session not ended", async () => {
    const s = await setup({ balance: 2000, chatRate: 150 });
    const sessionId = await chat(s, 2);
    const live = await startSession(s, "chat");
    await expect(openDispute(s, live)).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await s.client.as.mutation(api.sessions.endSession, { sessionId: live });
    vi.setSystemTime((await sessionDoc(s.t, sessionId)).endedAt! + 72 * HOUR + 1);
    await expect(openDispute(s, sessionId)).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });

  it("limits how many disputes a client opens a day (setting)", async () => {
    const s = await setup({ balance: 4000, chatRate: 150 });
    await changeSettings(s, { disputesMaxPerDay: 1 });
    const first = await chat(s, 2);
    const second = await chat(s, 2);
    await openDispute(s, first);
    await expect(openDispute(s, second)).rejects.toMatchObject({ data: { code: "RATE_LIMITED" } });
    vi.advanceTimersByTime(DAY);
    await openDispute(s, second);
  });
});

describe("disputes authorization", () => {
  it("refuses other clients, advisors and signed-out users, with codes", async () => {
    const s = await setup({ balance: 2000, chatRate: 150 });
    const other = await makeUser(s.t, "client");
    const sessionId = await chat(s, 2);
    const disputeId = await openDispute(s, sessionId);
    const FORBIDDEN = { data: { code: "FORBIDDEN" } };
    await expect(other.as.query(api.disputes.forSession, { sessionId })).rejects.toMatchObject(FORBIDDEN);
    await expect(other.as.mutation(api.disputes.open, { sessionId, reason: "other", description: "Not mine" })).rejects.toMatchObject(FORBIDDEN);
    await expect(other.as.mutation(api.disputes.takeSatisfactionCredit, { sessionId })).rejects.toMatchObject(FORBIDDEN);
    await expect(s.advisor.as.mutation(api.disputes.open, { sessionId, reason: "other", description: "x" })).rejects.toMatchObject(FORBIDDEN);
    for (const caller of [s.advisor, s.client]) {
      await expect(caller.as.mutation(api.disputes.resolve, { disputeId, outcome: "full_refund", note: "Me" })).rejects.toMatchObject(FORBIDDEN);
      await expect(caller.as.query(api.disputes.evidence, { disputeId })).rejects.toMatchObject(FORBIDDEN);
      await expect(caller.as.query(api.disputes.queue, { status: "open" })).rejects.toMatchObject(FORBIDDEN);
      await expect(caller.as.query(api.disputes.openCount, {})).rejects.toMatchObject(FORBIDDEN);
    }
    await expect(s.t.query(api.disputes.forSession, { sessionId })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    expect((await sessionDoc(s.t, sessionId)).status).toBe("ended");
    expect(await s.t.run((ctx) => ctx.db.get(disputeId))).toMatchObject({ status: "open" });
  });

  it("gives the admin the queue and the evidence: transcript and earlier disputes of both sides", async () => {
    const s = await setup({ balance: 4000, chatRate: 150 });
    const admin = await makeUser(s.t, "admin");
    const first = await chat(s, 2);
    const earlier = await openDispute(s, first, "First complaint.");
    await admin.as.mutation(api.disputes.resolve, { disputeId: earlier, outcome: "reject", note: "Fine as billed" });
    const second = await chat(s, 2);
    const disputeId = await openDispute(s, second);
    expect((await admin.as.query(api.disputes.queue, { status: "open" })).map((d) => d._id)).toEqual([disputeId]);
    expect(await admin.as.query(api.disputes.openCount, {})).toEqual({ count: 1, more: false });
    const evidence = await admin.as.query(api.disputes.evidence, { disputeId });
    expect(evidence.refundableCents).toBe(300);
    expect(evidence.transcript.filter((m) => m.kind === "user").map((m) => m.body)).toEqual(["still here", "still here"]);
    expect(evidence.clientEarlier).toEqual([expect.objectContaining({ _id: earlier, status: "rejected" })]);
    expect(evidence.advisorEarlier).toEqual([expect.objectContaining({ _id: earlier })]);
  });
});

describe("disputes.takeSatisfactionCredit", () => {
  it("gives promo credit up to the cap, paid by the platform, while the advisor keeps the earning; once per 30 days", async () => {
    const s = await setup({ balance: 8000, chatRate: 150 });
    const sessionId = await chat(s, 20); // $30.00
    const before = await figures(s);
    await expect(s.client.as.mutation(api.disputes.takeSatisfactionCredit, { sessionId })).resolves.toEqual({ amount: 2500 });
    const after = await figures(s);
    expect({ promo: after.promo - before.promo, ...delta(before, after) }).toEqual({ promo: 2500, client: 2500, advisor: 0, platform: -2500 });
    expect(after.pending).toBe(2700);
    await expect(s.client.as.mutation(api.disputes.takeSatisfactionCredit, { sessionId })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect(await s.client.as.query(api.disputes.forSession, { sessionId })).toMatchObject({ credit: { amount: 2500 } });
    expect(await s.advisor.as.query(api.disputes.forSession, { sessionId })).toMatchObject({ credit: null });

    const next = await chat(s, 2); // $3.00
    await expect(s.client.as.mutation(api.disputes.takeSatisfactionCredit, { sessionId: next })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    vi.setSystemTime((await sessionDoc(s.t, next)).endedAt! + 72 * HOUR + 1);
    await expect(s.client.as.mutation(api.disputes.takeSatisfactionCredit, { sessionId: next })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    vi.setSystemTime(Date.now() + 30 * DAY);
    const later = await chat(s, 2);
    await expect(s.client.as.mutation(api.disputes.takeSatisfactionCredit, { sessionId: later })).resolves.toEqual({ amount: 300 });
    await expectAuditClean(s);
  });

  it("is refused while a dispute is open on the session", async () => {
    const s = await setup({ balance: 2000, chatRate: 150 });
    const sessionId = await chat(s, 2);
    await openDispute(s, sessionId);
    await expect(s.client.as.mutation(api.disputes.takeSatisfactionCredit, { sessionId })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });
});
