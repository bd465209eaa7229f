import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { TEST_WEBHOOK_SECRET, auditLedger, deliver } from "./ledger.testkit";
import * as Ledger from "./model/ledger";
import { createCheckout, testCheckoutEvent } from "./model/payments";
import { updateSettings } from "./model/settings";
import { startFakeStripe, type FakeStripe } from "./stripeApi.testkit";
import { fund, makeUser, newTest, wallet, type TestConvex } from "./test.factories";

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z") });
  vi.stubEnv("CONVEX_SITE_URL", "https://expertline-test.convex.site");
  vi.stubEnv("STRIPE_SECRET_KEY", "");
  vi.stubEnv("STRIPE_WEBHOOK_SECRET", TEST_WEBHOOK_SECRET);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

type Client = Awaited<ReturnType<typeof makeUser>>;

/** A top-up paid on the test checkout: the product's own signed event, through the webhook. */
async function topUpByCard(t: TestConvex, client: Client, amount: number) {
  const { checkoutId } = await client.as.action(api.payments.createTopUp, { amount });
  const checkout = (await t.run((ctx) => ctx.db.get(checkoutId as Id<"topUpCheckouts">)))!;
  const response = await deliver(t, testCheckoutEvent({ eventId: `evt_${checkoutId}`, checkout, now: Date.now() }));
  expect(await response.json()).toMatchObject({ credited: true });
  vi.advanceTimersByTime(60_000);
  return checkout._id;
}

async function world() {
  const t = newTest();
  const client = await makeUser(t, "client");
  const admin = await makeUser(t, "admin");
  return { t, client, admin };
}

async function runRefunds(t: TestConvex) {
  await t.finishAllScheduledFunctions(vi.runAllTimers);
}

const checkoutOf = (t: TestConvex, id: Id<"topUpCheckouts">) => t.run((ctx) => ctx.db.get(id));
const refunding = (t: TestConvex, userId: Id<"users">) =>
  t.run(async (ctx) => (await Ledger.findAccount(ctx, Ledger.clientRefunding(userId), "USD"))?.balance ?? 0);
const externalPayments = (t: TestConvex) => t.run(async (ctx) => (await Ledger.findAccount(ctx, Ledger.EXTERNAL_PAYMENTS, "USD"))?.balance ?? 0);

describe("balanceRefunds.mine", () => {
  it("counts only cash that came from card payments, never promo or demo credit", async () => {
    const { t, client, admin } = await world();
    await fund(t, client.userId, 700);
    await admin.as.mutation(api.ledger.grantPromo, { userId: client.userId, amount: 500, reason: "welcome", requestId: "r1" });
    expect((await client.as.query(api.balanceRefunds.mine, {})).refundable).toEqual({ currency: "USD", cash: 700, toPayments: 0, max: 0 });
    await topUpByCard(t, client, 2500);
    expect((await client.as.query(api.balanceRefunds.mine, {})).refundable).toEqual({ currency: "USD", cash: 3200, toPayments: 2500, max: 2500 });
  });
});

