/**
 * Full text search on the local backend's engine (tools/convex-local): 10,000
 * advisor-like profiles, each a 25-word text (a 400-word vocabulary plus, for
 * about 5 % of the profiles each, one of 12 specialty words) with `status`
 * (80 % approved) and `isOnline` filter fields, the shape of the discovery
 * search. A query is one specialty word and `status = "approved"`, `.take(20)`.
 *
 * - `search.one_term_one_filter_p95_ms@10k`: its p95 latency, in process
 *   (the same `t.query` path as the other engine figures).
 * - `search.docs_visited@10k`: the most documents one such query examined
 *   (the engine's visit counter), against 10,000 in the table.
 * - `search.results@10k`: the most documents such a query matched (take(20)
 *   returns 20 of them; relevance order needs them all scored).
 * - `search.speedup_vs_convex_test@10k`: the unmodified convex-test engine's
 *   median for the same query (it visits the whole table) over ours.
 *
 * Runnable on its own: `node --import tsx tests/bench/search.ts [--quick]`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { convexTest } from "convex-test";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { attachInternals, type EngineInternals } from "../../tools/convex-local/src/engine-internals";
import { formatMs, percentile, type Metric, type Suite, type SuiteContext } from "./harness";

const DOCUMENTS = 10_000;
const BATCH = 2000;
const WORDS_PER_TEXT = 25;
const SPECIALTIES = ["tarot", "astrology", "career", "relationships", "dreams", "numerology", "palmistry", "reiki", "meditation", "crystals", "grief", "mediumship"];
const VOCABULARY = Array.from({ length: 400 }, (_, i) => `word${i.toString(36)}`);
const STATUSES = ["approved", "approved", "approved", "approved", "approved", "approved", "approved", "approved", "pending", "suspended"];

const schema = defineSchema({
  profiles: defineTable({ searchText: v.string(), status: v.string(), isOnline: v.boolean() }).searchIndex("search_text", {
    searchField: "searchText",
    filterFields: ["status", "isOnline"],
  }),
});

const newTester = () => convexTest(schema, { "./_generated/api.js": async () => ({}) } as never);
type Tester = ReturnType<typeof newTester>;

/** A small deterministic generator, so every run searches the same profiles. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function profile(random: () => number): { searchText: string; status: string; isOnline: boolean } {
  const words = Array.from({ length: WORDS_PER_TEXT }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!);
  for (const specialty of SPECIALTIES) if (random() < 0.05) words[Math.floor(random() * words.length)] = specialty;
  return { searchText: words.join(" "), status: STATUSES[Math.floor(random() * STATUSES.length)]!, isOnline: random() < 0.3 };
}

async function engine(indexed: boolean): Promise<{ t: Tester; internals: EngineInternals | null }> {
  const t = newTester();
  const internals = indexed ? await attachInternals(t as never) : null;
  const random = generator(15);
  for (let first = 0; first < DOCUMENTS; first += BATCH) {
    await t.run(async (ctx) => {
      for (let i = first; i < Math.min(DOCUMENTS, first + BATCH); i++) await ctx.db.insert("profiles", profile(random));
    });
  }
  return { t, internals };
}

const searchSpecialty = (t: Tester, i: number) =>
  t.query(async (ctx) => {
    const term = SPECIALTIES[i % SPECIALTIES.length]!;
    return await ctx.db
      .query("profiles")
      .withSearchIndex("search_text", (q) => q.search("searchText", term).eq("status", "approved"))
      .take(20);
  });

async function timeEach(samples: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await fn(i);
    times.push(performance.now() - started);
  }
  return times;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

async function measure(ctx: SuiteContext): Promise<Metric[]> {
  const started = Date.now();
  const { t, internals } = await engine(true);
  ctx.log(`seeded ${DOCUMENTS} profiles in ${formatMs(Date.now() - started)}`);
  let mostVisited = 0;
  let mostMatched = 0;
  for (let i = 0; i < SPECIALTIES.length; i++) {
    const term = SPECIALTIES[i]!;
    const before = internals!.documentsVisited();
    await searchSpecialty(t, i);
    mostVisited = Math.max(mostVisited, internals!.documentsVisited() - before);
    const matched = await t.query(async (q) =>
      (await q.db.query("profiles").withSearchIndex("search_text", (s) => s.search("searchText", term).eq("status", "approved")).collect()).length,
    );
    mostMatched = Math.max(mostMatched, matched);
  }
  await timeEach(50, (i) => searchSpecialty(t, i));
  const times = await timeEach(ctx.quick ? 200 : 1000, (i) => searchSpecialty(t, i));
  ctx.log(`one term + one filter at 10k: p50 ${percentile(times, 50).toFixed(3)} ms, p95 ${percentile(times, 95).toFixed(3)} ms; at most ${mostVisited} documents visited, ${mostMatched} matched`);
  const metrics: Metric[] = [
    { metric: "search.one_term_one_filter_p95_ms@10k", value: round(percentile(times, 95)), unit: "ms" },
    { metric: "search.docs_visited@10k", value: mostVisited, unit: "docs" },
    { metric: "search.results@10k", value: mostMatched, unit: "docs" },
  ];
  if (ctx.wants("search.speedup_vs_convex_test@10k")) {
    const plain = await engine(false);
    const plainTimes = await timeEach(ctx.quick ? 12 : 36, (i) => searchSpecialty(plain.t, i));
    ctx.log(`unmodified convex-test, same query: p50 ${percentile(plainTimes, 50).toFixed(1)} ms`);
    metrics.push({ metric: "search.speedup_vs_convex_test@10k", value: round(percentile(plainTimes, 50) / percentile(times, 50), 1), unit: "x" });
  }
  return metrics;
}

export const searchSuite: Suite = {
  name: "search",
  metrics: ["search.one_term_one_filter_p95_ms@10k", "search.docs_visited@10k", "search.results@10k", "search.speedup_vs_convex_test@10k"],
  budgetMs: { full: 30_000, quick: 15_000 },
  run: measure,
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const quick = process.argv.includes("--quick");
  const started = Date.now();
  searchSuite
    .run({ quick, deadline: Date.now() + 600_000, wants: () => true, log: (m) => process.stderr.write(`[search] ${m}\n`) })
    .then((metrics) => {
      for (const m of metrics) process.stdout.write(`${JSON.stringify(m)}\n`);
      process.stderr.write(`search bench finished in ${formatMs(Date.now() - started)}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
