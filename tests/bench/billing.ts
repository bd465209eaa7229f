/**
 * billing.*: lib/billing driven through random sessions (rates 10..10,000
 * ¢/min, up to 10 h of billing, random budgets, ticks on time, late, repeated
 * and skipped, pauses and resumes, as convex/model/sessionsBilling.ts calls
 * them), each charge compared with floor(R × T / 60) from an independent
 * BigInt model of the session's billed time.
 */
import {
  advance,
  chargeCents,
  NOT_STARTED,
  pauseBilling,
  resumeBilling,
  type AdvanceInput,
  type BalanceWarning,
  type BillingState,
  type WarningThresholds,
} from "../../lib/billing";
import type { Metric, Suite } from "./harness";

const HOUR_MS = 3_600_000;
const MAX_SESSION_MS = 10 * HOUR_MS;
const SEED = 0x5eed_b111;
/** The default warning thresholds (platformSettings): 2 minutes and 1 minute left. */
const THRESHOLDS: WarningThresholds = { first: 120, second: 60 };

/** mulberry32: small, fast, deterministic, good enough to pick test cases. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}
type Random = ReturnType<typeof random>;

/** The session's billed time as the spec defines it, in BigInt, sharing no code with lib/billing. */
class ReferenceMeter {
  private accumulatedMs = 0n;
  private runningSince: bigint | null = null;
  private readonly limitMs: bigint;

  constructor(
    private readonly rate: bigint,
    budgetCents: bigint,
  ) {
    // The last affordable second: the largest T with floor(R·T/60) ≤ budget.
    this.limitMs = ((60n * budgetCents + 59n) / rate) * 1000n;
  }

  private billedMsAt(now: bigint): bigint {
    const raw = this.accumulatedMs + (this.runningSince === null ? 0n : now - this.runningSince);
    return raw < this.limitMs ? raw : this.limitMs;
  }

  /** A clock tick: returns the charge; stops billing for good at the last affordable second. */
  tick(now: bigint): bigint {
    const billedMs = this.billedMsAt(now);
    if (this.runningSince !== null && billedMs === this.limitMs) {
      this.accumulatedMs = billedMs;
      this.runningSince = null;
    }
    return this.charge(billedMs);
  }

  charge(billedMs: bigint): bigint {
    return (this.rate * (billedMs / 1000n)) / 60n;
  }

  settle(now: bigint): bigint {
    this.pause(now);
    return this.charge(this.accumulatedMs);
  }

  pause(now: bigint): void {
    this.accumulatedMs = this.billedMsAt(now);
    this.runningSince = null;
  }

  resume(now: bigint): void {
    if (this.runningSince === null && this.accumulatedMs / 1000n < this.limitMs / 1000n) this.runningSince = now;
  }
}

type Event = { kind: "tick" | "pause" | "resume"; at: number };

/** Event times: on a whole second of the session, a millisecond before one, anywhere, or again at the last time (a repeated tick). */
function randomEvents(rnd: Random, start: number, lengthMs: number): Event[] {
  const count = rnd.int(1, 16);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rnd.next();
    const second = rnd.int(0, Math.floor(lengthMs / 1000));
    if (roll < 0.4) times.push(start + second * 1000);
    else if (roll < 0.55) times.push(start + Math.max(0, second * 1000 - 1));
    else times.push(start + rnd.int(0, lengthMs));
  }
  times.sort((a, b) => a - b);
  if (count > 2 && rnd.next() < 0.2) times[count - 1] = times[count - 2];
  return times.map((at) => {
    const roll = rnd.next();
    return { kind: roll < 0.75 ? "tick" : roll < 0.88 ? "pause" : "resume", at };
  });
}

function randomBudget(rnd: Random, rate: number): number {
  const roll = rnd.next();
  if (roll < 0.4) return 1_000_000_000; // never runs out within 10 h
  if (roll < 0.5) return rnd.int(0, 100);
  return rnd.int(0, Math.floor((rate * MAX_SESSION_MS) / 60_000));
}

type Tally = { checked: number; errors: number };

