/**
 * Wallet top-ups. Money enters a wallet only here: from a verified Stripe
 * `checkout.session.completed` event (real Stripe or the built-in test
 * checkout, which signs the same kind of event), from admin promo grants and
 * from demo seeding. The amount always comes from the event, never from the
 * browser.
 */
import Stripe from "stripe";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { config } from "../../lib/config";
import { formatMoney, isCents } from "../../lib/money";
import { validateTopUpAmount } from "../../lib/payments/topUp";
import { appError } from "../errors";
import { MAX_ID_TEXT_LENGTH } from "../validators";
import { recordAudit, requireReason } from "./audit";
import * as Ledger from "./ledger";
import { catchUpBeforeCredit } from "./sessionsLifecycle";
import { getSettings } from "./settings";

export const WEBHOOK_PATH = "/stripe/webhook";

export function stripeConfigured(): boolean {
  return config.services.stripe;
}

/**
 * The secret that signs webhook events: Stripe's, or the one `npm run dev` and
 * the e2e server generate for the test checkout. Never a built-in default, so a
 * deployment without it accepts no event at all.
 */
export function webhookSecret(): string | undefined {
  return config.stripeWebhookSecret;
}

/** A Stripe client that works in Convex's runtime (fetch and Web Crypto, no Node APIs). */
export function stripeClient(): Stripe {
  const base = config.stripeApiBase;
  return new Stripe(config.stripeSecretKey ?? "sk_test_not_configured", {
    httpClient: Stripe.createFetchHttpClient(),
    ...(base === undefined
      ? {}
      : { host: base.hostname, port: Number(base.port || (base.protocol === "https:" ? 443 : 80)), protocol: base.protocol === "https:" ? "https" : "http" }),
  });
}

export const cryptoProvider = Stripe.createSubtleCryptoProvider();

// ---------------------------------------------------------------- checkouts

/** The user's own checkout; someone else's is reported exactly like a missing one. */
export async function findOwnCheckout(
  ctx: QueryCtx,
  checkoutId: string,
  userId: Id<"users">,
): Promise<Doc<"topUpCheckouts"> | null> {
  if (checkoutId.length > MAX_ID_TEXT_LENGTH) throw appError("INVALID_ARGUMENT", "That is not a checkout id.");
  const id = ctx.db.normalizeId("topUpCheckouts", checkoutId);
  const checkout = id === null ? null : await ctx.db.get(id);
  return checkout === null || checkout.userId !== userId ? null : checkout;
}

export async function loadOwnCheckoutOrThrow(
  ctx: QueryCtx,
  checkoutId: string,
  userId: Id<"users">,
): Promise<Doc<"topUpCheckouts">> {
  const checkout = await findOwnCheckout(ctx, checkoutId, userId);
  if (checkout === null) throw appError("NOT_FOUND", "That checkout does not exist.");
  return checkout;
}

export async function createCheckout(
  ctx: MutationCtx,
  args: { userId: Id<"users">; amount: number; now: number },
): Promise<Doc<"topUpCheckouts">> {
  const settings = await getSettings(ctx);
  const valid = validateTopUpAmount(args.amount, settings);
  if (!valid.ok) throw appError("INVALID_ARGUMENT", valid.error, "amount");
  const recent = await ctx.db
    .query("topUpCheckouts")
    .withIndex("by_userId_and_createdAt", (q) => q.eq("userId", args.userId).gt("createdAt", args.now - 60 * 60 * 1000))
    .take(settings.topUpMaxPerHour + 1);
  if (recent.length >= settings.topUpMaxPerHour) {
    throw appError("RATE_LIMITED", "Too many top-ups started in the last hour. Try again later.");
  }
  const id = await ctx.db.insert("topUpCheckouts", {
    userId: args.userId,
    amount: args.amount,
    currency: settings.currency,
    provider: stripeConfigured() ? "stripe" : "test",
    status: "pending",
    createdAt: args.now,
    updatedAt: args.now,
  });
  return (await ctx.db.get(id))!;
}

