import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { TEST_WEBHOOK_SECRET, completedEvent, deliver } from "./ledger.testkit";
import { fund, makeUser, newTest, wallet, type TestConvex } from "./test.factories";

const SITE_URL = "https://expertline-test.convex.site";

/** Routes the action's POST to the deployment's site URL into the test's HTTP router. */
function routeSiteFetchTo(t: TestConvex) {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    calls.push(url.href);
    if (url.origin !== SITE_URL) throw new Error(`unexpected fetch to ${url.href}`);
    return await t.fetch(url.pathname, init);
  });
  return calls;
}

async function newCheckout(t: TestConvex, amount = 2500) {
  const client = await makeUser(t, "client", "cora@example.com");
  const { checkoutId, url } = await client.as.action(api.payments.createTopUp, { amount });
  return { client, checkoutId, url };
}

async function countTopUps(t: TestConvex) {
  return (await t.run((ctx) => ctx.db.query("ledgerTransactions").withIndex("by_type_and_at", (q) => q.eq("type", "add")).collect())).length;
}

beforeEach(() => {
  vi.stubEnv("CONVEX_SITE_URL", SITE_URL);
  vi.stubEnv("STRIPE_SECRET_KEY", "");
  vi.stubEnv("STRIPE_WEBHOOK_SECRET", TEST_WEBHOOK_SECRET);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe("payments.createTopUp", () => {
  it("opens a test checkout without crediting anything", async () => {
    const t = newTest();
    const { client, checkoutId, url } = await newCheckout(t, 2500);
    expect(url).toBe(`/checkout/${checkoutId}`);
    expect(await client.as.query(api.payments.getCheckout, { checkoutId })).toMatchObject({
      amount: 2500,
      currency: "USD",
      status: "pending",
      provider: "test",
    });
    expect(await wallet(t, client.userId)).toMatchObject({ available: 0 });
  });

  it.each([
    [499, "The smallest top-up is $5.00."],
    [100001, "The largest top-up is $1,000.00."],
    [0, "Enter an amount to add."],
    [12.5, "Enter an amount to add."],
  ])("refuses %d cents with a clear message naming the amount field", async (amount, message) => {
    const t = newTest();
    const client = await makeUser(t, "client", "cora@example.com");
    await expect(client.as.action(api.payments.createTopUp, { amount })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT", message, field: "amount" },
    });
  });

  it("takes its limits from platformSettings", async () => {
    const t = newTest();
    const client = await makeUser(t, "client", "cora@example.com");
    await t.run((ctx) => ctx.db.insert("platformSettings", { topUpMin: 2000, updatedAt: Date.now() }));
    await expect(client.as.action(api.payments.createTopUp, { amount: 1000 })).rejects.toMatchObject({
      data: { message: "The smallest top-up is $20.00." },
    });
    await expect(client.as.action(api.payments.createTopUp, { amount: 2000 })).resolves.toMatchObject({});
  });

  it("limits how many top-ups a client starts per hour", async () => {
    const t = newTest();
    const client = await makeUser(t, "client", "cora@example.com");
    await t.run((ctx) => ctx.db.insert("platformSettings", { topUpMaxPerHour: 2, updatedAt: Date.now() }));
    await client.as.action(api.payments.createTopUp, { amount: 1000 });
    await client.as.action(api.payments.createTopUp, { amount: 1000 });
    await expect(client.as.action(api.payments.createTopUp, { amount: 1000 })).rejects.toMatchObject({
      data: { code: "RATE_LIMITED" },
    });
  });

  it.each([
    ["advisor", "FORBIDDEN"],
    ["admin", "FORBIDDEN"],
  ] as const)("refuses an %s", async (role, code) => {
    const t = newTest();
    const user = await makeUser(t, role, "someone@example.com");
    await expect(user.as.action(api.payments.createTopUp, { amount: 2500 })).rejects.toMatchObject({ data: { code } });
  });

  it("refuses a visitor", async () => {
    const t = newTest();
    await expect(t.action(api.payments.createTopUp, { amount: 2500 })).rejects.toMatchObject({
      data: { code: "UNAUTHENTICATED" },
    });
  });

  it("creates a Stripe Checkout Session for the server's amount when Stripe is configured", async () => {
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_configured");
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", "whsec_configured");
    const t = newTest();
    const client = await makeUser(t, "client", "cora@example.com");
    const requests: { url: string; body: URLSearchParams }[] = [];
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push({ url: input.toString(), body: new URLSearchParams(String(init?.body)) });
      return Response.json({ id: "cs_test_from_stripe", object: "checkout.session", url: "https://checkout.stripe.com/c/pay/cs_test_from_stripe" });
    });
    const { checkoutId, url } = await client.as.action(api.payments.createTopUp, { amount: 5000 });
    expect(url).toBe("https://checkout.stripe.com/c/pay/cs_test_from_stripe");
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe("https://api.stripe.com/v1/checkout/sessions");
    const body = requests[0].body;
    expect(body.get("line_items[0][price_data][unit_amount]")).toBe("5000");
    expect(body.get("line_items[0][price_data][currency]")).toBe("usd");
    expect(body.get("metadata[userId]")).toBe(client.userId);
    expect(body.get("metadata[checkoutId]")).toBe(checkoutId);
    expect(await t.run((ctx) => ctx.db.get(checkoutId))).toMatchObject({ provider: "stripe", stripeSessionId: "cs_test_from_stripe" });

    // Coming back from Stripe credits nothing; the verified webhook does.
    expect(await wallet(t, client.userId)).toMatchObject({ available: 0 });
    const event = completedEvent({ eventId: "evt_real_1", checkoutId, userId: client.userId, amount: 5000 });
    expect((await deliver(t, event)).status).toBe(400); // the local secret is not the configured one
    expect((await deliver(t, event, { secret: "whsec_configured" })).status).toBe(200);
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 5000, available: 5000 });
  });
});

