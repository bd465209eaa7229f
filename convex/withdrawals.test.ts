import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { auditLedger } from "./ledger.testkit";
import * as Ledger from "./model/ledger";
import { updateSettings } from "./model/settings";
import { accountBalance, elapse, setup, startSession, useFakeClock } from "./sessions.fixtures";
import { makeUser } from "./test.factories";

beforeEach(useFakeClock);
afterEach(() => vi.useRealTimers());

const HOUR = 60 * 60 * 1000;

/**
 * An advisor with $27.00 available, earned through the real flow: a 10-minute
 * chat at $3.00/min ($30.00 charge, $3.00 fee, $27.00 earning), released by
 * its job after the 24 h hold; bank details on file. Plus an admin.
 */
async function advisorWithAvailable() {
  const s = await setup({ balance: 5000, chatRate: 300 });
  const sessionId = await startSession(s, "chat");
  await elapse(s.t, 10 * 60_000, 30_000, async (ms) => {
    if (ms % 60_000 === 0) await s.client.as.mutation(api.messages.send, { sessionId, body: "still here" });
  });
  await s.client.as.mutation(api.sessions.endSession, { sessionId });
  vi.advanceTimersByTime(24 * HOUR);
  await s.t.finishInProgressScheduledFunctions();
  await s.advisor.as.mutation(api.withdrawals.saveBankDetails, { holderName: "Maya Advisor", accountNumber: "DE89 3704 0044 0532 0130 00" });
  const admin = await makeUser(s.t, "admin");
  return { ...s, admin };
}

type World = Awaited<ReturnType<typeof advisorWithAvailable>>;

async function money(s: World) {
  return {
    available: await accountBalance(s.t, Ledger.advisorAvailable(s.advisor.userId)),
    withdrawing: await accountBalance(s.t, Ledger.advisorWithdrawing(s.advisor.userId)),
    payouts: await accountBalance(s.t, Ledger.PAYOUTS),
  };
}

async function auditLog(s: World, id: Id<"withdrawals">) {
  return await s.t.run((ctx) => ctx.db.query("auditLog").withIndex("by_targetId", (q) => q.eq("targetId", id)).collect());
}

