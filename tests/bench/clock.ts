/**
 * clock.*: the real billing clock (convex/clock.ts) on the local backend, in
 * memory, with N funded chat sessions made by the internal convex/bench.ts.
 * Each run is a fresh backend: seed, start every session at one instant,
 * probe a few sessions every POLL_MS (the last one in the clock's order is
 * always billed last), then check every session's meter, charge and hold.
 */
import { fileURLToPath } from "node:url";
import { startBackend, type Backend } from "../../tools/convex-local/src/index";
import { countMissed, secondLags, TICK_MS, type Observation } from "./clock-lag";
import { formatMs, percentile, type Metric, type Suite, type SuiteContext } from "./harness";

const FUNCTIONS_DIR = fileURLToPath(new URL("../../convex", import.meta.url));
const POLL_MS = 50;
const SEED_BATCH = 500;
const RATE_CENTS_PER_MINUTE = 60; // one cent a second: every pass resizes every hold
const BALANCE_CENTS = 100_000; // far from any balance warning during a run
const LAG_LIMIT_MS = 1000;
const REFERENCE_SESSIONS = 1000;
/** Search steps; the search stops at the first step that fails or would overrun the deadline. */
const STEPS = [250, 500, 1000, 2000, 4000, 8000, 10_000, 15_000, 20_000, 30_000, 50_000];
const QUICK_STEPS = [250, 1000, 2000];
const WARM_UP = { sessions: 100, durationMs: 3000 };
/** After the first failing step, the search bisects down to this many sessions (or 10 %). */
const BISECT_RESOLUTION = 50;

type SessionView = { status: string; billedSeconds: number; chargeCents: number; rateCentsPerMinute: number; syncedAt: number; heldCents: number | null };
type Probe = { lastPassSessions: number | null; sessions: SessionView[] };

export type ClockRun = {
  sessions: number;
  seedMs: number;
  ranMs: number;
  lags: number[];
  missed: number;
  /** Probes that saw a finished pass cover other than all sessions. */
  partialPasses: number;
  /** Sessions whose meter, charge or hold disagree at the end. */
  mismatches: number;
  passed: boolean;
};

