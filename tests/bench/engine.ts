/**
 * The local backend's engine (tools/convex-local) at volume, on one workload:
 * append-only event streams (`stream`, `seq`) read newest-first with an
 * indexed take(10).
 *
 * - In process: the same queries on the indexed engine and on the unmodified
 *   convex-test engine, at 1k, 10k and 100k documents.
 * - A backend holding 100k documents: one-insert mutations through
 *   `backend.run`; over WebSocket with the official ConvexClient, commits per
 *   second (writer clients, 16 mutations in flight) while 10 and 100 clients
 *   each watch a stream that every 10th/100th commit appends to, counted until
 *   every watcher has its newest event; and commit → client latency.
 * - Start-up of a backend from snapshot + log holding 100k documents.
 *
 * Runnable on its own: `node --import tsx tests/bench/engine.ts [--quick]`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { convexTest } from "convex-test";
import { ConvexClient } from "convex/browser";
import { anyApi, defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import WebSocket from "ws";
import { attachInternals } from "../../tools/convex-local/src/engine-internals";
import { startBackend, type Backend } from "../../tools/convex-local/src/index";
import { formatMs, percentile, type Metric, type Suite, type SuiteContext } from "./harness";

const FIXTURE_DIR = fileURLToPath(new URL("../../tools/convex-local/bench/fixture/convex", import.meta.url));
const STREAMS = 1000;
const LOAD_BATCH = 2000;
const SIZES = [1_000, 10_000, 100_000] as const;
const label = (n: number) => `${n / 1000}k`;
/* eslint-disable @typescript-eslint/no-explicit-any */
const api = anyApi as any;

const schema = defineSchema({
  events: defineTable({ stream: v.string(), seq: v.number(), payload: v.string() }).index("by_stream_seq", ["stream", "seq"]),
});

type Tester = ReturnType<typeof convexTest>;

async function makeEngine(indexed: boolean): Promise<Tester> {
  const t = convexTest(schema, { "./_generated/api.js": async () => ({}) } as never);
  if (indexed) await attachInternals(t as never);
  return t;
}

async function loadUpTo(t: Tester, from: number, to: number): Promise<void> {
  for (let first = from; first < to; first += LOAD_BATCH) {
    const last = Math.min(to, first + LOAD_BATCH);
    await t.run(async (ctx) => {
      for (let seq = first; seq < last; seq++) await ctx.db.insert("events", { stream: `s${seq % STREAMS}`, seq, payload: `event ${seq}` });
    });
  }
}

async function timeEach(samples: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await fn(i);
    times.push(performance.now() - started);
  }
  return times;
}

const take10 = (t: Tester, i: number) =>
  t.query(async (ctx) => await (ctx.db as any).query("events").withIndex("by_stream_seq", (q: any) => q.eq("stream", `s${(i * 7919) % STREAMS}`)).order("desc").take(10));

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

async function inProcess(ctx: SuiteContext): Promise<Metric[]> {
  const metrics: Metric[] = [];
  const samples = ctx.quick ? 100 : 400;
  const indexed = await makeEngine(true);
  let loaded = 0;
  let indexedMedianAt100k = NaN;
  for (const size of SIZES) {
    await loadUpTo(indexed, loaded, size);
    loaded = size;
    await timeEach(20, (i) => take10(indexed, i));
    const times = await timeEach(samples, (i) => take10(indexed, i));
    metrics.push({ metric: `query.indexed_take10_p95_ms@${label(size)}`, value: round(percentile(times, 95), 3), unit: "ms" });
    ctx.log(`take(10) at ${label(size)}: p50 ${percentile(times, 50).toFixed(3)} ms, p95 ${percentile(times, 95).toFixed(3)} ms`);
    if (size === 100_000) indexedMedianAt100k = percentile(times, 50);
  }
  const plain = await makeEngine(false);
  await loadUpTo(plain, 0, 100_000);
  const plainTimes = await timeEach(ctx.quick ? 5 : 15, (i) => take10(plain, i));
  const plainMedian = percentile(plainTimes, 50);
  ctx.log(`unmodified convex-test take(10) at 100k: p50 ${plainMedian.toFixed(1)} ms`);
  metrics.push({ metric: "engine.speedup_vs_convex_test@100k", value: round(plainMedian / indexedMedianAt100k, 1), unit: "x" });
  return metrics;
}

