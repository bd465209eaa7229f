/**
 * The production audit against the records that move money (issue 13, item 4):
 * idempotency keys, one credit per checkout, and each ended session's charge
 * recomputed from its own events. Each bug is planted with direct writes that
 * keep every balance invariant (the tests' oracle auditLedger still reports
 * the books clean), and the batched run must report it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { auditLedger } from "./ledger.testkit";
import { AuditRun, type AuditProblem } from "./model/ledger";
import * as Ledger from "./model/ledger";
import { foldTimeline } from "./model/ledger/auditRecords";
import * as Payments from "./model/payments";
import { elapse, setup, startSession, useFakeClock, type Party } from "./sessions.fixtures";
import { fund, makeUser, type TestConvex } from "./test.factories";
import { START, bookingWorld } from "./bookings.fixtures";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

/** Small limits, so every phase pages and long timelines are folded across steps. */
const SMALL: AuditRun.StepLimits = {
  accountsPerPage: 3,
  entryBudget: 10,
  entriesPerPage: 5,
  transactionsPerStep: 4,
  checkoutsPerStep: 1,
  sessionsPerPage: 2,
  eventBudget: 6,
  eventsPerPage: 4,
};

async function runAudit(t: TestConvex, limits: AuditRun.StepLimits = SMALL) {
  const { runId } = await t.run((ctx) => AuditRun.startRun(ctx, { now: Date.now() }));
  let steps = 1;
  while (await t.run((ctx) => AuditRun.step(ctx, runId, Date.now(), limits))) {
    if (++steps > 1000) throw new Error("the audit did not finish");
  }
  return { run: (await t.run((ctx) => ctx.db.get(runId)))!, steps };
}

/** The books balance: what the audit reported before it checked the records. */
async function expectBalancedBooks(t: TestConvex) {
  await expect(t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true, problems: [] });
}

const shape = ({ problem, key, checkoutId, sessionId, transactionId, expected, actual, unit }: AuditProblem) =>
  Object.fromEntries(Object.entries({ problem, key, checkoutId, sessionId, transactionId, expected, actual, unit }).filter(([, v]) => v !== undefined));

/**
 * A transaction written directly, bypassing Ledger.post's idempotency: the
 * client's cash gets `amount` from external payments, entries and
 * materialized balances consistent, so only the records can tell.
 */
async function plantCredit(t: TestConvex, args: { clientId: Id<"users">; key: string; amount: number; refs?: Record<string, string> }) {
  return await t.run(async (ctx) => {
    const now = Date.now();
    const transactionId = await ctx.db.insert("ledgerTransactions", {
      key: args.key,
      type: "add",
      description: "Wallet top-up",
      currency: "USD",
      amount: args.amount,
      refs: args.refs,
      at: now,
    });
    for (const [ref, amount] of [
      [Ledger.EXTERNAL_PAYMENTS, -args.amount],
      [Ledger.clientCash(args.clientId), args.amount],
    ] as const) {
      const account = (await Ledger.findAccount(ctx, ref, "USD"))!;
      await ctx.db.insert("ledgerEntries", {
        transactionId,
        accountId: account._id,
        accountKind: account.kind,
        ownerId: account.ownerId,
        currency: "USD",
        amount,
        historyType: "add",
        description: "Wallet top-up",
        at: now,
      });
      await ctx.db.patch(account._id, { balance: account.balance + amount, updatedAt: now });
    }
    return transactionId;
  });
}

/** A checkout paid through the webhook's crediting path (the same mutation the verified event reaches). */
async function paidCheckout(t: TestConvex, client: Party, amount: number, eventId: string) {
  return await t.run(async (ctx) => {
    const checkout = await Payments.createCheckout(ctx, { userId: client.userId, amount, now: Date.now() });
    const outcome = await Payments.creditCheckout(
      ctx,
      { eventId, sessionId: `cs_test_${checkout._id}`, checkoutId: checkout._id, userId: client.userId, amount, currency: "USD", paid: true },
      Date.now(),
    );
    if (!outcome.credited) throw new Error(`not credited: ${outcome.reason}`);
    return { checkoutId: checkout._id, creditId: outcome.transactionId };
  });
}

