import { v, type Infer } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { config } from "../lib/config";
import { chargeTestCard, type CardDeclineReason } from "../lib/payments/testCards";
import {
  clientQuery,
  httpAction,
  internalMutation,
  internalQuery,
  publicAction,
  requireUser,
} from "./functions";
import { appError } from "./errors";
import * as Payments from "./model/payments";
import { vCheckoutProvider, vCheckoutStatus } from "./model/ledgerSchema";

const vCheckoutSummary = v.object({
  _id: v.id("topUpCheckouts"),
  amount: v.number(),
  currency: v.string(),
  status: vCheckoutStatus,
  provider: vCheckoutProvider,
  failureMessage: v.optional(v.string()),
  createdAt: v.number(),
});

function summarize(checkout: Doc<"topUpCheckouts">) {
  const { _id, amount, currency, status, provider, failureMessage, createdAt } = checkout;
  return { _id, amount, currency, status, provider, failureMessage, createdAt };
}

// ---------------------------------------------------------------- starting a top-up

/**
 * Starts a top-up of `amount` minor units for the signed-in client and returns
 * where to pay: Stripe Checkout when Stripe is configured, the built-in test
 * checkout (/checkout/<id>) otherwise. Nothing is credited here.
 */
export const createTopUp = publicAction({
  args: { amount: v.number() },
  returns: v.object({ checkoutId: v.id("topUpCheckouts"), url: v.string() }),
  handler: async (ctx, { amount }): Promise<{ checkoutId: Id<"topUpCheckouts">; url: string }> => {
    const checkout: Doc<"topUpCheckouts"> = await ctx.runMutation(internal.payments.startCheckout, { amount });
    if (checkout.provider === "test") return { checkoutId: checkout._id, url: `/checkout/${checkout._id}` };

    const session = await Payments.stripeClient().checkout.sessions.create({
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: checkout.currency.toLowerCase(),
            unit_amount: checkout.amount,
            product_data: { name: "ExpertLine wallet top-up" },
          },
        },
      ],
      client_reference_id: checkout._id,
      metadata: { userId: checkout.userId, checkoutId: checkout._id },
      success_url: `${config.appUrl}/wallet?checkout=${checkout._id}`,
      cancel_url: `${config.appUrl}/wallet?checkout=cancelled`,
    });
    if (session.url === null) throw new Error(`Stripe returned no URL for checkout session ${session.id}`);
    await ctx.runMutation(internal.payments.attachStripeSession, { checkoutId: checkout._id, stripeSessionId: session.id });
    return { checkoutId: checkout._id, url: session.url };
  },
});

export const startCheckout = internalMutation({
  args: { amount: v.number() },
  handler: async (ctx, { amount }): Promise<Doc<"topUpCheckouts">> => {
    const user = await requireUser(ctx, ["client"]);
    return await Payments.createCheckout(ctx, { userId: user._id, amount, now: Date.now() });
  },
});

export const attachStripeSession = internalMutation({
  args: { checkoutId: v.id("topUpCheckouts"), stripeSessionId: v.string() },
  returns: v.null(),
  handler: async (ctx, { checkoutId, stripeSessionId }) => {
    await ctx.db.patch(checkoutId, { stripeSessionId, updatedAt: Date.now() });
    return null;
  },
});

/** The signed-in client's own checkout (for the checkout page and the return from Stripe); null if not theirs. */
export const getCheckout = clientQuery({
  args: { checkoutId: v.string() },
  returns: v.union(vCheckoutSummary, v.null()),
  handler: async (ctx, { checkoutId }) => {
    const checkout = await Payments.findOwnCheckout(ctx, checkoutId, ctx.user._id);
    return checkout === null ? null : summarize(checkout);
  },
});

// ---------------------------------------------------------------- built-in test checkout

/** The card form's field a decline is about, so the form shows it there. */
const vCardField = v.union(v.literal("cardNumber"), v.literal("expiry"), v.literal("cvc"));
const DECLINE_FIELD: Record<CardDeclineReason, Infer<typeof vCardField>> = {
  incorrect_number: "cardNumber",
  invalid_expiry: "expiry",
  expired_card: "expiry",
  incomplete_cvc: "cvc",
  card_declined: "cardNumber",
  insufficient_funds: "cardNumber",
  not_a_test_card: "cardNumber",
};

const vPayOutcome = v.union(
  v.object({ status: v.literal("succeeded") }),
  v.object({ status: v.literal("declined"), message: v.string(), field: vCardField }),
);

/** Generous bounds for what a person types into the test checkout's card form. */
const CARD_FIELDS = [
  { field: "cardNumber", label: "card number", max: 32 },
  { field: "expiry", label: "expiry date", max: 16 },
  { field: "cvc", label: "CVC", max: 8 },
  { field: "name", label: "name on the card", max: 200 },
] as const;

/**
 * Pays a test checkout like Stripe test mode: 4242… succeeds, 4000…0002 and
 * 4000…9995 are declined. A success is delivered as a signed
 * checkout.session.completed event to the real webhook endpoint, so the same
 * verification and crediting code runs as with Stripe.
 */