/** One session, replayed like convex/model/sessionsBilling.ts: sync at every event, pause after syncing. */
function simulateSession(rnd: Random, tally: Tally): void {
  const rate = rnd.int(10, 10_000);
  const budget = randomBudget(rnd, rate);
  const start = Date.UTC(2026, 0, 1) + rnd.int(0, 365 * 24 * HOUR_MS);
  const reference = new ReferenceMeter(BigInt(rate), BigInt(budget));
  let billing: BillingState = resumeBilling(NOT_STARTED, start);
  reference.resume(BigInt(start));
  let fired: BalanceWarning[] = [];
  const check = (actual: number, expected: bigint) => {
    tally.checked++;
    if (BigInt(actual) !== expected) tally.errors++;
  };
  const sync = (now: number) => {
    const result = advance({ billing, rateCentsPerMinute: rate, budgetCents: budget, firedWarnings: fired, thresholds: THRESHOLDS, now });
    check(result.chargeCents, reference.tick(BigInt(now)));
    billing = result.billing;
    fired = [...fired, ...result.newWarnings.map((w) => w.warning)];
    return result;
  };

  let last = start;
  for (const event of randomEvents(rnd, start, rnd.int(1000, MAX_SESSION_MS))) {
    last = event.at;
    sync(event.at);
    if (event.kind === "pause") {
      billing = pauseBilling(billing, event.at);
      reference.pause(BigInt(event.at));
    } else if (event.kind === "resume" && billing.resumedAt === null) {
      const synced = advance({ billing, rateCentsPerMinute: rate, budgetCents: budget, firedWarnings: fired, thresholds: THRESHOLDS, now: event.at });
      if (synced.remainingSeconds > 0) billing = resumeBilling(billing, event.at);
      reference.resume(BigInt(event.at));
    }
  }
  const end = last + rnd.int(0, 5000);
  const final = sync(end);
  const settled = pauseBilling(final.billing, end);
  check(chargeCents(rate, Math.floor(settled.billedMs / 1000)), reference.settle(BigInt(end)));
}

function measureAdvanceRate(rnd: Random, calls: number): number {
  const inputs: AdvanceInput[] = Array.from({ length: 1024 }, () => {
    const rate = rnd.int(10, 10_000);
    const resumedAt = rnd.int(0, HOUR_MS);
    return {
      billing: { billedMs: rnd.int(0, HOUR_MS), resumedAt },
      rateCentsPerMinute: rate,
      budgetCents: randomBudget(rnd, rate),
      firedWarnings: [],
      thresholds: THRESHOLDS,
      now: resumedAt + rnd.int(0, MAX_SESSION_MS),
    };
  });
  let sink = 0;
  const started = performance.now();
  for (let i = 0; i < calls; i++) sink += advance(inputs[i & 1023]).chargeCents;
  const seconds = (performance.now() - started) / 1000;
  if (sink < 0) throw new Error("unreachable: charges are never negative");
  return Math.round(calls / seconds);
}

export const billingSuite: Suite = {
  name: "billing",
  metrics: ["billing.exactness_errors", "billing.charges_checked", "billing.sessions_simulated", "billing.advance_ops_per_s"],
  budgetMs: { full: 60_000, quick: 10_000 },
  async run(ctx) {
    const minChecked = ctx.quick ? 100_000 : 2_000_000;
    const rnd = random(SEED);
    const tally: Tally = { checked: 0, errors: 0 };
    let sessions = 0;
    const started = performance.now();
    while (tally.checked < minChecked) {
      simulateSession(rnd, tally);
      sessions++;
    }
    ctx.log(`billing: ${tally.checked} charges in ${sessions} sessions checked in ${Math.round(performance.now() - started)} ms, ${tally.errors} wrong`);
    const metrics: Metric[] = [
      { metric: "billing.exactness_errors", value: tally.errors, unit: "charges" },
      { metric: "billing.charges_checked", value: tally.checked, unit: "charges" },
      { metric: "billing.sessions_simulated", value: sessions, unit: "sessions" },
    ];
    if (ctx.wants("billing.advance_ops_per_s")) {
      metrics.push({ metric: "billing.advance_ops_per_s", value: measureAdvanceRate(rnd, ctx.quick ? 200_000 : 2_000_000), unit: "ops/s" });
    }
    return metrics;
  },
};