/** What the webhook needs from a verified checkout event. */
export type CompletedCheckout = {
  eventId: string;
  sessionId: string;
  checkoutId?: string;
  userId?: string;
  amount: number;
  currency: string;
  paid: boolean;
  /** The payment a refund of unused balance goes back to. */
  paymentIntentId?: string;
};

const CREDITING_EVENTS = new Set(["checkout.session.completed", "checkout.session.async_payment_succeeded"]);

/** Picks the fields that matter out of a verified event; null for events that credit nothing. */
export function completedCheckoutFromEvent(event: Stripe.Event): CompletedCheckout | null {
  if (!CREDITING_EVENTS.has(event.type)) return null;
  const session = event.data.object as Stripe.Checkout.Session;
  if (session.amount_total === null || session.currency === null) return null;
  return {
    eventId: event.id,
    sessionId: session.id,
    checkoutId: session.metadata?.checkoutId ?? session.client_reference_id ?? undefined,
    userId: session.metadata?.userId,
    amount: session.amount_total,
    currency: session.currency.toUpperCase(),
    paid: session.payment_status === "paid",
    paymentIntentId: typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id,
  };
}

export const CREDIT_REFUSALS = ["duplicate", "not_paid", "unknown_checkout", "already_paid", "invalid_amount", "checkout_mismatch"] as const;
export type CreditRefusal = (typeof CREDIT_REFUSALS)[number];

export type CreditOutcome =
  | { credited: true; transactionId: Id<"ledgerTransactions"> }
  | { credited: false; reason: CreditRefusal };

/**
 * Credits a client's wallet for a verified, paid checkout: once per event
 * (ledger key `stripe:<eventId>`) and once per checkout, only for a checkout
 * this platform created for the user the event names, and only for exactly
 * the amount and currency that checkout asked for (SPEC §10).
 *
 * An event for another amount or currency credits nothing and is recorded in
 * `webhookRejections` (once per event) for an admin to reconcile. The webhook
 * still answers 200: Stripe retries any other answer for days, and a retry of
 * the same signed event can never match, so it would only repeat the refusal.
 */
export async function creditCheckout(ctx: MutationCtx, event: CompletedCheckout, now: number): Promise<CreditOutcome> {
  const key = `stripe:${event.eventId}`;
  if ((await Ledger.findTransactionByKey(ctx, key)) !== null) return { credited: false, reason: "duplicate" };
  if (!event.paid) return { credited: false, reason: "not_paid" };
  if (!isCents(event.amount) || event.amount <= 0) return { credited: false, reason: "invalid_amount" };
  const checkoutId = event.checkoutId === undefined ? null : ctx.db.normalizeId("topUpCheckouts", event.checkoutId);
  const checkout = checkoutId === null ? null : await ctx.db.get(checkoutId);
  if (checkout === null || checkout.userId !== event.userId) return { credited: false, reason: "unknown_checkout" };
  if (event.amount !== checkout.amount || event.currency !== checkout.currency) {
    await recordMismatch(ctx, event, checkout, now);
    return { credited: false, reason: "checkout_mismatch" };
  }
  if (checkout.status === "paid") return { credited: false, reason: "already_paid" };

  await catchUpBeforeCredit(ctx, checkout.userId, now);
  const { transactionId } = await Ledger.post(ctx, {
    key,
    type: "add",
    description: "Wallet top-up",
    currency: event.currency,
    entries: [
      { account: Ledger.EXTERNAL_PAYMENTS, amount: -event.amount },
      { account: Ledger.clientCash(checkout.userId), amount: event.amount },
    ],
    refs: { checkoutId: checkout._id, stripeSessionId: event.sessionId, stripeEventId: event.eventId },
    now,
  });
  await ctx.db.patch(checkout._id, {
    status: "paid",
    eventId: event.eventId,
    stripeSessionId: event.sessionId,
    transactionId,
    paymentIntentId: event.paymentIntentId,
    failureMessage: undefined,
    updatedAt: now,
  });
  return { credited: true, transactionId };
}

