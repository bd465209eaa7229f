/**
 * The ledger's test oracle and the Stripe webhook helpers (two dots in the
 * name: Convex never deploys this file). Users, funding and wallets are
 * test.factories.ts.
 */
/// <reference types="vite/client" />
import Stripe from "stripe";
import type { Id } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import type { TestConvex } from "./test.factories";
import * as Ledger from "./model/ledger";
import { WEBHOOK_PATH, cryptoProvider } from "./model/payments";

/** What the tests configure as STRIPE_WEBHOOK_SECRET. */
export const TEST_WEBHOOK_SECRET = "whsec_test_expertline_backend_tests";

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

export type LedgerAuditReport = {
  ok: boolean;
  accounts: number;
  transactions: number;
  entries: number;
  totals: { currency: string; total: number }[];
  problems: Ledger.AuditProblem[];
};

/**
 * The tests' oracle for the ledger's invariants (SPEC §2): reads the whole
 * ledger at once and checks it from scratch, sharing no code with the
 * production audit (model/ledger/audit.ts and the batched auditRun.ts), so
 * the two can be compared. Each transaction sums to zero; each balance equals
 * the sum of its entries and each `held` the sum of its active holds; every
 * currency's balances sum to zero; no client wallet account is negative, nor
 * a wallet's cash + promo − held.
 */
export async function auditLedger(ctx: QueryCtx): Promise<LedgerAuditReport> {
  const accounts = await ctx.db.query("ledgerAccounts").collect();
  const entries = await ctx.db.query("ledgerEntries").collect();
  const holds = await ctx.db.query("ledgerHolds").collect();
  const sumBy = <T,>(rows: T[], keyOf: (row: T) => string, amountOf: (row: T) => number) => {
    const sums = new Map<string, number>();
    for (const row of rows) sums.set(keyOf(row), (sums.get(keyOf(row)) ?? 0) + amountOf(row));
    return sums;
  };
  const entrySums = sumBy(entries, (e) => e.accountId, (e) => e.amount);
  const heldSums = sumBy(holds.filter((h) => h.status === "active"), (h) => h.accountId, (h) => h.amount);
  const transactionSums = sumBy(entries, (e) => e.transactionId, (e) => e.amount);
  const currencyOf = new Map(entries.map((e) => [e.transactionId as string, e.currency]));
  const totals = sumBy(accounts, (a) => a.currency, (a) => a.balance);

  const problems: Ledger.AuditProblem[] = [];
  for (const account of accounts) {
    const base = { currency: account.currency, accountId: account._id, ownerId: account.ownerId, kind: account.kind };
    const entrySum = entrySums.get(account._id) ?? 0;
    const held = heldSums.get(account._id) ?? 0;
    if (account.balance !== entrySum) problems.push({ ...base, problem: "balance_mismatch", expected: entrySum, actual: account.balance });
    if (account.held !== held) problems.push({ ...base, problem: "held_mismatch", expected: held, actual: account.held });
    const wallet = account.kind === "client_cash" || account.kind === "client_promo";
    if (wallet && account.balance < 0) problems.push({ ...base, problem: "negative_wallet", expected: 0, actual: account.balance });
    if (account.kind === "client_cash") {
      const promo = accounts.find((a) => a.kind === "client_promo" && a.ownerId === account.ownerId && a.currency === account.currency);
      const spendable = account.balance + (promo?.balance ?? 0) - account.held;
      if (spendable < 0) {
        problems.push({ problem: "negative_wallet", currency: account.currency, ownerId: account.ownerId, expected: 0, actual: spendable });
      }
    }
  }
  for (const [transactionId, sum] of transactionSums) {
    if (sum !== 0) {
      problems.push({
        problem: "unbalanced_transaction",
        currency: currencyOf.get(transactionId)!,
        transactionId: transactionId as Id<"ledgerTransactions">,
        expected: 0,
        actual: sum,
      });
    }
  }
  for (const [currency, total] of totals) {
    if (total !== 0) problems.push({ problem: "currency_not_zero", currency, expected: 0, actual: total });
  }
  return {
    ok: problems.length === 0,
    accounts: accounts.length,
    transactions: transactionSums.size,
    entries: entries.length,
    totals: [...totals].map(([currency, total]) => ({ currency, total })),
    problems,
  };
}
