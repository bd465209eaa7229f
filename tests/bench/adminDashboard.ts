/**
 * The admin dashboard and the transactions CSV export with 100,000 ledger
 * transactions over 90 days (issue 14). Seeds the transactions and the
 * platform rollup rows they produce (one per currency and UTC hour, summed
 * with the same classification the posting path uses), 300 live sessions, 100
 * requests waiting and 200 withdrawals, on convex-test with the real schema
 * and the indexed engine. Reports the documents the dashboard query reads
 * (counted through ctx.db) and its p50/p95 time, and the time to export every
 * transaction as CSV page by page (the queries the browser makes, 1,000 rows
 * each, and the CSV text of lib/csvExport.ts).
 *
 * Runnable on its own: `node --import tsx tests/bench/adminDashboard.ts [--quick]`.
 */
import { convexTest } from "convex-test";
import schema from "../../convex/schema";
import type { QueryCtx } from "../../convex/_generated/server";
import * as AdminDashboard from "../../convex/model/adminDashboard";
import * as Wallets from "../../convex/model/wallets";
import { attachInternals } from "../../tools/convex-local/src/engine-internals";
import { ZERO_FIGURES, addFigures, hourOf, moneyFiguresOf, type HourFigures } from "../../lib/admin/platformFigures";
import { EXPORT_PAGE_SIZE, csvByPages, decimalAmount, isoTime } from "../../lib/csvExport";
import { countingReads } from "./countingReads";
import { formatMs, runIfScript, type Metric, type Suite } from "./harness";

const TRANSACTIONS = 100_000;
const DAYS = 90;
const BATCH = 2000;
const DAY_MS = 24 * 60 * 60 * 1000;
const RUNS = 60;

