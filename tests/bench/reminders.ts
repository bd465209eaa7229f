/**
 * The booking reminder sweep (issue 16) with 10,000 bookings whose reminder is
 * due: each run sends one bounded batch (both sides notified in-app and by
 * email with the calendar file, written to the outbox in the same
 * transaction) and the sweep goes on while more are due.
 *
 * - `reminders.sweep_docs_read_per_run@10k_due`: the most documents one run read.
 * - `reminders.sweep_runs@10k_due`: runs until nothing was due.
 * - `reminders.sweep_run_p95_ms@10k_due`, `reminders.sweep_total_ms@10k_due`: time per run and for all of them.
 *
 * Runnable on its own: `node --import tsx tests/bench/reminders.ts [--quick]`.
 */
import { convexTest } from "convex-test";
import schema from "../../convex/schema";
import type { Id } from "../../convex/_generated/dataModel";
import type { MutationCtx } from "../../convex/_generated/server";
import { sendDueReminders } from "../../convex/model/bookings";
import { policyFor } from "../../lib/bookings/policy";
import { DEFAULT_SETTINGS } from "../../convex/model/settings";
import { attachInternals } from "../../tools/convex-local/src/engine-internals";
import { countingReads } from "./countingReads";
import { formatMs, percentile, runIfScript, type Metric, type Suite, type SuiteContext } from "./harness";

const BOOKINGS = 10_000;
const SEED_BATCH = 500;
const CLIENTS = 200;
const HOUR = 60 * 60 * 1000;

async function seed(t: ReturnType<typeof convexTest>, bookings: number, now: number) {
  const { advisorId, advisorUserId, clientIds } = await t.run(async (ctx) => {
    const advisorUserId = await ctx.db.insert("users", { tokenIdentifier: "bench|advisor", name: "Bench Advisor", email: "advisor@bench.localhost", role: "advisor" });
    const advisorId = await ctx.db.insert("advisors", {
      userId: advisorUserId, headline: "Bench", bio: "", specialties: [], chatPricePerMinute: 100, videoPricePerMinute: 200, currency: "USD",
      status: "approved", isOnline: false, ratingTotal: 0, ratingCount: 0,
    });
    await ctx.db.insert("availability", { advisorId, timeZone: "Europe/London", weekly: [], bufferMinutes: 0, minNoticeHours: 0, dailyCap: 96, updatedAt: now });
    const clientIds: Id<"users">[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      clientIds.push(await ctx.db.insert("users", { tokenIdentifier: `bench|client-${i}`, name: `Client ${i}`, email: `client-${i}@bench.localhost`, role: "client" }));
    }
    return { advisorId, advisorUserId, clientIds };
  });
  const policy = policyFor(DEFAULT_SETTINGS, 30);
  for (let first = 0; first < bookings; first += SEED_BATCH) {
    await t.run(async (ctx) => {
      for (let i = first; i < Math.min(bookings, first + SEED_BATCH); i++) {
        // Each booking starts a little under 24 h from now, on its own quarter hour, so its first reminder is due.
        const startsAt = now + 24 * HOUR - (bookings - i) * 1000;
        await ctx.db.insert("bookings", {
          clientId: clientIds[i % CLIENTS], advisorId, advisorUserId, kind: "chat", durationMinutes: 30, startsAt, endsAt: startsAt + 30 * 60_000,
          status: "confirmed", rateCentsPerMinute: 100, priceCents: 3000, currency: "USD", policy, clientTimeZone: "America/New_York",
          nextReminderAt: startsAt - 24 * HOUR, nextReminderIndex: 0, reschedules: 0, createdAt: now - 48 * HOUR,
        });
      }
    });
  }
}

async function run(ctx: SuiteContext): Promise<Metric[]> {
  delete process.env.MAIL_TRANSPORT_URL;
  const bookings = ctx.quick ? 2000 : BOOKINGS;
  const t = convexTest(schema, { "./_generated/api.js": async () => ({}) } as never);
  await attachInternals(t as never);
  const now = Date.now();
  await seed(t, bookings, now);
  ctx.log(`seeded ${bookings} bookings with a reminder due`);
  const runMs: number[] = [];
  const reads: number[] = [];
  let sent = 0;
  for (let more = true; more; ) {
    const started = performance.now();
    const result = await t.run(async (raw) => {
      const counted = countingReads(raw);
      const swept = await sendDueReminders(counted.ctx as MutationCtx, now);
      return { ...swept, reads: counted.reads() };
    });
    runMs.push(performance.now() - started);
    reads.push(result.reads);
    sent += result.sent;
    more = result.more;
  }
  if (sent !== bookings) throw new Error(`the sweep reminded ${sent} of ${bookings} bookings`);
  const again = await t.run(async (raw) => await sendDueReminders(raw as MutationCtx, now));
  if (again.sent !== 0) throw new Error(`a second sweep sent ${again.sent} reminders again`);
  const total = runMs.reduce((a, b) => a + b, 0);
  ctx.log(`${runMs.length} runs, ${formatMs(total)} in all`);
  const at = ctx.quick ? "@2k_due" : "@10k_due";
  return [
    { metric: `reminders.sweep_docs_read_per_run${at}`, value: Math.max(...reads), unit: "docs" },
    { metric: `reminders.sweep_runs${at}`, value: runMs.length, unit: "runs" },
    { metric: `reminders.sweep_run_p95_ms${at}`, value: Math.round(percentile(runMs, 95)), unit: "ms" },
    { metric: `reminders.sweep_total_ms${at}`, value: Math.round(total), unit: "ms" },
  ];
}

export const remindersSuite: Suite = { name: "booking reminders", metrics: ["reminders."], budgetMs: { full: 300_000, quick: 60_000 }, run };

runIfScript(import.meta.url, remindersSuite);
