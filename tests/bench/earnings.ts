/**
 * What the earnings page and the admin withdrawal queue read, with 100,000
 * ledger entries present, all of them the advisor's own (the worst case for
 * anything that would scan a user's entries). Counts the documents each read
 * returns through ctx.db (get, and take/first/unique/collect/paginate at the
 * end of a query), on convex-test with the real schema and the indexed engine.
 *
 * Runnable on its own: `node --import tsx tests/bench/earnings.ts [--quick]`.
 */
import { convexTest } from "convex-test";
import schema from "../../convex/schema";
import type { Id } from "../../convex/_generated/dataModel";
import type { QueryCtx } from "../../convex/_generated/server";
import * as EarningsRollup from "../../convex/model/earningsRollup";
import * as Wallets from "../../convex/model/wallets";
import * as Withdrawals from "../../convex/model/withdrawals";
import { attachInternals } from "../../tools/convex-local/src/engine-internals";
import { countingReads } from "./countingReads";
import { formatMs, runIfScript, type Metric, type Suite } from "./harness";

const ENTRIES = 100_000;
const BATCH = 2000;
const DAYS = 730;
const PENDING_SESSIONS = 200;
const REQUESTS = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

async function seed(t: ReturnType<typeof convexTest>, entries: number, now: number) {
  const ids = await t.run(async (ctx) => {
    const advisorUserId = await ctx.db.insert("users", { tokenIdentifier: "bench|advisor", name: "Bench Advisor", email: "advisor@bench.localhost", role: "advisor" });
    const clientId = await ctx.db.insert("users", { tokenIdentifier: "bench|client", name: "Bench Client", email: "client@bench.localhost", role: "client" });
    const advisorId = await ctx.db.insert("advisors", {
      userId: advisorUserId, headline: "Bench", bio: "Bench", specialties: [], chatPricePerMinute: 100, videoPricePerMinute: 100,
      currency: "USD", status: "approved", isOnline: false, ratingTotal: 40, ratingCount: 9,
    });
    const accountIds: Id<"ledgerAccounts">[] = [];
    for (const kind of ["advisor_pending", "advisor_available", "advisor_withdrawing"] as const) {
      accountIds.push(await ctx.db.insert("ledgerAccounts", { ownerId: advisorUserId, kind, currency: "USD", balance: 1000, held: 0, updatedAt: now }));
    }
    const transactionId = await ctx.db.insert("ledgerTransactions", { key: "bench", type: "earning", description: "Bench", currency: "USD", amount: 1, at: now });
    for (let d = 0; d < DAYS; d++) {
      const day = new Date(now - d * DAY_MS).toISOString().slice(0, 10);
      await ctx.db.insert("advisorEarningDays", { advisorUserId, currency: "USD", day, earnedCents: 1000, sessions: 2, billedSeconds: 600 });
    }
    await ctx.db.insert("advisorEarningTotals", { advisorUserId, currency: "USD", earnedCents: DAYS * 1000, sessions: DAYS * 2, billedSeconds: DAYS * 600, paidOutCents: 0 });
    for (let i = 0; i < PENDING_SESSIONS; i++) {
      await ctx.db.insert("sessions", {
        clientId, advisorId, advisorUserId, kind: "chat", status: "ended", rateCentsPerMinute: 100, currency: "USD", requestedAt: now, expiresAt: now,
        billedMs: 60_000, resumedAt: null, billedSeconds: 60, chargeCents: 100, availableCents: 0, remainingSeconds: 0, warningLevel: "none",
        timerColour: "green", firedWarnings: [], syncedAt: now, endedAt: now, feeCents: 10, earningCents: 90, earningReleaseAt: now + (i + 1) * 60_000,
      });
    }
    for (let i = 0; i < REQUESTS; i++) {
      await ctx.db.insert("withdrawals", {
        advisorUserId, amount: 2000, currency: "USD", status: "requested", bank: { holderName: "Bench", last4: "1234" }, requestedAt: now - i, updatedAt: now - i,
      });
    }
    return { advisorUserId, accountIds, transactionId };
  });
  for (let first = 0; first < entries; first += BATCH) {
    const last = Math.min(entries, first + BATCH);
    await t.run(async (ctx) => {
      for (let i = first; i < last; i++) {
        await ctx.db.insert("ledgerEntries", {
          transactionId: ids.transactionId, accountId: ids.accountIds[i % 2], accountKind: i % 2 === 0 ? "advisor_pending" : "advisor_available",
          ownerId: ids.advisorUserId, currency: "USD", amount: 100, historyType: i % 3 === 0 ? "payout" : "earning", description: "Bench", at: now - (entries - i) * 60_000,
        });
      }
    });
  }
  return ids;
}

async function measure(quick: boolean, log: (m: string) => void): Promise<Metric[]> {
  const t = convexTest(schema, { "./_generated/api.js": async () => ({}) } as never);
  await attachInternals(t as never);
  const now = Date.UTC(2026, 5, 15, 12);
  const entries = quick ? 10_000 : ENTRIES;
  const started = Date.now();
  const { advisorUserId } = await seed(t, entries, now);
  log(`seeded ${entries} ledger entries in ${formatMs(Date.now() - started)}`);
  const suffix = quick ? "10k_entries" : "100k_entries";
  const readsOf = (fn: (ctx: QueryCtx) => Promise<unknown>) =>
    t.run(async (raw) => {
      const { ctx, reads } = countingReads(raw as unknown as QueryCtx);
      await fn(ctx);
      return reads();
    });
  return [
    { metric: `earnings.overview_docs_read@${suffix}`, value: await readsOf((ctx) => EarningsRollup.overview(ctx, advisorUserId, "USD", now)), unit: "docs" },
    { metric: `earnings.pending_docs_read@${suffix}`, value: await readsOf((ctx) => EarningsRollup.pendingReleases(ctx, advisorUserId, now)), unit: "docs" },
    {
      metric: `earnings.history_page_docs_read@${suffix}`,
      value: await readsOf((ctx) => Wallets.historyPage(ctx, advisorUserId, { type: "earning" }, { numItems: 20, cursor: null })),
      unit: "docs",
    },
    {
      metric: `withdrawals.queue_page_docs_read@${suffix}`,
      value: await readsOf((ctx) => Withdrawals.queuePage(ctx, "requested", { numItems: 20, cursor: null })),
      unit: "docs",
    },
  ];
}

export const earningsSuite: Suite = {
  name: "earnings",
  metrics: ["earnings.", "withdrawals."],
  budgetMs: { full: 150_000, quick: 20_000 },
  async run(ctx) {
    return await measure(ctx.quick, ctx.log);
  },
};

runIfScript(import.meta.url, earningsSuite);