// ---------------------------------------------------------------- keys and checkouts

describe("AuditRun: idempotency keys", () => {
  it("reports a key posted twice, which balanced books hide", async () => {
    const { t, client } = await setup({ balance: 0 });
    await fund(t, client.userId, 1000);
    const first = await t.run((ctx) =>
      Ledger.post(ctx, {
        key: "stripe:evt_1",
        type: "add",
        description: "Wallet top-up",
        currency: "USD",
        entries: [
          { account: Ledger.EXTERNAL_PAYMENTS, amount: -500 },
          { account: Ledger.clientCash(client.userId), amount: 500 },
        ],
        now: Date.now(),
      }),
    );
    await plantCredit(t, { clientId: client.userId, key: "stripe:evt_1", amount: 500 });
    await expectBalancedBooks(t);

    const { run } = await runAudit(t);
    expect(run.problems.map(shape)).toEqual([
      { problem: "duplicate_key", key: "stripe:evt_1", transactionId: first.transactionId, expected: 1, actual: 2, unit: "count" },
    ]);
  });

  it("reports nothing for distinct keys", async () => {
    const { t, client } = await setup({ balance: 0 });
    for (let i = 0; i < 5; i++) await fund(t, client.userId, 100 + i);
    const { run } = await runAudit(t);
    expect(run).toMatchObject({ status: "done", problemCount: 0, transactions: 5 });
  });
});

describe("AuditRun: one credit per checkout", () => {
  it("reports a checkout credited twice under two event ids", async () => {
    const { t, client } = await setup({ balance: 0 });
    const { checkoutId, creditId } = await paidCheckout(t, client, 2500, "evt_1");
    // The product refuses a second event for a paid checkout; the planted bug is a credit written anyway.
    await expect(
      t.run((ctx) =>
        Payments.creditCheckout(
          ctx,
          { eventId: "evt_2", sessionId: `cs_test_${checkoutId}`, checkoutId, userId: client.userId, amount: 2500, currency: "USD", paid: true },
          Date.now(),
        ),
      ),
    ).resolves.toEqual({ credited: false, reason: "already_paid" });
    const second = await plantCredit(t, { clientId: client.userId, key: "stripe:evt_2", amount: 2500, refs: { checkoutId, stripeEventId: "evt_2" } });
    await expectBalancedBooks(t);

    const { run } = await runAudit(t);
    expect(run.problems.map(shape)).toEqual([{ problem: "checkout_extra_credit", checkoutId, transactionId: second, expected: 0, actual: 2500 }]);
    expect(run.problems.some((p) => p.transactionId === creditId)).toBe(false);
  });

  it("reports a credit naming a checkout that was never paid, or does not exist", async () => {
    const { t, client } = await setup({ balance: 1000 });
    const pending = await t.run((ctx) => Payments.createCheckout(ctx, { userId: client.userId, amount: 1000, now: Date.now() }));
    const unpaid = await plantCredit(t, { clientId: client.userId, key: "stripe:evt_a", amount: 1000, refs: { checkoutId: pending._id } });
    const unknown = await plantCredit(t, { clientId: client.userId, key: "stripe:evt_b", amount: 700, refs: { checkoutId: "not-a-checkout" } });
    await expectBalancedBooks(t);

    const { run } = await runAudit(t);
    expect(run.problems.map(shape)).toEqual([
      { problem: "checkout_extra_credit", checkoutId: pending._id, transactionId: unpaid, expected: 0, actual: 1000 },
      { problem: "checkout_extra_credit", transactionId: unknown, expected: 0, actual: 700 },
    ]);
  });

  it.each([
    ["paid without a credit", (c: Doc<"topUpCheckouts">) => ({ transactionId: undefined, status: c.status }), 2500, 0],
    ["paid, recording a credit of another amount", (c: Doc<"topUpCheckouts">) => ({ amount: c.amount + 500 }), 3000, 2500],
    ["unpaid, yet recording a credit", () => ({ status: "failed" as const }), 0, 2500],
  ])("reports a checkout %s", async (_, change, expected, actual) => {
    const { t, client } = await setup({ balance: 0 });
    const { checkoutId, creditId } = await paidCheckout(t, client, 2500, "evt_1");
    await t.run(async (ctx) => ctx.db.patch(checkoutId, change((await ctx.db.get(checkoutId))!)));

    const { run } = await runAudit(t);
    const checkoutProblems = run.problems.filter((p) => p.problem === "checkout_credit_mismatch");
    expect(checkoutProblems.map(shape)).toEqual([
      { problem: "checkout_credit_mismatch", checkoutId, ...(actual === 0 ? {} : { transactionId: creditId }), expected, actual },
    ]);
  });

  it("does not count the reversal of a credit as a second credit", async () => {
    const { t, client } = await setup({ balance: 0 });
    const { creditId } = await paidCheckout(t, client, 2500, "evt_1");
    await t.run((ctx) => Ledger.reverse(ctx, { transactionId: creditId, key: "chargeback:evt_1", description: "Chargeback", now: Date.now() }));
    const { run } = await runAudit(t);
    expect(run).toMatchObject({ status: "done", problemCount: 0, checkouts: 1 });
  });
});