async function recordMismatch(ctx: MutationCtx, event: CompletedCheckout, checkout: Doc<"topUpCheckouts">, now: number) {
  const recorded = await ctx.db
    .query("webhookRejections")
    .withIndex("by_eventId", (q) => q.eq("eventId", event.eventId))
    .first();
  if (recorded !== null) return;
  await ctx.db.insert("webhookRejections", {
    eventId: event.eventId,
    checkoutId: checkout._id,
    userId: checkout.userId,
    stripeSessionId: event.sessionId,
    expected: { amount: checkout.amount, currency: checkout.currency },
    received: { amount: event.amount, currency: event.currency },
    at: now,
  });
}

/** The test checkout's stand-in for Stripe's PaymentIntent id, so refunds name a payment the same way. */
export function testPaymentIntentId(checkoutId: Id<"topUpCheckouts">): string {
  return `pi_test_${checkoutId}`;
}

/**
 * The event Stripe would send for a paid test checkout, shaped like the real
 * one (API object names, lower-case currency, amount in minor units).
 */
export function testCheckoutEvent(args: {
  eventId: string;
  checkout: Pick<Doc<"topUpCheckouts">, "_id" | "userId" | "amount" | "currency">;
  now: number;
}) {
  const created = Math.floor(args.now / 1000);
  const sessionId = `cs_test_${args.checkout._id}`;
  return {
    id: args.eventId,
    object: "event",
    api_version: "2025-01-27.acacia",
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "checkout.session.completed",
    data: {
      object: {
        id: sessionId,
        object: "checkout.session",
        mode: "payment",
        status: "complete",
        payment_status: "paid",
        amount_subtotal: args.checkout.amount,
        amount_total: args.checkout.amount,
        currency: args.checkout.currency.toLowerCase(),
        payment_intent: testPaymentIntentId(args.checkout._id),
        client_reference_id: args.checkout._id,
        metadata: { userId: args.checkout.userId, checkoutId: args.checkout._id },
        created,
        livemode: false,
      },
    },
  };
}

// ---------------------------------------------------------------- other credits

/** Funds a demo client through the ledger; idempotent per (user, n). */
export async function grantDemoTopUp(
  ctx: MutationCtx,
  args: { userId: Id<"users">; amount: number; n: number; now: number },
): Promise<Ledger.PostResult> {
  if (!isCents(args.amount) || args.amount <= 0) throw appError("INVALID_ARGUMENT", "A demo top-up must be a positive amount.");
  const settings = await getSettings(ctx);
  await catchUpBeforeCredit(ctx, args.userId, args.now);
  return await Ledger.post(ctx, {
    key: `seed:${args.userId}:${args.n}`,
    type: "add",
    description: "Demo top-up",
    currency: settings.currency,
    entries: [
      { account: Ledger.EXTERNAL_PAYMENTS, amount: -args.amount },
      { account: Ledger.clientCash(args.userId), amount: args.amount },
    ],
    refs: { seed: String(args.n) },
    now: args.now,
  });
}

const MAX_PROMO_REQUEST_ID_LENGTH = 100;

/**
 * Promo credit paid for by the platform, within the promoGrantMin…promoGrantMax
 * setting, written to the audit log with the promo balance before and after.
 * The caller checks the admin role.
 *
 * `requestId` makes a double submit grant once: the same id for the same user
 * and amount returns the first grant; the same id for another user or amount
 * is a CONFLICT, never a silent no-op.
 */
