import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { auditLedger } from "./ledger.testkit";
import { startFakeStripe, type FakeStripe } from "./stripeApi.testkit";
import { availableEarnings, makeUser, newTest, type TestConvex } from "./test.factories";

let stripe: FakeStripe;
beforeAll(async () => {
  stripe = await startFakeStripe();
});
afterAll(() => stripe.close());

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-12-01T10:00:00Z"), toFake: ["Date", "setTimeout", "clearTimeout"] });
  stripe.reset();
  vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_payouts");
  vi.stubEnv("STRIPE_API_BASE", stripe.base);
  vi.stubEnv("APP_URL", "https://app.expertline.test");
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** An advisor with $30.00 available (posted directly: the release is not what is tested here) and bank details; an admin. */
async function world() {
  const t = newTest();
  const advisor = await makeUser(t, "advisor", "payee@example.com");
  const admin = await makeUser(t, "admin");
  await availableEarnings(t, advisor.userId, 3000);

  await advisor.as.mutation(api.withdrawals.saveBankDetails, { holderName: "Pat Payee", accountNumber: "GB33BUKB20201555555555" });
  return { t, advisor, admin };
}

/** Runs the scheduled jobs due now, without firing the Stripe SDK's 80 s request timeout that runAllTimers would. */
const runJobs = (t: TestConvex) => t.finishAllScheduledFunctions(() => vi.advanceTimersByTime(1));
const withdrawal = (t: TestConvex, id: Id<"withdrawals">) => t.run((ctx) => ctx.db.get(id));
const transfers = () => stripe.calls.filter((c) => c.path === "/v1/transfers");

async function onboard(s: Awaited<ReturnType<typeof world>>) {
  const { url } = await s.advisor.as.action(api.payouts.startStripeOnboarding, {});
  return url;
}

describe("payouts.startStripeOnboarding", () => {
  it("creates one Express account per advisor and returns Stripe's onboarding link", async () => {
    const s = await world();
    expect(await s.advisor.as.query(api.payouts.setup, {})).toEqual({ stripe: true, connected: false });
    const url = await onboard(s);
    expect(url).toMatch(/^https:\/\/connect\.stripe\.test\/setup\/acct_fake_\d+$/);
    expect(await s.advisor.as.query(api.payouts.setup, {})).toEqual({ stripe: true, connected: true });
    // A second start (the link expired) reuses the account.
    await onboard(s);
    const accounts = stripe.calls.filter((c) => c.path === "/v1/accounts");
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ idempotencyKey: `connect-account:${s.advisor.userId}`, params: { type: "express", email: "payee@example.com" } });
    const links = stripe.calls.filter((c) => c.path === "/v1/account_links");
    expect(links).toHaveLength(2);
    expect(links[0].params).toMatchObject({ type: "account_onboarding", return_url: "https://app.expertline.test/advisor/earnings?stripe=return" });
    // The account id never reaches the browser.
    expect(JSON.stringify(await s.advisor.as.query(api.withdrawals.bankDetails, {}))).not.toContain("acct_");
  });

  it("is refused without Stripe, without bank details, and for every role but advisors", async () => {
    const s = await world();
    const client = await makeUser(s.t, "client");
    const fresh = await makeUser(s.t, "advisor");
    await expect(fresh.as.action(api.payouts.startStripeOnboarding, {})).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(client.as.action(api.payouts.startStripeOnboarding, {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(s.admin.as.action(api.payouts.startStripeOnboarding, {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(s.t.action(api.payouts.startStripeOnboarding, {})).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    await expect(client.as.query(api.payouts.setup, {})).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    await expect(s.advisor.as.action(api.payouts.startStripeOnboarding, {})).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect(await s.advisor.as.query(api.payouts.setup, {})).toEqual({ stripe: false, connected: false });
    expect(stripe.calls).toEqual([]);
  });
});

describe("withdrawals through Stripe Connect", () => {
  it("an approval sends one transfer, idempotent by withdrawal id, and its success marks the withdrawal paid", async () => {
    const s = await world();
    await onboard(s);
    const id = await s.advisor.as.mutation(api.withdrawals.request, { amount: 2500 });
    await s.admin.as.mutation(api.withdrawals.approve, { id });
    // While Stripe pays, nobody marks it paid or rejects it by hand.
    await expect(s.admin.as.mutation(api.withdrawals.markPaid, { id })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await expect(s.admin.as.mutation(api.withdrawals.reject, { id, reason: "no" })).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    await runJobs(s.t);

    expect(transfers()).toEqual([
      expect.objectContaining({ idempotencyKey: `withdrawal:${id}:transfer`, params: expect.objectContaining({ amount: "2500", currency: "usd", destination: expect.stringMatching(/^acct_fake_/) }) }),
    ]);
    expect(await withdrawal(s.t, id)).toMatchObject({ status: "paid", stripeTransferId: expect.stringMatching(/^tr_fake_/) });
    expect(await s.advisor.as.query(api.earningsDashboard.overview, {})).toMatchObject({ available: 500, withdrawing: 0, paidOut: 2500 });
    // The transfer job running again (a retry) sends nothing more.
    await s.t.action(internal.payouts.transfer, { withdrawalId: id });
    expect(transfers()).toHaveLength(1);
    await expect(s.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("a refused transfer is shown to the admin, who may then reject it and the amount returns to available", async () => {
    const s = await world();
    await onboard(s);
    const id = await s.advisor.as.mutation(api.withdrawals.request, { amount: 2000 });
    stripe.failNext("POST /v1/transfers", "Your destination account needs to have at least one of the following capabilities enabled: transfers");
    await s.admin.as.mutation(api.withdrawals.approve, { id });
    await runJobs(s.t);
    const [row] = (await s.admin.as.query(api.withdrawals.queue, { paginationOpts: { numItems: 5, cursor: null }, status: "approved" })).page;
    expect(row).toMatchObject({ _id: id, viaStripe: true, transferFailure: expect.stringContaining("capabilities") });
    await s.admin.as.mutation(api.withdrawals.reject, { id, reason: "The Stripe account is not ready; set it up and ask again." });
    expect(await s.advisor.as.query(api.earningsDashboard.overview, {})).toMatchObject({ available: 3000, withdrawing: 0, paidOut: 0 });
    await expect(s.t.run((ctx) => auditLedger(ctx))).resolves.toMatchObject({ ok: true });
  });

  it("without a connected account an approval waits for an admin to mark it paid, and Stripe is not called", async () => {
    const s = await world();
    const id = await s.advisor.as.mutation(api.withdrawals.request, { amount: 2000 });
    await s.admin.as.mutation(api.withdrawals.approve, { id });
    await runJobs(s.t);
    expect(await withdrawal(s.t, id)).toMatchObject({ status: "approved", viaStripe: false });
    await s.admin.as.mutation(api.withdrawals.markPaid, { id });
    expect(await withdrawal(s.t, id)).toMatchObject({ status: "paid" });
    expect(transfers()).toEqual([]);
  });
});