// ---------------------------------------------------------------- ended sessions

/**
 * Real sessions through the registered functions, at 60¢/min for chat and
 * 120¢/min for video: a chat with a manual pause (60 billed seconds), a video
 * call with heartbeats, a chat paused by silence, and a chat that used up its
 * balance and ended 5 minutes later. Plus one paid checkout.
 */
async function history() {
  const s = await setup({ balance: 10_000, chatRate: 60, videoRate: 120 });
  const { t, client, advisor } = s;

  const chat = await startSession(s, "chat");
  await elapse(t, 30_000, 10_000);
  await client.as.mutation(api.sessions.pauseSession, { sessionId: chat });
  await elapse(t, 30_000, 10_000);
  await advisor.as.mutation(api.sessions.resumeSession, { sessionId: chat });
  await elapse(t, 30_000, 10_000);
  await client.as.mutation(api.sessions.endSession, { sessionId: chat });

  const video = await startSession(s, "video");
  await elapse(t, 20_000, 5_000, async () => {
    await client.as.mutation(api.presence.heartbeat, { sessionId: video, connected: true });
    await advisor.as.mutation(api.presence.heartbeat, { sessionId: video, connected: true });
  });
  await advisor.as.mutation(api.sessions.endSession, { sessionId: video });

  const silent = await startSession(s, "chat");
  await elapse(t, 150_000, 30_000);
  await client.as.mutation(api.sessions.endSession, { sessionId: silent });

  const poor = await makeUser(t, "client");
  await fund(t, poor.userId, 180);
  const exhausted = await startSession({ ...s, client: poor }, "chat");
  await elapse(t, 9 * 60_000, 30_000, async (ms) => {
    if (ms < 180_000) await poor.as.mutation(api.messages.send, { sessionId: exhausted, body: `still here at ${ms}` });
  });

  await paidCheckout(t, client, 2500, "evt_1");
  return { t, chat, video, silent, exhausted };
}

async function sessionRow(t: TestConvex, sessionId: Id<"sessions">) {
  return (await t.run((ctx) => ctx.db.get(sessionId)))!;
}

async function deleteEvent(t: TestConvex, sessionId: Id<"sessions">, kind: Doc<"sessionEvents">["kind"]) {
  await t.run(async (ctx) => {
    const events = await ctx.db.query("sessionEvents").withIndex("by_sessionId_and_at", (q) => q.eq("sessionId", sessionId)).collect();
    await ctx.db.delete(events.find((e) => e.kind === kind)!._id);
  });
}