async function seed(t: ReturnType<typeof convexTest>, transactions: number, now: number) {
  const hours = new Map<number, HourFigures>();
  const span = DAYS * DAY_MS;
  for (let first = 0; first < transactions; first += BATCH) {
    const last = Math.min(transactions, first + BATCH);
    await t.run(async (ctx) => {
      for (let i = first; i < last; i++) {
        const at = now - span + Math.floor((i * span) / transactions);
        const charge = 100 + (i % 900);
        const fee = Math.round(charge / 10);
        const key = `session:bench${i}:settle`;
        await ctx.db.insert("ledgerTransactions", { key, type: "deduct", description: "Live chat session", currency: "USD", amount: charge, at });
        const figures = moneyFiguresOf({
          key,
          type: "deduct",
          entries: [
            { accountKind: "client_cash", amount: -charge },
            { accountKind: "advisor_pending", amount: charge - fee },
            { accountKind: "platform_revenue", amount: fee },
          ],
        })!;
        const hour = hourOf(at);
        hours.set(hour, addFigures(hours.get(hour) ?? { ...ZERO_FIGURES }, { ...figures, sessionsEnded: 1, billedSessions: 1, billedSeconds: 60 }));
      }
    });
  }
  await t.run(async (ctx) => {
    for (const [hour, figures] of hours) await ctx.db.insert("platformRollupHours", { currency: "USD", hour, ...figures });
    const clientId = await ctx.db.insert("users", { tokenIdentifier: "bench|client", name: "Bench Client", email: "client@bench.localhost", role: "client" });
    const advisorUserId = await ctx.db.insert("users", { tokenIdentifier: "bench|advisor", name: "Bench Advisor", email: "advisor@bench.localhost", role: "advisor" });
    const advisorId = await ctx.db.insert("advisors", {
      userId: advisorUserId, headline: "Bench", bio: "Bench", specialties: [], chatPricePerMinute: 100, videoPricePerMinute: 100,
      currency: "USD", status: "approved", isOnline: true, ratingTotal: 0, ratingCount: 0,
    } as never);
    const statuses = [...Array(300).fill("active"), ...Array(100).fill("requested")] as ("active" | "requested")[];
    for (const [i, status] of statuses.entries()) {
      await ctx.db.insert("sessions", {
        clientId, advisorId, advisorUserId, kind: i % 3 === 0 ? "video" : "chat", status, rateCentsPerMinute: 100, currency: "USD", requestedAt: now, expiresAt: now + 60_000,
        billedMs: 0, resumedAt: status === "active" ? now : null, billedSeconds: 0, chargeCents: 0, availableCents: 1000, remainingSeconds: 600, warningLevel: "none",
        timerColour: "green", firedWarnings: [], syncedAt: now,
      });
    }
    for (let i = 0; i < 200; i++) {
      await ctx.db.insert("withdrawals", {
        advisorUserId, amount: 2000, currency: "USD", status: i % 2 === 0 ? "requested" : "approved", bank: { holderName: "Bench", last4: "1234" }, requestedAt: now - i, updatedAt: now - i,
      });
    }
  });
  return hours.size;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(quick: boolean, log: (m: string) => void): Promise<Metric[]> {
  const t = convexTest(schema, { "./_generated/api.js": async () => ({}) } as never);
  await attachInternals(t as never);
  const now = Date.UTC(2026, 11, 5, 22, 0);
  const transactions = quick ? 10_000 : TRANSACTIONS;
  const started = Date.now();
  const hourRows = await seed(t, transactions, now);
  log(`seeded ${transactions} transactions over ${DAYS} days (${hourRows} rollup hours) in ${formatMs(Date.now() - started)}`);
  const suffix = quick ? "10k_tx_90d" : "100k_tx_90d";

  const reads = await t.run(async (raw) => {
    const { ctx, reads } = countingReads(raw as unknown as QueryCtx);
    await AdminDashboard.figures(ctx, now);
    return reads();
  });
  const times: number[] = [];
  for (let i = 0; i < (quick ? 15 : RUNS); i++) {
    times.push(await t.run(async (ctx) => {
      const start = performance.now();
      await AdminDashboard.figures(ctx as unknown as QueryCtx, now);
      return performance.now() - start;
    }));
  }
  times.sort((a, b) => a - b);
  log(`dashboard: ${reads} documents, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`);

  const exportStart = performance.now();
  let pages = 0;
  const { chunks, rows } = await csvByPages(
    (cursor) => {
      pages++;
      return t.run((ctx) => Wallets.transactionsPage(ctx as unknown as QueryCtx, {}, { numItems: EXPORT_PAGE_SIZE, cursor }));
    },
    ["id", "time", "type", "description", "amount", "currency", "key", "created_by", "reverses"],
    (r) => [r._id, isoTime(r.at), r.type, r.description, decimalAmount(r.amount), r.currency, r.key, r.createdBy ?? "", r.reversesId ?? ""],
  );
  const exportMs = performance.now() - exportStart;
  const bytes = chunks.reduce((sum, c) => sum + Buffer.byteLength(c), 0);
  if (rows !== transactions) throw new Error(`The export wrote ${rows} rows, expected ${transactions}`);
  log(`export: ${rows} rows in ${pages} pages, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${formatMs(exportMs)}`);

  return [
    { metric: `admin.dashboard_docs_read@${suffix}`, value: reads, unit: "docs" },
    { metric: `admin.dashboard_p50_ms@${suffix}`, value: Number(percentile(times, 50).toFixed(2)), unit: "ms" },
    { metric: `admin.dashboard_p95_ms@${suffix}`, value: Number(percentile(times, 95).toFixed(2)), unit: "ms" },
    { metric: `admin.export_transactions_csv_ms@${suffix}`, value: Math.round(exportMs), unit: "ms" },
    { metric: `admin.export_transactions_csv_rows@${suffix}`, value: rows, unit: "rows" },
    { metric: `admin.export_transactions_csv_pages@${suffix}`, value: pages, unit: "pages" },
  ];
}

export const adminDashboardSuite: Suite = {
  name: "admin",
  metrics: ["admin."],
  budgetMs: { full: 200_000, quick: 30_000 },
  async run(ctx) {
    return await measure(ctx.quick, ctx.log);
  },
};

runIfScript(import.meta.url, adminDashboardSuite);