describe("payments.payTestCheckout", () => {
  const card = { expiry: "12/40", cvc: "123", name: "Cora" };

  it("credits the wallet through the signed webhook for the success card", async () => {
    const t = newTest();
    const calls = routeSiteFetchTo(t);
    const { client, checkoutId } = await newCheckout(t, 2500);
    const outcome = await client.as.action(api.payments.payTestCheckout, { checkoutId, cardNumber: "4242 4242 4242 4242", ...card });
    expect(outcome).toEqual({ status: "succeeded" });
    expect(calls).toEqual([`${SITE_URL}/stripe/webhook`]);
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 2500, available: 2500 });
    expect(await client.as.query(api.payments.getCheckout, { checkoutId })).toMatchObject({ status: "paid" });
    const history = await client.as.query(api.wallets.history, { paginationOpts: { numItems: 10, cursor: null } });
    expect(history.page).toMatchObject([{ type: "add", amount: 2500, account: "client_cash", description: "Wallet top-up" }]);
  });

  it.each([
    ["4000 0000 0000 0002", {}, "Your card was declined.", "cardNumber"],
    ["4000 0000 0000 9995", {}, "Your card has insufficient funds.", "cardNumber"],
    ["4242 4242 4242 4241", {}, "Your card number is incorrect.", "cardNumber"],
    ["4242 4242 4242 4242", { expiry: "13/30" }, "Your card's expiration date is invalid.", "expiry"],
    ["4242 4242 4242 4242", { expiry: "01/20" }, "Your card has expired.", "expiry"],
    ["4242 4242 4242 4242", { cvc: "1" }, "Your card's security code is incomplete.", "cvc"],
  ])("declines %s %j with %j at the field %s and credits nothing", async (cardNumber, fields, message, field) => {
    const t = newTest();
    const calls = routeSiteFetchTo(t);
    const { client, checkoutId } = await newCheckout(t, 2500);
    const outcome = await client.as.action(api.payments.payTestCheckout, { checkoutId, cardNumber, ...card, ...fields });
    expect(outcome).toEqual({ status: "declined", message, field });
    expect(calls).toEqual([]);
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0, available: 0 });
    expect(await client.as.query(api.payments.getCheckout, { checkoutId })).toMatchObject({ status: "pending", failureMessage: message });

    // The checkout stays open for another card, as on Stripe.
    await client.as.action(api.payments.payTestCheckout, { checkoutId, cardNumber: "4242424242424242", ...card });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 2500 });
  });

  it("refuses to pay a checkout twice and credits once", async () => {
    const t = newTest();
    routeSiteFetchTo(t);
    const { client, checkoutId } = await newCheckout(t, 1000);
    await client.as.action(api.payments.payTestCheckout, { checkoutId, cardNumber: "4242424242424242", ...card });
    await expect(
      client.as.action(api.payments.payTestCheckout, { checkoutId, cardNumber: "4242424242424242", ...card }),
    ).rejects.toMatchObject({ data: { code: "CONFLICT" } });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 1000 });
  });

  it("fails loudly when the delivered event credits nothing", async () => {
    const t = newTest();
    const { client, checkoutId } = await newCheckout(t, 1000);
    vi.stubGlobal("fetch", async () => Response.json({ received: true, credited: false, reason: "unknown_checkout" }));
    await expect(
      client.as.action(api.payments.payTestCheckout, { checkoutId, cardNumber: "4242424242424242", ...card }),
    ).rejects.toThrow();
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0 });
  });

  it("does not accept an amount from the browser", async () => {
    const t = newTest();
    routeSiteFetchTo(t);
    const { client, checkoutId } = await newCheckout(t, 1000);
    await expect(
      client.as.action(api.payments.payTestCheckout, {
        checkoutId,
        cardNumber: "4242424242424242",
        amount: 999_999,
      } as never),
    ).rejects.toThrow(/amount/);
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0 });
  });

  it("does not let another client see or pay someone's checkout", async () => {
    const t = newTest();
    routeSiteFetchTo(t);
    const { client, checkoutId } = await newCheckout(t, 1000);
    const mallory = await makeUser(t, "client", "mallory@example.com");
    expect(await mallory.as.query(api.payments.getCheckout, { checkoutId })).toBeNull();
    await expect(
      mallory.as.action(api.payments.payTestCheckout, { checkoutId, cardNumber: "4242424242424242", ...card }),
    ).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0 });
    expect(await wallet(t, mallory.userId)).toMatchObject({ cash: 0 });
  });

  it("finds nothing for an id that is not a checkout", async () => {
    const t = newTest();
    routeSiteFetchTo(t);
    const client = await makeUser(t, "client", "cora@example.com");
    expect(await client.as.query(api.payments.getCheckout, { checkoutId: "nonsense" })).toBeNull();
    await expect(
      client.as.action(api.payments.payTestCheckout, { checkoutId: "nonsense", cardNumber: "4242424242424242" }),
    ).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
  });

  it.each([
    ["checkout id", { checkoutId: "k".repeat(10_000) }],
    ["card number", { cardNumber: "4".repeat(10_000) }],
    ["expiry date", { expiry: "1".repeat(17) }],
    ["CVC", { cvc: "1".repeat(9) }],
    ["name on the card", { name: "n".repeat(201) }],
  ])("refuses an over-long %s before anything else", async (_name, change) => {
    const t = newTest();
    const calls = routeSiteFetchTo(t);
    const { client, checkoutId } = await newCheckout(t, 1000);
    await expect(
      client.as.action(api.payments.payTestCheckout, { checkoutId, cardNumber: "4242424242424242", ...card, ...change }),
    ).rejects.toMatchObject({ data: { code: "INVALID_ARGUMENT" } });
    expect(calls).toEqual([]);
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0 });
  });

  it("refuses to look up an over-long checkout id", async () => {
    const t = newTest();
    const client = await makeUser(t, "client", "cora@example.com");
    await expect(client.as.query(api.payments.getCheckout, { checkoutId: "k".repeat(10_000) })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT" },
    });
  });

  it("is refused to advisors and visitors", async () => {
    const t = newTest();
    routeSiteFetchTo(t);
    const { checkoutId } = await newCheckout(t, 1000);
    const advisor = await makeUser(t, "advisor", "avery@example.com");
    const pay = { checkoutId, cardNumber: "4242424242424242" };
    await expect(advisor.as.action(api.payments.payTestCheckout, pay)).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
    await expect(t.action(api.payments.payTestCheckout, pay)).rejects.toMatchObject({ data: { code: "UNAUTHENTICATED" } });
    await expect(advisor.as.query(api.payments.getCheckout, { checkoutId })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });
});