describe("AuditRun: each ended session's charge from its own events", () => {
  it("finds real sessions consistent with their timelines", async () => {
    const h = await history();
    const rows = await Promise.all([h.chat, h.video, h.silent, h.exhausted].map((id) => sessionRow(h.t, id)));
    expect(rows.map((r) => [r.status, r.billedSeconds, r.chargeCents])).toEqual([
      ["ended", 60, 60],
      ["ended", 20, 40],
      ["ended", 90, 90],
      ["ended", 180, 180],
    ]);
    expect(rows[3].endReason).toBe("zero_balance_timeout");

    const { run } = await runAudit(h.t);
    expect(run.problems).toEqual([]);
    expect(run).toMatchObject({ status: "done", sessions: 4, checkouts: 1 });
  });

  type Plant = (t: TestConvex, session: Doc<"sessions">) => Promise<unknown>;
  const patch = (change: (s: Doc<"sessions">) => Partial<Doc<"sessions">>): Plant => (t, s) => t.run((ctx) => ctx.db.patch(s._id, change(s)));

  it.each<[string, Plant, Omit<AuditProblem, "currency" | "sessionId">[]]>([
    [
      "billed seconds its timeline does not show",
      patch((s) => ({ billedSeconds: s.billedSeconds + 5 })),
      [{ problem: "session_billed_seconds_mismatch", expected: 60, actual: 65, unit: "seconds" }],
    ],
    [
      "a pause that billing honoured but the timeline lacks",
      (t, s) => deleteEvent(t, s._id, "paused"),
      [
        { problem: "session_billed_seconds_mismatch", expected: 90, actual: 60, unit: "seconds" },
        { problem: "session_charge_mismatch", expected: 90, actual: 60 },
      ],
    ],
    [
      "a timeline without its end",
      (t, s) => deleteEvent(t, s._id, "ended"),
      [
        { problem: "session_billed_seconds_mismatch", expected: 30, actual: 60, unit: "seconds" },
        { problem: "session_charge_mismatch", expected: 30, actual: 60 },
      ],
    ],
    [
      "a charge off floor(rate × seconds / 60), settled at the old amount",
      patch((s) => ({ chargeCents: s.chargeCents + 1, feeCents: s.feeCents! + 1 })),
      [
        { problem: "session_charge_mismatch", expected: 60, actual: 61 },
        { problem: "session_settlement_mismatch", expected: 61, actual: 60 },
      ],
    ],
    [
      "fee + earning that differ from the charge",
      patch((s) => ({ earningCents: s.earningCents! - 1 })),
      [{ problem: "session_split_mismatch", expected: 60, actual: 59 }],
    ],
    [
      "a charge never settled",
      patch(() => ({ settlementTransactionId: undefined })),
      [{ problem: "session_settlement_mismatch", expected: 60, actual: 0 }],
    ],
  ])("reports a session with %s", async (_, plant, expected) => {
    const h = await history();
    await plant(h.t, await sessionRow(h.t, h.chat));
    await expectBalancedBooks(h.t);

    const { run } = await runAudit(h.t);
    expect(run.problems.map(({ problem, sessionId, expected, actual, unit }) => ({ problem, sessionId, expected, actual, unit }))).toEqual(
      expected.map((p) => ({ unit: undefined, ...p, sessionId: h.chat })),
    );
  });

  it("folds a long timeline across steps and still finds its mismatch", async () => {
    const s = await setup({ balance: 10_000, chatRate: 60 });
    const sessionId = await startSession(s, "chat");
    for (let i = 0; i < 6; i++) {
      await elapse(s.t, 10_000, 10_000);
      await s.client.as.mutation(api.sessions.pauseSession, { sessionId });
      await elapse(s.t, 5_000, 5_000);
      await s.client.as.mutation(api.sessions.resumeSession, { sessionId });
    }
    await elapse(s.t, 10_000, 10_000);
    await s.client.as.mutation(api.sessions.endSession, { sessionId });
    const events = await s.t.run((ctx) => ctx.db.query("sessionEvents").withIndex("by_sessionId_and_at", (q) => q.eq("sessionId", sessionId)).collect());
    expect(events.length).toBeGreaterThan(SMALL.eventBudget! * 2);
    expect(await sessionRow(s.t, sessionId)).toMatchObject({ billedSeconds: 70, chargeCents: 70 });

    expect((await runAudit(s.t)).run).toMatchObject({ status: "done", problemCount: 0, sessions: 1 });
    await s.t.run((ctx) => ctx.db.patch(sessionId, { billedSeconds: 71 }));
    expect((await runAudit(s.t)).run.problems.map(shape)).toEqual([
      { problem: "session_billed_seconds_mismatch", sessionId, expected: 70, actual: 71, unit: "seconds" },
    ]);
  });
});

