/**
 * The email outbox's retry sweep (issue 16) over 10,000 queued messages with
 * the local transport (no MAIL_TRANSPORT_URL): each run delivers one bounded
 * batch into the local mailbox and the sweep goes on while more are due.
 *
 * - `email.sweep_docs_read_per_run@10k_queued`: the most documents one run read.
 * - `email.sweep_runs@10k_queued`: runs until the outbox had nothing due.
 * - `email.sweep_run_p95_ms@10k_queued`, `email.sweep_total_ms@10k_queued`: time per run and for all of them.
 *
 * Runnable on its own: `node --import tsx tests/bench/emailOutbox.ts [--quick]`.
 */
import { convexTest } from "convex-test";
import schema from "../../convex/schema";
import type { MutationCtx } from "../../convex/_generated/server";
import * as Outbox from "../../convex/model/emailOutbox";
import { attachInternals } from "../../tools/convex-local/src/engine-internals";
import { countingReads } from "./countingReads";
import { formatMs, percentile, runIfScript, type Metric, type Suite, type SuiteContext } from "./harness";

const MESSAGES = 10_000;
const SEED_BATCH = 1000;

async function seed(t: ReturnType<typeof convexTest>, messages: number, now: number) {
  const userId = await t.run((ctx) => ctx.db.insert("users", { tokenIdentifier: "bench|client", name: "Bench Client", email: "client@bench.localhost", role: "client" }));
  for (let first = 0; first < messages; first += SEED_BATCH) {
    await t.run(async (ctx) => {
      for (let i = first; i < Math.min(messages, first + SEED_BATCH); i++) {
        await ctx.db.insert("emailOutbox", {
          userId, kind: "booking_reminder", to: "client@bench.localhost", subject: `Reminder ${i}`, html: "<p>Soon</p>", text: "Soon", attachments: [],
          status: "queued", attempts: 0, nextAttemptAt: now - (messages - i), createdAt: now - (messages - i),
        });
      }
    });
  }
}

async function run(ctx: SuiteContext): Promise<Metric[]> {
  delete process.env.MAIL_TRANSPORT_URL;
  const messages = ctx.quick ? 2000 : MESSAGES;
  const t = convexTest(schema, { "./_generated/api.js": async () => ({}) } as never);
  await attachInternals(t as never);
  const now = Date.now();
  await seed(t, messages, now);
  ctx.log(`seeded ${messages} queued messages`);
  const runMs: number[] = [];
  const reads: number[] = [];
  for (let more = true; more; ) {
    const started = performance.now();
    const result = await t.run(async (raw) => {
      const counted = countingReads(raw);
      const swept = await Outbox.sweep(counted.ctx as MutationCtx, now);
      return { ...swept, reads: counted.reads() };
    });
    runMs.push(performance.now() - started);
    reads.push(result.reads);
    more = result.more;
  }
  const sent = await t.run(async (c) => (await c.db.query("emailOutbox").withIndex("by_status_and_nextAttemptAt", (q) => q.eq("status", "sent")).collect()).length);
  if (sent !== messages) throw new Error(`the sweep sent ${sent} of ${messages} messages`);
  const total = runMs.reduce((a, b) => a + b, 0);
  ctx.log(`${runMs.length} runs, ${formatMs(total)} in all`);
  const at = ctx.quick ? "@2k_queued" : "@10k_queued";
  return [
    { metric: `email.sweep_docs_read_per_run${at}`, value: Math.max(...reads), unit: "docs" },
    { metric: `email.sweep_runs${at}`, value: runMs.length, unit: "runs" },
    { metric: `email.sweep_run_p95_ms${at}`, value: Math.round(percentile(runMs, 95)), unit: "ms" },
    { metric: `email.sweep_total_ms${at}`, value: Math.round(total), unit: "ms" },
  ];
}

export const emailOutboxSuite: Suite = { name: "email outbox", metrics: ["email."], budgetMs: { full: 120_000, quick: 30_000 }, run };

runIfScript(import.meta.url, emailOutboxSuite);
