/**
 * Advisor discovery (issue 15) with 10,000 approved advisors and 200,000
 * reviews, on convex-test with the real schema and the local backend's
 * indexed engine and search index:
 *
 * - `discovery.text_two_filters_p95_ms@10k_advisors`: the first page (12) of a
 *   specialty word search with a language and a minimum-rating filter.
 * - `discovery.filters_sort_p95_ms@10k_advisors`: the first page of a
 *   specialty + online-now filter sorted by rating (listing index, no text).
 * - `…_docs_read@…`: documents the function read to answer (what its reads
 *   returned: the page it filtered and each card's advisor, user and presence
 *   lookup), the figure Convex bills and bounds.
 * - `…_candidates@…`: documents the engine examined to find them (for a text
 *   search, every match is scored for relevance).
 * - `reviews.first_page_docs_read@200k_reviews`: an advisor's first page of 10 reviews.
 *
 * Runnable on its own: `node --import tsx tests/bench/discovery.ts [--quick]`.
 */
import { convexTest } from "convex-test";
import schema from "../../convex/schema";
import type { Id } from "../../convex/_generated/dataModel";
import type { QueryCtx } from "../../convex/_generated/server";
import { syncListings, discoverPage } from "../../convex/model/advisorListings";
import { reviewsPage } from "../../convex/model/reviews";
import { LANGUAGES, DEFAULT_SPECIALTIES, type DiscoveryFilters } from "../../lib/advisors/discovery";
import { attachInternals } from "../../tools/convex-local/src/engine-internals";
import { countingReads } from "./countingReads";
import { formatMs, percentile, runIfScript, type Metric, type Suite, type SuiteContext } from "./harness";

const BATCH = 500;

