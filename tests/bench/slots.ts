/**
 * Open slots for an advisor with a busy month (issue 16), on convex-test with
 * the real schema: hours every day (two ranges), 24 date exceptions, 150
 * confirmed bookings and 30 cancelled ones over 30 days, in Europe/London
 * across the October daylight-saving change.
 *
 * - `slots.fourteen_days_p95_ms@busy_month`: what availability.slots runs
 *   (model/availability.ts slotsFor: settings, advisor, availability,
 *   exceptions and bookings reads, then lib/bookings/slots.ts) for 14 days of
 *   30-minute slots from a random start in the month.
 * - `slots.fourteen_days_docs_read@busy_month`: the most documents one call read.
 * - `slots.booking_check_p95_ms@busy_month`: refusalFor, the check a booking makes on one start.
 *
 * Runnable on its own: `node --import tsx tests/bench/slots.ts [--quick]`.
 */
import { convexTest } from "convex-test";
import schema from "../../convex/schema";
import type { Id } from "../../convex/_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../convex/_generated/server";
import * as Availability from "../../convex/model/availability";
import { prng } from "../../lib/random";
import { countingReads } from "./countingReads";
import { percentile, runIfScript, type Metric, type Suite, type SuiteContext } from "./harness";

const MIN = 60_000;
const DAY = 1440 * MIN;
/** Friday 2027-10-15 00:00 UTC: the month holds London's fall-back (2027-10-31). */
const NOW = Date.UTC(2027, 9, 15);
const TIME_ZONE = "Europe/London";

async function seed(ctx: MutationCtx): Promise<Id<"advisors">> {
  const random = prng(16);
  const userId = await ctx.db.insert("users", { tokenIdentifier: "bench|advisor", name: "Busy Advisor", email: "busy@bench.localhost", role: "advisor" });
  const clientId = await ctx.db.insert("users", { tokenIdentifier: "bench|client", name: "Bench Client", email: "client@bench.localhost", role: "client" });
  const advisorId = await ctx.db.insert("advisors", {
    userId, headline: "Busy", bio: "", specialties: [], chatPricePerMinute: 100, videoPricePerMinute: 200, currency: "USD", status: "approved", isOnline: false, ratingTotal: 0, ratingCount: 0,
  });
  const weekly = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
    { weekday, start: "08:00", end: "12:00" },
    { weekday, start: "13:00", end: "20:00" },
  ]);
  const exceptions = Array.from({ length: 24 }, (_, i) => {
    const date = new Date(NOW + (i + 1) * DAY).toISOString().slice(0, 10);
    return { date, ranges: i % 3 === 0 ? [] : [{ start: "10:00", end: "14:00" }, { start: "18:00", end: "22:00" }] };
  });
  await Availability.save(ctx, advisorId, { timeZone: TIME_ZONE, weekly, exceptions, bufferMinutes: 10, minNoticeHours: 4, dailyCap: 12 }, NOW);
  for (let i = 0; i < 180; i++) {
    const day = Math.floor(i / 6);
    const startsAt = NOW + day * DAY + (8 + Math.floor(random() * 11)) * 60 * MIN + Math.floor(random() * 4) * 15 * MIN;
    const durationMinutes = [15, 30, 60][Math.floor(random() * 3)]!;
    await ctx.db.insert("bookings", {
      clientId, advisorId, advisorUserId: userId, kind: "chat", durationMinutes, startsAt, endsAt: startsAt + durationMinutes * MIN,
      status: i % 6 === 5 ? "cancelled_by_client" : "confirmed", rateCentsPerMinute: 100, priceCents: durationMinutes * 100, currency: "USD",
      clientTimeZone: "America/New_York", reschedules: 0, createdAt: NOW,
      policy: { feeBps: 1000, freeCancelHours: 24, joinEarlyMinutes: 5, noShowAfterMinutes: 9, clientNoShowChargeBps: 5000 },
    });
  }
  return advisorId;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

async function measure(ctx: SuiteContext): Promise<Metric[]> {
  const t = convexTest(schema, { "./_generated/api.js": async () => ({}) } as never);
  const advisorId = await t.run((raw) => seed(raw as unknown as MutationCtx));
  const random = prng(17);
  const samples = ctx.quick ? 60 : 300;
  const times: number[] = [];
  const checks: number[] = [];
  let reads = 0;
  let open = 0;
  for (let i = 0; i < samples; i++) {
    const from = NOW + Math.floor(random() * 16) * DAY + Math.floor(random() * 96) * 15 * MIN;
    const started = performance.now();
    const result = await t.run(async (raw) => {
      const { ctx: counted, reads: count } = countingReads(raw as unknown as QueryCtx);
      const slots = await Availability.slotsFor(counted, advisorId, { durationMinutes: 30, from, to: from + 14 * DAY }, NOW);
      return { slots: slots.length, reads: count() };
    });
    times.push(performance.now() - started);
    reads = Math.max(reads, result.reads);
    open = Math.max(open, result.slots);
    const checkStarted = performance.now();
    await t.run((raw) => Availability.refusalFor(raw as unknown as QueryCtx, advisorId, { start: from + DAY, durationMinutes: 30 }, NOW));
    checks.push(performance.now() - checkStarted);
  }
  const p95 = percentile(times, 95);
  ctx.log(`14 days of 30-minute slots: p95 ${p95.toFixed(2)} ms, at most ${reads} docs read, up to ${open} open slots; booking check p95 ${percentile(checks, 95).toFixed(2)} ms`);
  return [
    { metric: "slots.fourteen_days_p95_ms@busy_month", value: round(p95), unit: "ms" },
    { metric: "slots.fourteen_days_docs_read@busy_month", value: reads, unit: "docs" },
    { metric: "slots.booking_check_p95_ms@busy_month", value: round(percentile(checks, 95)), unit: "ms" },
  ];
}

export const slotsSuite: Suite = {
  name: "slots",
  metrics: ["slots."],
  budgetMs: { full: 60_000, quick: 20_000 },
  run: measure,
};

runIfScript(import.meta.url, slotsSuite);