export async function grantPromo(
  ctx: MutationCtx,
  args: { userId: Id<"users">; amount: number; reason: string; requestId: string; adminId: Id<"users">; now: number },
): Promise<Ledger.PostResult> {
  const reason = requireReason(args.reason);
  if (args.requestId.trim() === "" || args.requestId.length > MAX_PROMO_REQUEST_ID_LENGTH) {
    throw appError("INVALID_ARGUMENT", `A request id of 1 to ${MAX_PROMO_REQUEST_ID_LENGTH} characters is required.`);
  }
  const key = `promo:${args.requestId}`;
  const existing = await Ledger.findTransactionByKey(ctx, key);
  if (existing !== null) {
    const entries = await ctx.db
      .query("ledgerEntries")
      .withIndex("by_transactionId", (q) => q.eq("transactionId", existing._id))
      .collect();
    const granted = entries.find((e) => e.accountKind === "client_promo");
    if (granted?.ownerId !== args.userId || granted.amount !== args.amount) {
      throw appError("CONFLICT", "This request id was already used for a different promo grant; start a new grant.");
    }
    return { transactionId: existing._id, duplicate: true };
  }
  const settings = await getSettings(ctx);
  if (!isCents(args.amount) || args.amount < settings.promoGrantMin || args.amount > settings.promoGrantMax) {
    const range = `${formatMoney(settings.promoGrantMin, settings.currency)} to ${formatMoney(settings.promoGrantMax, settings.currency)}`;
    throw appError("INVALID_ARGUMENT", `Promo credit must be a whole amount from ${range}.`, "amount");
  }
  const user = await ctx.db.get(args.userId);
  if (user === null) throw appError("NOT_FOUND", "That user does not exist.");
  if (user.role !== "client") throw appError("INVALID_ARGUMENT", "Promo credit can only be granted to clients.");
  await catchUpBeforeCredit(ctx, args.userId, args.now);
  const before = await Ledger.walletBalance(ctx, args.userId, settings.currency);
  const result = await Ledger.post(ctx, {
    key,
    type: "adjustment",
    description: `Promo credit: ${reason}`,
    currency: settings.currency,
    entries: [
      { account: Ledger.PLATFORM_REVENUE, amount: -args.amount },
      { account: Ledger.clientPromo(args.userId), amount: args.amount },
    ],
    refs: { reason },
    createdBy: args.adminId,
    now: args.now,
  });
  const after = await Ledger.walletBalance(ctx, args.userId, settings.currency);
  await recordAudit(
    ctx,
    {
      actorId: args.adminId,
      action: "ledger.grantPromo",
      targetType: "user",
      targetId: args.userId,
      before: { promo: before.promo },
      after: { promo: after.promo, amount: args.amount, transactionId: result.transactionId },
      reason,
    },
    args.now,
  );
  return result;
}

// ---------------------------------------------------------------- refunds to payments

export type PaymentToRefund = {
  provider: "stripe" | "test";
  checkoutId: Id<"topUpCheckouts">;
  amount: number;
  checkoutAmount: number;
  paymentIntentId?: string;
  stripeSessionId?: string;
};

/**
 * Refunds part of one card payment, idempotent by `idempotencyKey`: Stripe's
 * refund API with Stripe, or the test checkout's own payment without it,
 * which refuses what Stripe would (an unknown payment, more than it paid).
 * Never throws: a refusal comes back as a message for the request's record.
 */
export async function refundPayment(
  payment: PaymentToRefund,
  idempotencyKey: string,
): Promise<{ ok: true; providerRefundId: string } | { ok: false; message: string }> {
  if (!isCents(payment.amount) || payment.amount <= 0 || payment.amount > payment.checkoutAmount) {
    return { ok: false, message: "The refund is more than the payment." };
  }
  if (payment.provider === "test") {
    const expected = testPaymentIntentId(payment.checkoutId);
    if (payment.paymentIntentId !== undefined && payment.paymentIntentId !== expected) {
      return { ok: false, message: "No such test payment." };
    }
    return { ok: true, providerRefundId: `re_test_${idempotencyKey.replace(/[^A-Za-z0-9]/g, "_")}` };
  }
  if (!stripeConfigured()) return { ok: false, message: "Stripe is not configured, so this card payment cannot be refunded here." };
  try {
    const stripe = stripeClient();
    const paymentIntent =
      payment.paymentIntentId ??
      (payment.stripeSessionId === undefined ? undefined : (await stripe.checkout.sessions.retrieve(payment.stripeSessionId)).payment_intent);
    const intentId = typeof paymentIntent === "string" ? paymentIntent : paymentIntent?.id;
    if (intentId === undefined) return { ok: false, message: "Stripe has no payment for this checkout." };
    const refund = await stripe.refunds.create(
      { payment_intent: intentId, amount: payment.amount, metadata: { checkoutId: payment.checkoutId } },
      { idempotencyKey },
    );
    return { ok: true, providerRefundId: refund.id };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : "Stripe refused the refund." };
  }
}