describe("balanceRefunds.request", () => {
  it("moves the amount out of the wallet at once, so it can be neither spent nor asked for twice", async () => {
    const { t, client } = await world();
    await topUpByCard(t, client, 2500);
    const id = await client.as.mutation(api.balanceRefunds.request, { amount: 1500, note: "Moving on" });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 1000, available: 1000 });
    expect(await refunding(t, client.userId)).toBe(1500);
    expect(await t.run((ctx) => Ledger.findTransactionByKey(ctx, `balanceRefund:${id}:request`))).toMatchObject({ type: "refund", amount: 1500 });
    await expect(client.as.mutation(api.balanceRefunds.request, { amount: 500 })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect((await client.as.query(api.balanceRefunds.mine, {})).requests).toEqual([
      expect.objectContaining({ _id: id, amount: 1500, status: "requested", refundedAmount: 0, parts: [] }),
    ]);
    await expect(t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it.each([
    [0, "INVALID_ARGUMENT"],
    [12.5, "INVALID_ARGUMENT"],
    [-100, "INVALID_ARGUMENT"],
    [2501, "INSUFFICIENT_FUNDS"],
  ])("refuses %d cents at the amount field and changes nothing", async (amount, code) => {
    const { t, client } = await world();
    await topUpByCard(t, client, 2500);
    await expect(client.as.mutation(api.balanceRefunds.request, { amount })).rejects.toMatchObject({ data: { code, field: "amount" } });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 2500 });
    expect(await t.run((ctx) => ctx.db.query("balanceRefunds").collect())).toEqual([]);
  });

  it("refuses a note beyond its limit at the note field", async () => {
    const { t, client } = await world();
    await topUpByCard(t, client, 2500);
    await expect(client.as.mutation(api.balanceRefunds.request, { amount: 500, note: "x".repeat(501) })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", field: "note" },
    });
  });

  it("never asks back cash a live session holds", async () => {
    const { t, client } = await world();
    await topUpByCard(t, client, 2500);
    await t.run((ctx) => Ledger.createHold(ctx, { key: "test:hold", ownerId: client.userId, currency: "USD", amount: 2000, description: "Live session", now: Date.now() }));
    expect((await client.as.query(api.balanceRefunds.mine, {})).refundable.max).toBe(500);
    await expect(client.as.mutation(api.balanceRefunds.request, { amount: 501 })).rejects.toMatchObject({ data: { code: "INSUFFICIENT_FUNDS" } });
  });

  it("keeps to the settings' number of requests per 24 hours", async () => {
    const { t, client } = await world();
    await t.run((ctx) => updateSettings(ctx, { balanceRefundRequestsMaxPerDay: 2 }, { now: Date.now() }));
    await topUpByCard(t, client, 5000);
    for (let i = 0; i < 2; i++) {
      const id = await client.as.mutation(api.balanceRefunds.request, { amount: 500 });
      await client.as.mutation(api.balanceRefunds.cancel, { id });
    }
    await expect(client.as.mutation(api.balanceRefunds.request, { amount: 500 })).rejects.toMatchObject({ data: { code: "RATE_LIMITED" } });
    vi.advanceTimersByTime(24 * 60 * 60 * 1000);
    await expect(client.as.mutation(api.balanceRefunds.request, { amount: 500 })).resolves.toBeTruthy();
  });
});