function newClient(backend: Backend): ConvexClient {
  return new ConvexClient(backend.url, { webSocketConstructor: WebSocket as never, unsavedChangesWarning: false });
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

async function seedBackend(backend: Backend, count: number): Promise<void> {
  for (let first = 0; first < count; first += LOAD_BATCH) {
    await backend.run("events:appendMany", { streams: STREAMS, firstSeq: first, count: Math.min(LOAD_BATCH, count - first) });
  }
}

const WRITERS = 4;
const IN_FLIGHT_PER_WRITER = 4;

/**
 * Commits per second while `subscribers` clients each watch a stream: writer
 * clients send mutations over WebSocket (each keeping a few in flight), every
 * commit appends to one watched stream, and the run ends only once every
 * watcher has received the newest event of its stream, so the rate includes
 * re-running and pushing the touched subscriptions.
 */
async function commitsPerSecond(backend: Backend, subscribers: number, durationMs: number, seqBase: number, log: (m: string) => void): Promise<number> {
  const watchers: ConvexClient[] = [];
  const newestSeen = new Array<number>(subscribers).fill(-1);
  let initial = 0;
  let updates = 0;
  for (let i = 0; i < subscribers; i++) {
    const client = newClient(backend);
    watchers.push(client);
    let first = true;
    client.onUpdate(api.events.latest, { stream: `watch${i}` }, (rows: { seq: number }[]) => {
      if (first) initial++;
      else updates++;
      first = false;
      newestSeen[i] = rows[0]?.seq ?? -1;
    });
  }
  const writers = Array.from({ length: WRITERS }, () => newClient(backend));
  try {
    await until(() => initial === subscribers, `${subscribers} initial results`);
    const newestWritten = new Array<number>(subscribers).fill(-1);
    let commits = 0;
    const lanes = WRITERS * IN_FLIGHT_PER_WRITER;
    const end = Date.now() + durationMs;
    const lane = async (writer: ConvexClient, first: number) => {
      for (let k = first; Date.now() < end; k += lanes) {
        const stream = k % subscribers;
        await writer.mutation(api.events.append, { stream: `watch${stream}`, seq: seqBase + k, payload: "x" });
        newestWritten[stream] = Math.max(newestWritten[stream]!, seqBase + k);
        commits++;
      }
    };
    const started = performance.now();
    await Promise.all(writers.flatMap((writer, w) => Array.from({ length: IN_FLIGHT_PER_WRITER }, (_, l) => lane(writer, w * IN_FLIGHT_PER_WRITER + l))));
    await until(() => newestWritten.every((seq, i) => seq === -1 || newestSeen[i] === seq), "every watcher to see its newest event");
    const seconds = (performance.now() - started) / 1000;
    log(`${subscribers} subscribers: ${commits} commits in ${seconds.toFixed(2)} s (until delivered), ${updates} updates pushed`);
    return commits / seconds;
  } finally {
    await Promise.all([...writers, ...watchers].map((c) => c.close()));
  }
}

/** Commit (mutation called) → the subscribed client's callback sees it. */
async function pushLatencies(backend: Backend, samples: number): Promise<number[]> {
  const watchers = Array.from({ length: 9 }, (_, i) => {
    const client = newClient(backend);
    client.onUpdate(api.events.latest, { stream: `other${i}` }, () => undefined);
    return client;
  });
  const client = newClient(backend);
  let newest = -1;
  let subscribed = false;
  client.onUpdate(api.events.latest, { stream: "push" }, (rows: { seq: number }[]) => {
    subscribed = true;
    newest = rows[0]?.seq ?? newest;
  });
  try {
    await until(() => subscribed, "subscription");
    await backend.run("events:append", { stream: "push", seq: 0, payload: "warm-up" });
    await until(() => newest === 0, "warm-up push");
    const latencies: number[] = [];
    for (let i = 1; i <= samples; i++) {
      const started = performance.now();
      void backend.run("events:append", { stream: "push", seq: i, payload: "p" });
      await until(() => newest === i, `push ${i}`);
      latencies.push(performance.now() - started);
    }
    return latencies;
  } finally {
    await Promise.all([client, ...watchers].map((c) => c.close()));
  }
}

async function overWebSocket(ctx: SuiteContext): Promise<Metric[]> {
  const metrics: Metric[] = [];
  const backend = await startBackend({ functionsDir: FIXTURE_DIR, port: 0, inMemory: true, watch: false });
  try {
    await seedBackend(backend, ctx.quick ? 20_000 : 100_000);
    const mutationTimes = await timeEach(ctx.quick ? 200 : 1000, (i) => backend.run("events:append", { stream: `s${i % STREAMS}`, seq: 5_000_000 + i, payload: "new" }));
    ctx.log(`one-insert mutation through the backend at ${ctx.quick ? "20k" : "100k"}: p50 ${percentile(mutationTimes, 50).toFixed(3)} ms, p95 ${percentile(mutationTimes, 95).toFixed(3)} ms`);
    if (!ctx.quick) metrics.push({ metric: "mutation.p50_ms@100k", value: round(percentile(mutationTimes, 50), 3), unit: "ms" });
    const durationMs = ctx.quick ? 2_000 : 5_000;
    for (const subscribers of [10, 100]) {
      const rate = await commitsPerSecond(backend, subscribers, durationMs, subscribers * 10_000_000, ctx.log);
      ctx.log(`${subscribers} subscribers: ${rate.toFixed(0)} commits/s`);
      metrics.push({ metric: `commits_per_s@${subscribers}_subscribers`, value: Math.round(rate), unit: "commits/s" });
    }
    const latencies = await pushLatencies(backend, ctx.quick ? 50 : 200);
    ctx.log(`push latency: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`);
    metrics.push({ metric: "push.latency_p95_ms", value: round(percentile(latencies, 95)), unit: "ms" });
  } finally {
    await backend.close();
  }
  return metrics;
}

async function startup(ctx: SuiteContext): Promise<Metric[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "engine-bench-"));
  try {
    // Compacting after 30 records leaves most documents in the snapshot and the rest in the log.
    const options = { functionsDir: FIXTURE_DIR, port: 0, dataDir, watch: false, compactAfterRecords: 30 };
    const writer = await startBackend(options);
    await seedBackend(writer, 100_000);
    await writer.close();
    const started = performance.now();
    const reader = await startBackend(options);
    const seconds = (performance.now() - started) / 1000;
    const newest = (await reader.run("events:latest", { stream: "s999" })) as { seq: number }[];
    await reader.close();
    if (newest[0]?.seq !== 99_999) throw new Error(`start-up lost data: newest of s999 is ${newest[0]?.seq}`);
    ctx.log(`start-up from snapshot + log with 100k documents: ${seconds.toFixed(2)} s`);
    return [{ metric: "engine.startup_s@100k", value: round(seconds), unit: "s" }];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const engineSuite: Suite = {
  name: "engine",
  metrics: [
    "query.indexed_take10_p95_ms@",
    "mutation.p50_ms@100k",
    "engine.speedup_vs_convex_test@100k",
    "commits_per_s@",
    "push.latency_p95_ms",
    "engine.startup_s@100k",
  ],
  budgetMs: { full: 60_000, quick: 30_000 },
  async run(ctx) {
    const metrics: Metric[] = [];
    const wantsAny = (names: string[]) => names.some((name) => ctx.wants(name));
    if (wantsAny([...SIZES.map((n) => `query.indexed_take10_p95_ms@${label(n)}`), "engine.speedup_vs_convex_test@100k"])) metrics.push(...(await inProcess(ctx)));
    if (wantsAny(["mutation.p50_ms@100k", "commits_per_s@10_subscribers", "commits_per_s@100_subscribers", "push.latency_p95_ms"])) metrics.push(...(await overWebSocket(ctx)));
    if (ctx.wants("engine.startup_s@100k")) metrics.push(...(await startup(ctx)));
    return metrics;
  },
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const quick = process.argv.includes("--quick");
  const started = Date.now();
  engineSuite
    .run({ quick, deadline: Date.now() + 600_000, wants: () => true, log: (m) => process.stderr.write(`[engine] ${m}\n`) })
    .then((metrics) => {
      for (const m of metrics) process.stdout.write(`${JSON.stringify(m)}\n`);
      process.stderr.write(`engine bench finished in ${formatMs(Date.now() - started)}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