function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function seed(t: ReturnType<typeof convexTest>, advisors: number, reviews: number, log: (m: string) => void) {
  const random = generator(15);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const started = Date.now();
  const advisorIds: Id<"advisors">[] = [];
  for (let first = 0; first < advisors; first += BATCH) {
    const ids = await t.run(async (ctx) => {
      const made: Id<"advisors">[] = [];
      for (let i = first; i < Math.min(advisors, first + BATCH); i++) {
        const userId = await ctx.db.insert("users", { tokenIdentifier: `bench|${i}`, name: `Advisor ${i}`, email: `a${i}@bench.localhost`, role: "advisor" });
        const ratingCount = Math.floor(random() * 60);
        const chat = 20 + Math.floor(random() * 400);
        const advisorId = await ctx.db.insert("advisors", {
          userId,
          headline: `Advice number ${i}`,
          bio: "",
          specialties: [...new Set([pick(DEFAULT_SPECIALTIES), pick(DEFAULT_SPECIALTIES)])],
          languages: [...new Set([pick(LANGUAGES), "English"])],
          chatPricePerMinute: chat,
          videoPricePerMinute: chat * 2,
          currency: "USD",
          status: "approved",
          isOnline: random() < 0.2,
          ratingTotal: Math.round(ratingCount * (2 + random() * 3)),
          ratingCount,
        });
        await syncListings(ctx, advisorId);
        made.push(advisorId);
      }
      return made;
    });
    advisorIds.push(...ids);
  }
  log(`seeded ${advisors} advisors and their listings in ${formatMs(Date.now() - started)}`);
  const { clientId, sessionId } = await t.run(async (ctx) => {
    const clientId = await ctx.db.insert("users", { tokenIdentifier: "bench|client", name: "Bench Client", email: "client@bench.localhost", role: "client" });
    const advisor = (await ctx.db.get(advisorIds[0]!))!;
    const now = Date.now();
    const sessionId = await ctx.db.insert("sessions", {
      clientId, advisorId: advisor._id, advisorUserId: advisor.userId, kind: "chat", status: "ended", rateCentsPerMinute: 100, currency: "USD",
      requestedAt: now, expiresAt: now, billedMs: 0, resumedAt: null, billedSeconds: 0, chargeCents: 0, availableCents: 0, remainingSeconds: 0,
      warningLevel: "none", timerColour: "green", firedWarnings: [], syncedAt: now, endedAt: now,
    });
    return { clientId, sessionId };
  });
  const reviewStarted = Date.now();
  for (let first = 0; first < reviews; first += 5000) {
    await t.run(async (ctx) => {
      for (let i = first; i < Math.min(reviews, first + 5000); i++) {
        // A tenth of all reviews on the first advisor (the page measured), the rest spread out.
        const advisorId = i % 10 === 0 ? advisorIds[0]! : pick(advisorIds);
        await ctx.db.insert("ratings", { sessionId, clientId, advisorId, stars: 1 + Math.floor(random() * 5), text: "Helpful", at: i, ...(i % 50 === 0 ? { hidden: { reason: "bench", by: clientId, at: i } } : {}) });
      }
    });
  }
  log(`seeded ${reviews} reviews in ${formatMs(Date.now() - reviewStarted)}`);
  return { firstAdvisor: advisorIds[0]! };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const FIRST_PAGE = { numItems: 12, cursor: null };

async function measure(ctx: SuiteContext): Promise<Metric[]> {
  const t = convexTest(schema, { "./_generated/api.js": async () => ({}) } as never);
  const internals = await attachInternals(t as never);
  const quick = ctx.quick;
  const advisors = quick ? 2000 : 10_000;
  const reviews = quick ? 40_000 : 200_000;
  const { firstAdvisor } = await seed(t, advisors, reviews, ctx.log);
  const suffix = quick ? "2k_advisors" : "10k_advisors";
  const reviewSuffix = quick ? "40k_reviews" : "200k_reviews";

  const textQuery = (i: number): DiscoveryFilters => ({
    text: DEFAULT_SPECIALTIES[i % DEFAULT_SPECIALTIES.length]!.split(" ")[0],
    language: "Spanish",
    minRating: 4,
    priceKind: "chat",
    onlineOnly: false,
    sort: "recommended",
  });
  const filterQuery = (i: number): DiscoveryFilters => ({
    specialty: DEFAULT_SPECIALTIES[i % DEFAULT_SPECIALTIES.length],
    onlineOnly: true,
    priceKind: "chat",
    sort: "rating",
  });

  async function run(filters: (i: number) => DiscoveryFilters, samples: number) {
    const times: number[] = [];
    let reads = 0;
    let candidates = 0;
    for (let i = 0; i < samples; i++) {
      const visitedBefore = internals.documentsVisited();
      const started = performance.now();
      const read = await t.run(async (raw) => {
        const { ctx: counted, reads: count } = countingReads(raw as unknown as QueryCtx);
        await discoverPage(counted, filters(i), FIRST_PAGE);
        return count();
      });
      times.push(performance.now() - started);
      reads = Math.max(reads, read);
      candidates = Math.max(candidates, internals.documentsVisited() - visitedBefore);
    }
    return { p95: percentile(times, 95), reads, candidates };
  }

  const samples = quick ? 48 : 240;
  const text = await run(textQuery, samples);
  ctx.log(`text + 2 filters: p95 ${text.p95.toFixed(2)} ms, at most ${text.reads} docs read, ${text.candidates} candidates`);
  const filtered = await run(filterQuery, samples);
  ctx.log(`specialty + online, by rating: p95 ${filtered.p95.toFixed(2)} ms, at most ${filtered.reads} docs read, ${filtered.candidates} candidates`);
  const reviewReads = await t.run(async (raw) => {
    const { ctx: counted, reads } = countingReads(raw as unknown as QueryCtx);
    await reviewsPage(counted, firstAdvisor, { numItems: 10, cursor: null });
    return reads();
  });
  return [
    { metric: `discovery.text_two_filters_p95_ms@${suffix}`, value: round(text.p95), unit: "ms" },
    { metric: `discovery.text_two_filters_docs_read@${suffix}`, value: text.reads, unit: "docs" },
    { metric: `discovery.text_two_filters_candidates@${suffix}`, value: text.candidates, unit: "docs" },
    { metric: `discovery.filters_sort_p95_ms@${suffix}`, value: round(filtered.p95), unit: "ms" },
    { metric: `discovery.filters_sort_docs_read@${suffix}`, value: filtered.reads, unit: "docs" },
    { metric: `reviews.first_page_docs_read@${reviewSuffix}`, value: reviewReads, unit: "docs" },
  ];
}

export const discoverySuite: Suite = {
  name: "discovery",
  metrics: ["discovery.", "reviews."],
  budgetMs: { full: 240_000, quick: 60_000 },
  run: measure,
};

runIfScript(import.meta.url, discoverySuite);