describe("balanceRefunds.approve", () => {
  it("refunds the newest payments first, each at most what it paid, and the money leaves the ledger once", async () => {
    const { t, client, admin } = await world();
    const older = await topUpByCard(t, client, 1000);
    const newer = await topUpByCard(t, client, 2500);
    const externalBefore = await externalPayments(t);
    const id = await client.as.mutation(api.balanceRefunds.request, { amount: 3000 });
    await admin.as.mutation(api.balanceRefunds.approve, { id });
    await runRefunds(t);

    const [request] = (await client.as.query(api.balanceRefunds.mine, {})).requests;
    expect(request).toMatchObject({ status: "refunded", amount: 3000, refundedAmount: 3000 });
    expect(request.parts.map((p) => [p.amount, p.status])).toEqual([
      [2500, "refunded"],
      [500, "refunded"],
    ]);
    expect(await checkoutOf(t, newer)).toMatchObject({ refundedAmount: 2500 });
    expect(await checkoutOf(t, older)).toMatchObject({ refundedAmount: 500 });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 500 });
    expect(await refunding(t, client.userId)).toBe(0);
    expect((await externalPayments(t)) - externalBefore).toBe(3000);
    const paid = await t.run((ctx) => Ledger.findTransactionByKey(ctx, `balanceRefund:${id}:paid:${newer}`));
    expect(paid).toMatchObject({ type: "refund", amount: 2500, refs: { providerRefundId: expect.stringMatching(/^re_test_/) } });

    // Running the refunds again (a retry after an outage) refunds nothing twice.
    await expect(admin.as.mutation(api.balanceRefunds.retry, { id })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect((await client.as.query(api.balanceRefunds.mine, {})).refundable).toMatchObject({ cash: 500, toPayments: 500, max: 500 });
    const audit = await t.run((ctx) => ctx.db.query("auditLog").withIndex("by_targetId", (q) => q.eq("targetId", id)).collect());
    expect(audit.map((a) => a.action)).toEqual(["balanceRefund.approve", "balanceRefund.finish"]);
    await expect(t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("returns to the wallet what a payment's provider refused, and frees that payment for later", async () => {
    const { t, client, admin } = await world();
    const checkoutId = await topUpByCard(t, client, 2000);
    // A payment taken by Stripe on a deployment that has since lost its keys: its refund must fail, not vanish.
    await t.run((ctx) => ctx.db.patch(checkoutId, { provider: "stripe" }));
    const id = await client.as.mutation(api.balanceRefunds.request, { amount: 2000 });
    await admin.as.mutation(api.balanceRefunds.approve, { id });
    await runRefunds(t);
    const [request] = (await client.as.query(api.balanceRefunds.mine, {})).requests;
    expect(request).toMatchObject({ status: "failed", refundedAmount: 0, parts: [{ amount: 2000, status: "failed" }] });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 2000 });
    expect(await refunding(t, client.userId)).toBe(0);
    expect(await checkoutOf(t, checkoutId)).toMatchObject({ refundedAmount: 0 });
    const [row] = (await admin.as.query(api.balanceRefunds.queue, { paginationOpts: { numItems: 10, cursor: null } })).page;
    expect(row.parts[0].failureMessage).toMatch(/Stripe is not configured/);
    await expect(t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("can be decided once: a second approval or a rejection after it is refused", async () => {
    const { t, client, admin } = await world();
    await topUpByCard(t, client, 2000);
    const id = await client.as.mutation(api.balanceRefunds.request, { amount: 1000 });
    await admin.as.mutation(api.balanceRefunds.approve, { id });
    await expect(admin.as.mutation(api.balanceRefunds.approve, { id })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(admin.as.mutation(api.balanceRefunds.reject, { id, reason: "late" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(client.as.mutation(api.balanceRefunds.cancel, { id })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await runRefunds(t);
    expect(await externalPayments(t)).toBe(-2000 + 1000);
  });
});

describe("balanceRefunds.reject and cancel", () => {
  it("rejecting needs a reason and puts the amount back in the wallet", async () => {
    const { t, client, admin } = await world();
    await topUpByCard(t, client, 2000);
    const id = await client.as.mutation(api.balanceRefunds.request, { amount: 1200 });
    await expect(admin.as.mutation(api.balanceRefunds.reject, { id, reason: "  " })).rejects.toMatchObject({ data: { field: "reason" } });
    await admin.as.mutation(api.balanceRefunds.reject, { id, reason: "Used for a session under dispute" });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 2000 });
    expect((await client.as.query(api.balanceRefunds.mine, {})).requests[0]).toMatchObject({ status: "rejected", rejectionReason: "Used for a session under dispute" });
    const audit = await t.run((ctx) => ctx.db.query("auditLog").withIndex("by_targetId", (q) => q.eq("targetId", id)).collect());
    expect(audit).toEqual([expect.objectContaining({ action: "balanceRefund.reject", before: expect.objectContaining({ status: "requested" }), after: expect.objectContaining({ status: "rejected" }) })]);
    await expect(t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("a client cancels only their own undecided request", async () => {
    const { t, client } = await world();
    const other = await makeUser(t, "client");
    await topUpByCard(t, client, 2000);
    const id = await client.as.mutation(api.balanceRefunds.request, { amount: 800 });
    await expect(other.as.mutation(api.balanceRefunds.cancel, { id })).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    await client.as.mutation(api.balanceRefunds.cancel, { id });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 2000 });
    await expect(client.as.mutation(api.balanceRefunds.cancel, { id })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
  });
});

describe("balanceRefunds authorization", () => {
  it("refuses advisors and anonymous callers on the client's side, and everyone but admins on the admin's", async () => {
    const { t, client } = await world();
    const advisor = await makeUser(t, "advisor");
    await topUpByCard(t, client, 2000);
    const id = await client.as.mutation(api.balanceRefunds.request, { amount: 800 });
    for (const caller of [advisor.as, t]) {
      const code = caller === t ? "UNAUTHENTICATED" : "FORBIDDEN";
      await expect(caller.query(api.balanceRefunds.mine, {})).rejects.toMatchObject({ data: { code } });
      await expect(caller.mutation(api.balanceRefunds.request, { amount: 500 })).rejects.toMatchObject({ data: { code } });
    }
    for (const caller of [client.as, advisor.as]) {
      await expect(caller.query(api.balanceRefunds.queue, { paginationOpts: { numItems: 5, cursor: null } })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(caller.mutation(api.balanceRefunds.approve, { id })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(caller.mutation(api.balanceRefunds.reject, { id, reason: "no" })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
      await expect(caller.mutation(api.balanceRefunds.retry, { id })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    }
    expect(await refunding(t, client.userId)).toBe(800);
  });
});

describe("balanceRefunds through Stripe", () => {
  let stripe: FakeStripe;
  beforeAll(async () => {
    stripe = await startFakeStripe();
  });
  afterAll(() => stripe.close());

  /** A Stripe-paid checkout credited by its webhook event, which names the PaymentIntent. */
  async function topUpOnStripe(t: TestConvex, client: Client, amount: number, paymentIntent: string) {
    const checkout = await t.run((ctx) => createCheckout(ctx, { userId: client.userId, amount, now: Date.now() }));
    expect(checkout.provider).toBe("stripe");
    const event = testCheckoutEvent({ eventId: `evt_${checkout._id}`, checkout, now: Date.now() });
    event.data.object.payment_intent = paymentIntent;
    expect(await (await deliver(t, event)).json()).toMatchObject({ credited: true });
    vi.advanceTimersByTime(60_000);
    return checkout._id;
  }
  /** Runs the jobs due now without firing the Stripe SDK's request timeout, as runAllTimers would. */
  const runJobs = (t: TestConvex) => t.finishAllScheduledFunctions(() => vi.advanceTimersByTime(1));

  beforeEach(() => {
    stripe.reset();
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_refunds");
    vi.stubEnv("STRIPE_API_BASE", stripe.base);
  });

  it("refunds each PaymentIntent, newest first, once per payment by its idempotency key", async () => {
    const { t, client, admin } = await world();
    const older = await topUpOnStripe(t, client, 1000, "pi_older");
    const newer = await topUpOnStripe(t, client, 2500, "pi_newer");
    const id = await client.as.mutation(api.balanceRefunds.request, { amount: 3000 });
    await admin.as.mutation(api.balanceRefunds.approve, { id });
    await runJobs(t);
    const refunds = stripe.calls.filter((c) => c.path === "/v1/refunds");
    expect(refunds.map((c) => [c.params.payment_intent, c.params.amount, c.idempotencyKey])).toEqual([
      ["pi_newer", "2500", `balanceRefund:${id}:${newer}`],
      ["pi_older", "500", `balanceRefund:${id}:${older}`],
    ]);
    const [request] = (await client.as.query(api.balanceRefunds.mine, {})).requests;
    expect(request).toMatchObject({ status: "refunded", refundedAmount: 3000 });
    const [row] = (await admin.as.query(api.balanceRefunds.queue, { paginationOpts: { numItems: 5, cursor: null } })).page;
    expect(row.parts.map((p) => p.providerRefundId)).toEqual([expect.stringMatching(/^re_fake_/), expect.stringMatching(/^re_fake_/)]);
    // The job running again (a retry after an outage) calls Stripe for nothing more.
    await t.action(internal.balanceRefunds.refundPayments, { id });
    expect(stripe.calls.filter((c) => c.path === "/v1/refunds")).toHaveLength(2);
    await expect(t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("a payment Stripe refuses to refund goes back to the wallet while the others are refunded", async () => {
    const { t, client, admin } = await world();
    const older = await topUpOnStripe(t, client, 1000, "pi_older");
    await topUpOnStripe(t, client, 1000, "pi_disputed");
    stripe.failNext("POST /v1/refunds", "Charge ch_1 has been charged back; cannot issue a refund.");
    const id = await client.as.mutation(api.balanceRefunds.request, { amount: 1500 });
    await admin.as.mutation(api.balanceRefunds.approve, { id });
    await runJobs(t);
    const [request] = (await client.as.query(api.balanceRefunds.mine, {})).requests;
    expect(request).toMatchObject({ status: "refunded", amount: 1500, refundedAmount: 500 });
    expect(request.parts.map((p) => [p.amount, p.status])).toEqual([
      [1000, "failed"],
      [500, "refunded"],
    ]);
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 1500 });
    expect(await checkoutOf(t, older)).toMatchObject({ refundedAmount: 500 });
    await expect(t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });
});
