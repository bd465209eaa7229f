/**
 * Helpers for the wallet, ledger and payments tests (two dots in the name:
 * Convex never deploys this file).
 */
/// <reference types="vite/client" />
import Stripe from "stripe";
import { convexTest } from "convex-test";
import schema from "./schema";
import type { Id } from "./_generated/dataModel";
import * as Ledger from "./model/ledger";
import { WEBHOOK_PATH, cryptoProvider } from "./model/payments";

/** What the tests configure as STRIPE_WEBHOOK_SECRET. */
export const TEST_WEBHOOK_SECRET = "whsec_test_expertline_backend_tests";

export const modules = import.meta.glob("./**/*.ts");

export function newTest() {
  return convexTest(schema, modules);
}
export type TestConvex = ReturnType<typeof newTest>;
export type Role = "client" | "advisor" | "admin";

export async function makeUser(t: TestConvex, name: string, role: Role = "client") {
  const tokenIdentifier = `https://auth.test.localhost|${name}`;
  const userId: Id<"users"> = await t.run((ctx) =>
    ctx.db.insert("users", { tokenIdentifier, name, email: `${name}@example.com`, role }),
  );
  return { userId, as: t.withIdentity({ tokenIdentifier, subject: name, issuer: "https://auth.test.localhost", name }) };
}

export async function fund(t: TestConvex, userId: Id<"users">, amount: number, key = `test:fund:${userId}:${amount}`) {
  return await t.run((ctx) =>
    Ledger.post(ctx, {
      key,
      type: "add",
      description: "Test funding",
      currency: "USD",
      entries: [
        { account: Ledger.EXTERNAL_PAYMENTS, amount: -amount },
        { account: Ledger.clientCash(userId), amount },
      ],
      now: Date.now(),
    }),
  );
}

export async function walletOf(t: TestConvex, userId: Id<"users">) {
  return await t.run((ctx) => Ledger.walletBalance(ctx, userId, "USD"));
}

const stripe = new Stripe("sk_test_unused", { httpClient: Stripe.createFetchHttpClient() });

/** A signed POST of `event` to the webhook, as Stripe sends it. */
export async function deliver(
  t: TestConvex,
  event: unknown,
  options: { secret?: string; timestamp?: number; tamper?: (payload: string) => string } = {},
) {
  const payload = JSON.stringify(event);
  const signature = await stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret: options.secret ?? TEST_WEBHOOK_SECRET,
    timestamp: options.timestamp,
    cryptoProvider,
  });
  return await t.fetch(WEBHOOK_PATH, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
    body: options.tamper ? options.tamper(payload) : payload,
  });
}

/** A checkout.session.completed event as Stripe shapes it. */
export function completedEvent(args: {
  eventId: string;
  checkoutId: string;
  userId: string;
  amount: number;
  /** Lower case, as Stripe sends it; "usd" unless given. */
  currency?: string;
  paymentStatus?: "paid" | "unpaid";
  type?: string;
}) {
  return {
    id: args.eventId,
    object: "event",
    type: args.type ?? "checkout.session.completed",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: {
      object: {
        id: `cs_test_${args.checkoutId}`,
        object: "checkout.session",
        amount_total: args.amount,
        currency: args.currency ?? "usd",
        payment_status: args.paymentStatus ?? "paid",
        status: "complete",
        client_reference_id: args.checkoutId,
        metadata: { userId: args.userId, checkoutId: args.checkoutId },
      },
    },
  };
}