function sampleIds<T>(ids: readonly T[]): T[] {
  const picks = new Set<number>([0, ids.length - 3, ids.length - 2, ids.length - 1]);
  for (let i = 1; i <= 4; i++) picks.add(Math.floor((ids.length * i) / 5));
  return [...picks].filter((i) => i >= 0 && i < ids.length).sort((a, b) => a - b).map((i) => ids[i]);
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function probe(backend: Backend, sessionIds: readonly string[]): Promise<Probe> {
  return (await backend.run("bench:probe", { sessionIds })) as Probe;
}

/** Sessions whose meter disagrees with the clock's start, the rate, or the wallet hold. */
function countMismatches(views: readonly SessionView[], startedAt: number): number {
  return views.filter((s) => {
    const charge = (BigInt(s.rateCentsPerMinute) * BigInt(s.billedSeconds)) / 60n;
    return (
      s.status !== "active" ||
      s.billedSeconds !== Math.floor((s.syncedAt - startedAt) / TICK_MS) ||
      BigInt(s.chargeCents) !== charge ||
      (s.heldCents ?? 0) !== s.chargeCents
    );
  }).length;
}

async function seed(backend: Backend, sessions: number): Promise<string[]> {
  const ids: string[] = [];
  for (let batch = 0; ids.length < sessions; batch++) {
    const count = Math.min(SEED_BATCH, sessions - ids.length);
    const args = { batch, count, rateCentsPerMinute: RATE_CENTS_PER_MINUTE, balanceCents: BALANCE_CENTS };
    ids.push(...((await backend.run("bench:seedSessions", args)) as string[]));
  }
  return ids;
}

/** Bills `sessions` sessions for `durationMs`; with `stopEarlyAfterMs`, stops after that long once a second was missed. */
async function runClock(sessions: number, durationMs: number, stopEarlyAfterMs: number | null, ctx: SuiteContext, label = ""): Promise<ClockRun> {
  const backend = await startBackend({ functionsDir: FUNCTIONS_DIR, port: 0, inMemory: true, env: {} });
  try {
    const seedStarted = Date.now();
    const ids = await seed(backend, sessions);
    const seedMs = Date.now() - seedStarted;
    const { startedAt } = (await backend.run("bench:startBilling", {})) as { startedAt: number };
    const sample = sampleIds(ids);
    const observations: Observation[] = [];
    let partialPasses = 0;
    const end = startedAt + durationMs;
    while (Date.now() < end) {
      const polled = Date.now();
      const answer = await probe(backend, sample);
      const at = Date.now();
      observations.push({ at, minBilledSeconds: Math.min(...answer.sessions.map((s) => s.billedSeconds)) });
      if (answer.lastPassSessions !== null && answer.lastPassSessions !== 0 && answer.lastPassSessions !== sessions) partialPasses++;
      if (stopEarlyAfterMs !== null && at - startedAt >= stopEarlyAfterMs && countMissed(secondLags(startedAt, observations, at)) > 0) break;
      await sleep(Math.max(0, POLL_MS - (Date.now() - polled)));
    }
    const until = Date.now();
    const views: SessionView[] = [];
    for (let i = 0; i < ids.length; i += SEED_BATCH) views.push(...(await probe(backend, ids.slice(i, i + SEED_BATCH))).sessions);
    const lags = secondLags(startedAt, observations, until);
    const missed = countMissed(lags);
    const mismatches = countMismatches(views, startedAt);
    const passed = lags.length > 0 && percentile(lags, 99) <= LAG_LIMIT_MS && missed === 0 && partialPasses === 0 && mismatches === 0;
    const run: ClockRun = { sessions, seedMs, ranMs: until - startedAt, lags, missed, partialPasses, mismatches, passed };
    ctx.log(`${label}${describeRun(run)}`);
    return run;
  } finally {
    await backend.close();
  }
}

function describeRun(run: ClockRun): string {
  const lag = (p: number) => (run.lags.length === 0 ? "n/a" : formatMs(percentile(run.lags, p)));
  return (
    `clock: ${run.sessions} sessions (seeded in ${formatMs(run.seedMs)}), ${run.lags.length} seconds in ${formatMs(run.ranMs)}: ` +
    `lag p50 ${lag(50)}, p99 ${lag(99)}, max ${lag(100)}; ${run.missed} missed, ${run.partialPasses} partial passes, ` +
    `${run.mismatches} meter mismatches → ${run.passed ? "sustained" : "NOT sustained"}`
  );
}

function lagMetrics(run: ClockRun): Metric[] {
  if (run.lags.length === 0) return [];
  return [
    { metric: `clock.tick_lag_p99_ms@${run.sessions}`, value: Math.round(percentile(run.lags, 99)), unit: "ms" },
    { metric: `clock.missed_seconds@${run.sessions}`, value: run.missed, unit: "s" },
  ];
}

export const clockSuite: Suite = {
  name: "clock",
  metrics: [
    "clock.tick_lag_p99_ms@",
    "clock.tick_lag_p50_ms@1000",
    "clock.tick_lag_max_ms@1000",
    "clock.missed_seconds",
    "clock.sessions_sustained",
    "clock.first_failed_sessions",
    "clock.meter_mismatches",
  ],
  budgetMs: { full: 480_000, quick: 120_000 },
  async run(ctx) {
    const referenceMs = ctx.quick ? 10_000 : 30_000;
    const stepMs = ctx.quick ? 8_000 : 20_000;
    const search = ctx.wants("clock.sessions_sustained") || ctx.wants("clock.first_failed_sessions");
    const runs: ClockRun[] = [];
    let seedMsPerSession = 1;
    let outOfTime = false;
    /** Runs one step unless it would overrun the deadline; null when there was no time. */
    const step = async (sessions: number): Promise<ClockRun | null> => {
      const isReference = sessions === REFERENCE_SESSIONS;
      const durationMs = isReference ? referenceMs : stepMs;
      const estimateMs = sessions * seedMsPerSession * 1.2 + durationMs + 5_000;
      if (Date.now() + estimateMs > ctx.deadline) {
        ctx.log(`clock: no time for ${sessions} sessions: about ${formatMs(estimateMs)} needed, ${formatMs(ctx.deadline - Date.now())} left`);
        outOfTime = true;
        return null;
      }
      const run = await runClock(sessions, durationMs, isReference ? null : Math.min(8_000, durationMs), ctx);
      runs.push(run);
      seedMsPerSession = Math.max(seedMsPerSession, run.seedMs / sessions);
      return run;
    };

    // The first backend in a process also pays for bundling and JIT compilation: keep that out of the figures.
    await runClock(WARM_UP.sessions, WARM_UP.durationMs, null, ctx, "warm-up, not counted: ");

    let highestPassed = 0;
    let lowestFailed: number | null = null;
    for (const sessions of search ? (ctx.quick ? QUICK_STEPS : STEPS) : [REFERENCE_SESSIONS]) {
      const run = await step(sessions);
      if (run === null) break;
      if (!run.passed) {
        lowestFailed = sessions;
        break;
      }
      highestPassed = sessions;
    }
    // Narrow the gap between the last step that held and the first that did not, while time allows.
    while (search && lowestFailed !== null && !outOfTime && lowestFailed - highestPassed > Math.max(BISECT_RESOLUTION, highestPassed / 10)) {
      const mid = Math.round((highestPassed + lowestFailed) / 2 / BISECT_RESOLUTION) * BISECT_RESOLUTION;
      const run = await step(mid);
      if (run === null) break;
      if (run.passed) highestPassed = mid;
      else lowestFailed = mid;
    }

    // The search may stop below the reference load; its figures are reported regardless.
    if (!runs.some((r) => r.sessions === REFERENCE_SESSIONS) && ctx.wants(`clock.tick_lag_p99_ms@${REFERENCE_SESSIONS}`)) {
      await step(REFERENCE_SESSIONS);
    }

    const metrics: Metric[] = runs.flatMap(lagMetrics);
    const reference = runs.find((r) => r.sessions === REFERENCE_SESSIONS);
    if (reference !== undefined && reference.lags.length > 0) {
      metrics.push(
        { metric: "clock.tick_lag_p50_ms@1000", value: Math.round(percentile(reference.lags, 50)), unit: "ms" },
        { metric: "clock.tick_lag_max_ms@1000", value: Math.round(percentile(reference.lags, 100)), unit: "ms" },
      );
    }
    // The sustained runs: the 1000-session reference and every step that held.
    const sustainedRuns = runs.filter((r) => r.passed || r === reference);
    metrics.push(
      { metric: "clock.missed_seconds", value: sustainedRuns.reduce((sum, r) => sum + r.missed, 0), unit: "s" },
      { metric: "clock.meter_mismatches", value: runs.reduce((sum, r) => sum + r.mismatches, 0), unit: "sessions" },
    );
    if (search) {
      metrics.push(
        { metric: "clock.sessions_sustained", value: highestPassed, unit: "sessions" },
        { metric: "clock.first_failed_sessions", value: lowestFailed ?? 0, unit: "sessions" },
      );
      const why = lowestFailed !== null ? `${lowestFailed} sessions were not` : outOfTime ? "the time budget ended the search" : "every step held";
      ctx.log(`clock: sustained ${highestPassed} sessions (${why}${outOfTime && lowestFailed !== null ? "; time budget ended the search" : ""})`);
    }
    return metrics;
  },
};