export const payTestCheckout = publicAction({
  args: {
    checkoutId: v.string(),
    cardNumber: v.string(),
    expiry: v.optional(v.string()),
    cvc: v.optional(v.string()),
    name: v.optional(v.string()),
  },
  returns: vPayOutcome,
  handler: async (ctx, args): Promise<Infer<typeof vPayOutcome>> => {
    for (const { field, label, max } of CARD_FIELDS) {
      if ((args[field]?.length ?? 0) > max) throw appError("INVALID_ARGUMENT", `The ${label} has at most ${max} characters.`, field);
    }
    const checkout: Doc<"topUpCheckouts"> = await ctx.runQuery(internal.payments.loadPayableTestCheckout, {
      checkoutId: args.checkoutId,
    });
    const now = Date.now();
    const outcome = chargeTestCard(args, now);
    if (!outcome.ok) {
      await ctx.runMutation(internal.payments.recordDecline, { checkoutId: checkout._id, message: outcome.message });
      return { status: "declined", message: outcome.message, field: DECLINE_FIELD[outcome.reason] };
    }

    const siteUrl = config.convexSiteUrl;
    const secret = Payments.webhookSecret();
    if (siteUrl === undefined || secret === undefined) {
      throw new Error("The test checkout needs CONVEX_SITE_URL and a webhook secret");
    }
    const payload = JSON.stringify(Payments.testCheckoutEvent({ eventId: `evt_test_${checkout._id}`, checkout, now }));
    const signature = await Payments.stripeClient().webhooks.generateTestHeaderStringAsync({
      payload,
      secret,
      timestamp: Math.floor(now / 1000),
      cryptoProvider: Payments.cryptoProvider,
    });
    const response = await fetch(`${siteUrl}${Payments.WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
      body: payload,
    });
    if (!response.ok) throw new Error(`Webhook delivery failed: ${response.status} ${await response.text()}`);
    const delivered = (await response.json()) as { credited?: boolean; reason?: string };
    // A repeated delivery of a checkout that is already credited is fine; anything else is a bug.
    if (delivered.credited !== true && delivered.reason !== "duplicate" && delivered.reason !== "already_paid") {
      throw new Error(`The webhook accepted the test payment but credited nothing (${delivered.reason ?? "unknown"})`);
    }
    return { status: "succeeded" };
  },
});

export const loadPayableTestCheckout = internalQuery({
  args: { checkoutId: v.string() },
  handler: async (ctx, { checkoutId }): Promise<Doc<"topUpCheckouts">> => {
    const user = await requireUser(ctx, ["client"]);
    const checkout = await Payments.loadOwnCheckoutOrThrow(ctx, checkoutId, user._id);
    if (checkout.provider !== "test" || Payments.stripeConfigured()) {
      throw appError("INVALID_ARGUMENT", "This checkout is paid on Stripe, not the test checkout.");
    }
    if (checkout.status === "paid") throw appError("CONFLICT", "This checkout is already paid.");
    return checkout;
  },
});

export const recordDecline = internalMutation({
  args: { checkoutId: v.id("topUpCheckouts"), message: v.string() },
  returns: v.null(),
  handler: async (ctx, { checkoutId, message }) => {
    // Like Stripe Checkout, a decline leaves the checkout open for another card.
    await ctx.db.patch(checkoutId, { failureMessage: message, updatedAt: Date.now() });
    return null;
  },
});

// ---------------------------------------------------------------- webhook

/** POST /stripe/webhook: verify the signature, then hand the event to one internal mutation. */
export const stripeWebhook = httpAction(async (ctx, request) => {
  const secret = Payments.webhookSecret();
  if (secret === undefined) return new Response("Stripe webhook secret is not configured", { status: 500 });
  const signature = request.headers.get("stripe-signature");
  if (signature === null) return new Response("Missing Stripe-Signature header", { status: 400 });
  const payload = await request.text();
  let completed: Payments.CompletedCheckout | null;
  try {
    const event = await Payments.stripeClient().webhooks.constructEventAsync(
      payload,
      signature,
      secret,
      undefined,
      Payments.cryptoProvider,
    );
    completed = Payments.completedCheckoutFromEvent(event);
  } catch {
    return new Response("Invalid Stripe signature", { status: 400 });
  }
  if (completed === null) return Response.json({ received: true, credited: false });
  const outcome = await ctx.runMutation(internal.payments.creditCompletedCheckout, completed);
  return Response.json({ received: true, ...outcome });
});

export const creditCompletedCheckout = internalMutation({
  args: {
    eventId: v.string(),
    sessionId: v.string(),
    checkoutId: v.optional(v.string()),
    userId: v.optional(v.string()),
    amount: v.number(),
    currency: v.string(),
    paid: v.boolean(),
    paymentIntentId: v.optional(v.string()),
  },
  returns: v.union(
    v.object({ credited: v.literal(true), transactionId: v.id("ledgerTransactions") }),
    v.object({
      credited: v.literal(false),
      reason: v.union(...Payments.CREDIT_REFUSALS.map((reason) => v.literal(reason))),
    }),
  ),
  handler: (ctx, event) => Payments.creditCheckout(ctx, event, Date.now()),
});

// ---------------------------------------------------------------- demo data

/**
 * Funds a demo client through the ledger (external payments → client cash),
 * idempotent by key `seed:<userId>:<n>` (n defaults to 1), so re-running the
 * seed never adds twice.
 */
export const grantDemoTopUp = internalMutation({
  args: { userId: v.id("users"), amount: v.number(), n: v.optional(v.number()) },
  returns: v.object({ transactionId: v.id("ledgerTransactions"), duplicate: v.boolean() }),
  handler: (ctx, { userId, amount, n }) => Payments.grantDemoTopUp(ctx, { userId, amount, n: n ?? 1, now: Date.now() }),
});