describe("POST /stripe/webhook", () => {
  async function pendingCheckout(t: TestConvex, amount = 2500) {
    const { client, checkoutId } = await newCheckout(t, amount);
    return { client, checkoutId: checkoutId as Id<"topUpCheckouts"> };
  }

  it("credits a valid event once", async () => {
    const t = newTest();
    const { client, checkoutId } = await pendingCheckout(t);
    const response = await deliver(t, completedEvent({ eventId: "evt_1", checkoutId, userId: client.userId, amount: 2500 }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, credited: true });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 2500 });
    const tx = await t.run((ctx) => ctx.db.query("ledgerTransactions").withIndex("by_key", (q) => q.eq("key", "stripe:evt_1")).unique());
    expect(tx).toMatchObject({ type: "add", amount: 2500, refs: { checkoutId, stripeEventId: "evt_1" } });
  });

  it("credits once when the same event is delivered 100 times", async () => {
    const t = newTest();
    const { client, checkoutId } = await pendingCheckout(t);
    const event = completedEvent({ eventId: "evt_dup", checkoutId, userId: client.userId, amount: 2500 });
    const statuses = [];
    for (let i = 0; i < 100; i++) statuses.push((await deliver(t, event)).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 2500 });
    expect(await countTopUps(t)).toBe(1);
  }, 30_000);

  it("credits a checkout once even if Stripe reports it in two different events", async () => {
    const t = newTest();
    const { client, checkoutId } = await pendingCheckout(t);
    await deliver(t, completedEvent({ eventId: "evt_a", checkoutId, userId: client.userId, amount: 2500 }));
    const second = await deliver(t, completedEvent({ eventId: "evt_b", checkoutId, userId: client.userId, amount: 2500, type: "checkout.session.async_payment_succeeded" }));
    expect(await second.json()).toMatchObject({ credited: false, reason: "already_paid" });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 2500 });
  });

  it("refuses a tampered payload with 400 and credits nothing", async () => {
    const t = newTest();
    const { client, checkoutId } = await pendingCheckout(t);
    const event = completedEvent({ eventId: "evt_t", checkoutId, userId: client.userId, amount: 2500 });
    const response = await deliver(t, event, { tamper: (payload) => payload.replace('"amount_total":2500', '"amount_total":250000') });
    expect(response.status).toBe(400);
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0 });
    expect(await countTopUps(t)).toBe(0);
  });

  it("refuses an event signed with the wrong secret with 400 and credits nothing", async () => {
    const t = newTest();
    const { client, checkoutId } = await pendingCheckout(t);
    const response = await deliver(t, completedEvent({ eventId: "evt_w", checkoutId, userId: client.userId, amount: 2500 }), {
      secret: "whsec_wrong",
    });
    expect(response.status).toBe(400);
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0 });
  });

  it("accepts no event at all while no webhook secret is configured", async () => {
    const t = newTest();
    const { client, checkoutId } = await pendingCheckout(t);
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", "");
    for (const secret of ["whsec_expertline_local_test_checkout", TEST_WEBHOOK_SECRET]) {
      const response = await deliver(t, completedEvent({ eventId: `evt_n${secret}`, checkoutId, userId: client.userId, amount: 2500 }), { secret });
      expect({ secret, status: response.status }).toEqual({ secret, status: 500 });
    }
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0 });
    expect(await countTopUps(t)).toBe(0);
  });

  it("refuses an unsigned or stale delivery with 400", async () => {
    const t = newTest();
    const { client, checkoutId } = await pendingCheckout(t);
    const event = completedEvent({ eventId: "evt_s", checkoutId, userId: client.userId, amount: 2500 });
    const unsigned = await t.fetch("/stripe/webhook", { method: "POST", body: JSON.stringify(event) });
    expect(unsigned.status).toBe(400);
    const stale = await deliver(t, event, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.status).toBe(400);
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0 });
  });

  it("answers 500 and credits nothing when Stripe is configured without a webhook secret", async () => {
    const t = newTest();
    const { client, checkoutId } = await pendingCheckout(t);
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_test_configured");
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", "");
    const response = await deliver(t, completedEvent({ eventId: "evt_nosecret", checkoutId, userId: client.userId, amount: 2500 }));
    expect(response.status).toBe(500);
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0 });
  });

  async function rejections(t: TestConvex) {
    return await t.run((ctx) => ctx.db.query("webhookRejections").collect());
  }

  it("credits nothing for a signed 90,000 EUR event on a 500 USD checkout, records it once and answers 200", async () => {
    const t = newTest();
    const { client, checkoutId } = await pendingCheckout(t, 50_000);
    const event = completedEvent({ eventId: "evt_eur", checkoutId, userId: client.userId, amount: 9_000_000, currency: "eur" });
    for (let delivery = 0; delivery < 2; delivery++) {
      const response = await deliver(t, event);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ received: true, credited: false, reason: "checkout_mismatch" });
    }
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0, available: 0 });
    expect(await countTopUps(t)).toBe(0);
    expect(await rejections(t)).toMatchObject([
      {
        eventId: "evt_eur",
        checkoutId,
        userId: client.userId,
        expected: { amount: 50_000, currency: "USD" },
        received: { amount: 9_000_000, currency: "EUR" },
      },
    ]);
    expect(await t.run((ctx) => ctx.db.get(checkoutId))).toMatchObject({ status: "pending" });
  });

  it.each([
    ["a smaller amount", { amount: 1000 }],
    ["a larger amount", { amount: 2501 }],
    ["another currency", { currency: "eur" }],
  ])("credits nothing for an event with %s than its checkout asked for", async (_name, change) => {
    const t = newTest();
    const { client, checkoutId } = await pendingCheckout(t, 2500);
    const response = await deliver(t, completedEvent({ eventId: "evt_diff", checkoutId, userId: client.userId, amount: 2500, ...change }));
    expect(await response.json()).toMatchObject({ credited: false, reason: "checkout_mismatch" });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0 });
    expect(await rejections(t)).toHaveLength(1);
  });

  it("still credits the checkout's own event after refusing a mismatched one", async () => {
    const t = newTest();
    const { client, checkoutId } = await pendingCheckout(t, 2500);
    await deliver(t, completedEvent({ eventId: "evt_bad", checkoutId, userId: client.userId, amount: 250_000 }));
    const response = await deliver(t, completedEvent({ eventId: "evt_good", checkoutId, userId: client.userId, amount: 2500 }));
    expect(await response.json()).toMatchObject({ credited: true });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 2500 });
    expect(await t.run((ctx) => ctx.db.get(checkoutId))).toMatchObject({ status: "paid", eventId: "evt_good" });
  });

  it("credits nothing for an unpaid session, an unknown checkout or a different user", async () => {
    const t = newTest();
    const { client, checkoutId } = await pendingCheckout(t);
    const other = await makeUser(t, "client", "other@example.com");
    const outcomes = [];
    for (const event of [
      completedEvent({ eventId: "e1", checkoutId, userId: client.userId, amount: 2500, paymentStatus: "unpaid" }),
      completedEvent({ eventId: "e2", checkoutId: "not-a-checkout", userId: client.userId, amount: 2500 }),
      completedEvent({ eventId: "e3", checkoutId, userId: other.userId, amount: 2500 }),
    ]) {
      const response = await deliver(t, event);
      expect(response.status).toBe(200);
      outcomes.push(await response.json());
    }
    expect(outcomes.map((o) => o.reason)).toEqual(["not_paid", "unknown_checkout", "unknown_checkout"]);
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0 });
    expect(await wallet(t, other.userId)).toMatchObject({ cash: 0 });
  });

  it("acknowledges other event types without crediting", async () => {
    const t = newTest();
    const { client, checkoutId } = await pendingCheckout(t);
    const response = await deliver(t, completedEvent({ eventId: "e4", checkoutId, userId: client.userId, amount: 2500, type: "checkout.session.expired" }));
    expect(response.status).toBe(200);
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 0 });
  });
});

describe("payments.grantDemoTopUp", () => {
  it("funds a client through the ledger once per (user, n)", async () => {
    const t = newTest();
    const client = await makeUser(t, "client", "demo@example.com");
    await t.mutation(internal.payments.grantDemoTopUp, { userId: client.userId, amount: 5000 });
    await t.mutation(internal.payments.grantDemoTopUp, { userId: client.userId, amount: 5000 });
    await t.mutation(internal.payments.grantDemoTopUp, { userId: client.userId, amount: 2000, n: 2 });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 7000 });
    const keys = (await t.run((ctx) => ctx.db.query("ledgerTransactions").collect())).map((tx) => tx.key);
    expect(keys).toEqual([`seed:${client.userId}:1`, `seed:${client.userId}:2`]);
  });

  it("refuses an amount that is not positive", async () => {
    const t = newTest();
    const client = await makeUser(t, "client", "demo@example.com");
    await fund(t, client.userId, 100);
    await expect(t.mutation(internal.payments.grantDemoTopUp, { userId: client.userId, amount: -50 })).rejects.toMatchObject({
      data: { code: "INVALID_ARGUMENT" },
    });
    expect(await wallet(t, client.userId)).toMatchObject({ cash: 100 });
  });
});