describe("withdrawals.request", () => {
  it("holds the amount out of available from the request", async () => {
    const s = await advisorWithAvailable();
    expect(await money(s)).toEqual({ available: 2700, withdrawing: 0, payouts: 0 });
    const id = await s.advisor.as.mutation(api.withdrawals.request, { amount: 2000 });
    expect(await money(s)).toEqual({ available: 700, withdrawing: 2000, payouts: 0 });
    expect(await s.advisor.as.query(api.earningsDashboard.overview, {})).toMatchObject({ available: 700, withdrawing: 2000, paidOut: 0 });
    expect(await s.advisor.as.query(api.withdrawals.mine, {})).toEqual([
      expect.objectContaining({ _id: id, amount: 2000, status: "requested", bank: { holderName: "Maya Advisor", last4: "3000" } }),
    ]);
    const key = await s.t.run((ctx) => Ledger.findTransactionByKey(ctx, `withdrawal:${id}:request`));
    expect(key).toMatchObject({ type: "payout", amount: 2000 });
    await expect(s.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("refuses below the minimum, above available, a second open request, and without bank details, changing nothing", async () => {
    const s = await advisorWithAvailable();
    await expect(s.advisor.as.mutation(api.withdrawals.request, { amount: 1999 })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "amount" } });
    await expect(s.advisor.as.mutation(api.withdrawals.request, { amount: 20.5 })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "amount" } });
    await expect(s.advisor.as.mutation(api.withdrawals.request, { amount: 2701 })).rejects.toMatchObject({ data: { code: "INSUFFICIENT_FUNDS", field: "amount" } });
    expect(await money(s)).toEqual({ available: 2700, withdrawing: 0, payouts: 0 });
    await s.advisor.as.mutation(api.withdrawals.request, { amount: 2000 });
    await expect(s.advisor.as.mutation(api.withdrawals.request, { amount: 2000 })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect(await money(s)).toEqual({ available: 700, withdrawing: 2000, payouts: 0 });

    const other = await makeUser(s.t, "advisor");
    await expect(other.as.mutation(api.withdrawals.request, { amount: 2000 })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });

  it("takes the minimum and the rate limit from the settings", async () => {
    const s = await advisorWithAvailable();
    await s.t.run((ctx) => updateSettings(ctx, { withdrawalMin: 500, withdrawalRequestsMaxPerDay: 2 }, { now: Date.now() }));
    const first = await s.advisor.as.mutation(api.withdrawals.request, { amount: 500 });
    await s.admin.as.mutation(api.withdrawals.reject, { id: first, reason: "Wrong account" });
    const second = await s.advisor.as.mutation(api.withdrawals.request, { amount: 600 });
    await s.admin.as.mutation(api.withdrawals.reject, { id: second, reason: "Wrong account" });
    await expect(s.advisor.as.mutation(api.withdrawals.request, { amount: 700 })).rejects.toMatchObject({ data: { code: "RATE_LIMITED" } });
    vi.advanceTimersByTime(24 * HOUR);
    await expect(s.advisor.as.mutation(api.withdrawals.request, { amount: 700 })).resolves.toBeTruthy();
    expect(await money(s)).toEqual({ available: 2000, withdrawing: 700, payouts: 0 });
  });
});

describe("withdrawals admin actions", () => {
  it("approve then mark paid moves the amount to payouts, counts it as paid out and audits each step", async () => {
    const s = await advisorWithAvailable();
    const id = await s.advisor.as.mutation(api.withdrawals.request, { amount: 2500 });
    await s.admin.as.mutation(api.withdrawals.approve, { id });
    expect(await money(s)).toEqual({ available: 200, withdrawing: 2500, payouts: 0 });
    await expect(s.admin.as.mutation(api.withdrawals.approve, { id })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await s.admin.as.mutation(api.withdrawals.markPaid, { id });
    expect(await money(s)).toEqual({ available: 200, withdrawing: 0, payouts: 2500 });
    await expect(s.admin.as.mutation(api.withdrawals.markPaid, { id })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(s.admin.as.mutation(api.withdrawals.reject, { id, reason: "late" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect(await s.advisor.as.query(api.earningsDashboard.overview, {})).toMatchObject({ totalEarned: 2700, available: 200, withdrawing: 0, paidOut: 2500 });
    expect((await s.advisor.as.query(api.withdrawals.mine, {}))[0]).toMatchObject({ status: "paid", paidAt: Date.now() });

    const log = await auditLog(s, id);
    expect(log.map((e) => [e.action, e.actorId, e.before, e.after])).toEqual([
      ["withdrawal.approve", s.admin.userId, { status: "requested", amount: 2500, currency: "USD" }, { status: "approved", amount: 2500, currency: "USD" }],
      ["withdrawal.markPaid", s.admin.userId, { status: "approved", amount: 2500, currency: "USD" }, { status: "paid", amount: 2500, currency: "USD" }],
    ]);
    await expect(s.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("reject needs a reason, returns the amount to available and is audited with it", async () => {
    const s = await advisorWithAvailable();
    const id = await s.advisor.as.mutation(api.withdrawals.request, { amount: 2700 });
    await s.admin.as.mutation(api.withdrawals.approve, { id });
    await expect(s.admin.as.mutation(api.withdrawals.reject, { id, reason: "  " })).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT", field: "reason" } });
    expect(await money(s)).toEqual({ available: 0, withdrawing: 2700, payouts: 0 });
    await s.admin.as.mutation(api.withdrawals.reject, { id, reason: "Account closed" });
    expect(await money(s)).toEqual({ available: 2700, withdrawing: 0, payouts: 0 });
    expect((await s.advisor.as.query(api.withdrawals.mine, {}))[0]).toMatchObject({ status: "rejected", rejectionReason: "Account closed" });
    expect((await auditLog(s, id)).at(-1)).toMatchObject({
      action: "withdrawal.reject",
      reason: "Account closed",
      before: { status: "approved" },
      after: { status: "rejected" },
    });
    await expect(s.admin.as.mutation(api.withdrawals.markPaid, { id })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    // Funds back: a new request for all of it is accepted.
    await expect(s.advisor.as.mutation(api.withdrawals.request, { amount: 2700 })).resolves.toBeTruthy();
    await expect(s.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("lists the queue by status for admins, with the advisor and masked bank details", async () => {
    const s = await advisorWithAvailable();
    const id = await s.advisor.as.mutation(api.withdrawals.request, { amount: 2000 });
    const page = (status?: "requested" | "paid") => s.admin.as.query(api.withdrawals.queue, { status, paginationOpts: { numItems: 10, cursor: null } });
    expect((await page("requested")).page).toEqual([
      expect.objectContaining({ _id: id, advisorUserId: s.advisor.userId, amount: 2000, bank: { holderName: "Maya Advisor", last4: "3000" } }),
    ]);
    expect((await page("paid")).page).toEqual([]);
    expect((await page()).page).toHaveLength(1);
  });
});

describe("withdrawals authorization and bank details", () => {
  it("refuses clients everything, advisors the admin actions, visitors all", async () => {
    const s = await advisorWithAvailable();
    const id = await s.advisor.as.mutation(api.withdrawals.request, { amount: 2000 });
    const forbidden = { data: { code: "FORBIDDEN" } };
    const other = await makeUser(s.t, "advisor");
    for (const caller of [s.client.as, s.admin.as]) {
      await expect(caller.mutation(api.withdrawals.request, { amount: 2000 })).rejects.toMatchObject(forbidden);
      await expect(caller.query(api.withdrawals.mine, {})).rejects.toMatchObject(forbidden);
      await expect(caller.query(api.withdrawals.bankDetails, {})).rejects.toMatchObject(forbidden);
      await expect(caller.mutation(api.withdrawals.saveBankDetails, { holderName: "X", accountNumber: "12345678" })).rejects.toMatchObject(forbidden);
    }
    for (const caller of [s.client.as, s.advisor.as, other.as]) {
      await expect(caller.query(api.withdrawals.queue, { paginationOpts: { numItems: 5, cursor: null } })).rejects.toMatchObject(forbidden);
      await expect(caller.mutation(api.withdrawals.approve, { id })).rejects.toMatchObject(forbidden);
      await expect(caller.mutation(api.withdrawals.reject, { id, reason: "no" })).rejects.toMatchObject(forbidden);
      await expect(caller.mutation(api.withdrawals.markPaid, { id })).rejects.toMatchObject(forbidden);
    }
    await expect(s.t.query(api.withdrawals.mine, {})).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    await expect(s.t.mutation(api.withdrawals.approve, { id })).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    expect((await s.advisor.as.query(api.withdrawals.mine, {}))[0].status).toBe("requested");
  });

  it("keeps only the holder and last 4; another advisor sees neither the withdrawals nor the bank details", async () => {
    const s = await advisorWithAvailable();
    await s.advisor.as.mutation(api.withdrawals.request, { amount: 2000 });
    expect(await s.advisor.as.query(api.withdrawals.bankDetails, {})).toEqual({ holderName: "Maya Advisor", last4: "3000" });
    const stored = await s.t.run((ctx) => ctx.db.query("bankDetails").collect());
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toMatch(/370400440532/);

    const other = await makeUser(s.t, "advisor");
    expect(await other.as.query(api.withdrawals.bankDetails, {})).toBeNull();
    expect(await other.as.query(api.withdrawals.mine, {})).toEqual([]);
    await expect(other.as.mutation(api.withdrawals.saveBankDetails, { holderName: "", accountNumber: "12345678" })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field: "holderName" },
    });
    await expect(other.as.mutation(api.withdrawals.saveBankDetails, { holderName: "Omar", accountNumber: "12" })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field: "accountNumber" },
    });
    expect(await other.as.mutation(api.withdrawals.saveBankDetails, { holderName: "Omar", accountNumber: "0012-3456-78" })).toEqual({ holderName: "Omar", last4: "5678" });
    expect(await s.advisor.as.query(api.withdrawals.bankDetails, {})).toEqual({ holderName: "Maya Advisor", last4: "3000" });
  });
});