describe("foldTimeline", () => {
  const at = (kind: Doc<"sessionEvents">["kind"], seconds: number) => ({ kind, at: seconds * 1000 });

  it.each<[string, "chat" | "video", ReturnType<typeof at>[], number]>([
    ["a chat bills from its acceptance", "chat", [at("requested", 0), at("accepted", 5), at("ended", 65)], 60_000],
    ["a video bills from billing_started, not the acceptance", "video", [at("accepted", 5), at("billing_started", 20), at("ended", 65)], 45_000],
    ["a pause stops billing until the resume", "chat", [at("accepted", 0), at("paused", 10), at("resumed", 40), at("ended", 50)], 20_000],
    ["a stop dated before its start adds nothing", "chat", [at("resumed", 30), at("paused", 20), at("ended", 40)], 0],
    ["repeated starts count from the first", "chat", [at("accepted", 0), at("resumed", 10), at("ended", 20)], 20_000],
  ])("%s", (_, kind, events, billedMs) => {
    expect(foldTimeline({ billedMs: 0, runningSince: null }, kind, events)).toEqual({ billedMs, runningSince: null });
  });
});

// ---------------------------------------------------------------- bookings

describe("AuditRun: booking settlements", () => {
  it("passes a booking charged within the free window, and reports one whose record no longer matches what the ledger moved", async () => {
    const w = await bookingWorld();
    const bookingId = await w.book();
    vi.advanceTimersByTime(START - 2 * 60 * 60_000 - Date.now());
    await w.client.as.mutation(api.bookings.cancel, { bookingId });
    const clean = await runAudit(w.t);
    expect(clean.run.problems).toEqual([]);
    const booking = await w.booking(bookingId);
    await w.t.run((ctx) => ctx.db.patch(bookingId, { chargedCents: 1000, feeCents: 100, earningCents: 900 }));
    const { run } = await runAudit(w.t);
    expect(run.problems.map(shape)).toEqual([{ problem: "booking_settlement_mismatch", transactionId: booking.settlementTransactionId, expected: 1000, actual: 1500 }]);
  });
});

// ---------------------------------------------------------------- the admin's report

describe("ledger.latestAudit", () => {
  it("shows the admin what the run found in the records, with what it checked", async () => {
    vi.useFakeTimers();
    const { t, client } = await setup({ balance: 0 });
    const admin = await makeUser(t, "admin");
    const { checkoutId } = await paidCheckout(t, client, 2500, "evt_1");
    const second = await plantCredit(t, { clientId: client.userId, key: "stripe:evt_2", amount: 2500, refs: { checkoutId } });

    await admin.as.mutation(api.ledger.startAudit, {});
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await admin.as.query(api.ledger.latestAudit, {})).toMatchObject({
      status: "done",
      ok: false,
      checkouts: 1,
      sessions: 0,
      problemCount: 1,
      problems: [{ problem: "checkout_extra_credit", checkoutId, transactionId: second, expected: 0, actual: 2500 }],
    });
  });
});
