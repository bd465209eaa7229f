/**
 * The search indexes against a naive reference (every document tokenized on
 * the spot), inside and outside transactions; the documents a search visits;
 * read-set invalidation of searches.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { convexTest } from "convex-test";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { attachInternals, type Commit, type ReadRecorder } from "../src/engine-internals.js";
import { changeTouches } from "../src/engine.js";
import { rank, tokenize, valueKey, type SearchHit } from "../src/search-index.js";

const schema = defineSchema({
  items: defineTable({ body: v.optional(v.union(v.string(), v.number())), ch: v.optional(v.string()), n: v.number() }).searchIndex("search_body", {
    searchField: "body",
    filterFields: ["ch", "n"],
  }),
});

type Fields = { body?: string | number; ch?: string; n: number };
type Item = Fields & { _id: string; _creationTime: number };

async function setup() {
  const t = convexTest(schema, { "./_generated/api.js": async () => ({}) } as never);
  const internals = await attachInternals(t as never);
  return { t, internals };
}

const WORDS = ["apple", "Apple", "app", "apricot", "banana", "ban", "été", "Été", "naïve", "x1", "42", "a".repeat(32), "ﬁx"];
const SEPARATORS = [" ", ", ", "-", "!", "\n", "'"];
const text = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 6 })
  .map((parts) => parts.map(([word, sep]) => word + sep).join(""));
const fields: fc.Arbitrary<Fields> = fc
  .record({ body: fc.oneof({ arbitrary: text, weight: 6 }, { arbitrary: fc.constant(7), weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 }), ch: fc.constantFrom(undefined, "a", "b"), n: fc.integer({ min: 0, max: 2 }) })
  .map(({ body, ch, n }) => ({ n, ...(body === undefined ? {} : { body }), ...(ch === undefined ? {} : { ch }) }));

type Spec = { text: string; ch?: { value: string | undefined }; n?: number };
const spec: fc.Arbitrary<Spec> = fc.record(
  {
    text: fc.array(fc.constantFrom(...WORDS, "ap", "AP", "b", "zzz", "é"), { minLength: 1, maxLength: 3 }).map((words) => words.join(" ")),
    ch: fc.record({ value: fc.constantFrom(undefined, "a", "b") }),
    n: fc.integer({ min: 0, max: 2 }),
  },
  { requiredKeys: ["text"] },
);

/* eslint-disable @typescript-eslint/no-explicit-any */
function searchOf(db: any, s: Spec) {
  return db.query("items").withSearchIndex("search_body", (q: any) => {
    let e = q.search("body", s.text);
    if (s.ch !== undefined) e = e.eq("ch", s.ch.value);
    if (s.n !== undefined) e = e.eq("n", s.n);
    return e;
  });
}

/** Words the naive way: maximal runs of letters and digits, lowercased, shorter than 32 bytes. */
function words(body: string): string[] {
  return body
    .split(/[^\p{Alphabetic}\p{N}]+/u)
    .filter((w) => w.length > 0 && new TextEncoder().encode(w).length < 32)
    .map((w) => w.toLowerCase());
}

/** Every live document checked on the spot, then the module's relevance order. */
function naive(docs: Item[], s: Spec): string[] {
  const queryWords = words(s.text);
  const terms = queryWords.map((text, i) => ({ text, prefix: i === queryWords.length - 1 }));
  const unique = terms.filter((term, i) => terms.findIndex((other) => other.text === term.text && other.prefix === term.prefix) === i);
  const hits: SearchHit[] = [];
  for (const doc of docs) {
    if (typeof doc.body !== "string") continue;
    if (s.ch !== undefined && valueKey(doc.ch) !== valueKey(s.ch.value)) continue;
    if (s.n !== undefined && doc.n !== s.n) continue;
    const docWords = words(doc.body);
    const tfs = unique.map((term) => docWords.filter((w) => (term.prefix ? w.startsWith(term.text) : w === term.text)).length);
    if (tfs.some((tf) => tf > 0)) hits.push({ doc: doc as never, length: docWords.length, tfs });
  }
  return rank({ terms: unique, filters: [] }, hits).map((hit) => hit.doc._id);
}

const ids = (docs: Item[]) => docs.map((d) => d._id);

describe("search indexes", () => {
  it("tokenizes as Convex documents: letters and digits, lowercased, long terms dropped", () => {
    expect(tokenize("The Quick, brown-FOX! x1 42 été")).toEqual(["the", "quick", "brown", "fox", "x1", "42", "été"]);
    expect(tokenize(`${"a".repeat(31)} ${"b".repeat(32)} ${"é".repeat(16)}`)).toEqual(["a".repeat(31)]);
  });

  it("answers random searches exactly like a naive reference", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fields, { maxLength: 30 }), fc.array(fc.tuple(fc.nat(), fields), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), spec, fc.nat({ max: 5 }), async (inserts, patches, deletions, s, limit) => {
        const { t } = await setup();
        const all = await t.run(async (ctx) => {
          for (const doc of inserts) await ctx.db.insert("items", doc);
          return (await ctx.db.query("items").collect()) as Item[];
        });
        if (all.length > 0) {
          await t.run(async (ctx) => {
            for (const [k, doc] of patches) await ctx.db.replace(all[k % all.length]!._id as never, doc);
          });
          await t.run(async (ctx) => {
            for (const id of new Set(deletions.map((k) => all[k % all.length]!._id))) await ctx.db.delete(id as never);
          });
        }
        const live = await t.query(async (ctx) => (await ctx.db.query("items").collect()) as Item[]);
        const expected = naive(live, s);
        const got = await t.query(async (ctx) => ({
          all: (await searchOf(ctx.db, s).collect()) as Item[],
          take: (await searchOf(ctx.db, s).take(limit)) as Item[],
          first: (await searchOf(ctx.db, s).first()) as Item | null,
        }));
        expect(ids(got.all)).toEqual(expected);
        expect(ids(got.take)).toEqual(expected.slice(0, limit));
        expect(got.first?._id ?? null).toBe(expected[0] ?? null);
      }),
      { numRuns: 150 },
    );
  });

  it("sees a transaction's own inserts, replaces and deletes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fields, { maxLength: 20 }), fc.array(fields, { maxLength: 8 }), fc.array(fc.tuple(fc.nat(), fields), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 4 }), spec, async (committed, inserted, patches, deletions, s) => {
        const { t } = await setup();
        await t.run(async (ctx) => {
          for (const doc of committed) await ctx.db.insert("items", doc);
        });
        const result = await t.run(async (ctx) => {
          const before = ids((await searchOf(ctx.db, s).collect()) as Item[]);
          const expectedBefore = naive((await ctx.db.query("items").collect()) as Item[], s);
          for (const doc of inserted) await ctx.db.insert("items", doc);
          const current = (await ctx.db.query("items").collect()) as Item[];
          for (const [k, doc] of patches) if (current.length > 0) await ctx.db.replace(current[k % current.length]!._id as never, doc);
          // A search between the writes builds the pending index; later writes must keep it up to date.
          const between = ids((await searchOf(ctx.db, s).collect()) as Item[]);
          const expectedBetween = naive((await ctx.db.query("items").collect()) as Item[], s);
          const gone = new Set(current.length === 0 ? [] : deletions.map((k) => current[k % current.length]!._id));
          for (const id of gone) await ctx.db.delete(id as never);
          const state = (await ctx.db.query("items").collect()) as Item[];
          return { before, expectedBefore, between, expectedBetween, inside: ids((await searchOf(ctx.db, s).collect()) as Item[]), expected: naive(state, s) };
        });
        expect(result.before).toEqual(result.expectedBefore);
        expect(result.between).toEqual(result.expectedBetween);
        expect(result.inside).toEqual(result.expected);
      }),
      { numRuns: 80 },
    );
  });

  it("pages through the same results as collect(), page ends kept or not", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fields, { maxLength: 30 }), spec, fc.integer({ min: 1, max: 4 }), async (inserts, s, pageSize) => {
        const { t } = await setup();
        await t.run(async (ctx) => {
          for (const doc of inserts) await ctx.db.insert("items", doc);
        });
        const page = (cursor: string | null, endCursor?: string) =>
          t.query(async (ctx) => await searchOf(ctx.db, s).paginate({ numItems: pageSize, cursor, endCursor } as never));
        const all = ids(await t.query(async (ctx) => (await searchOf(ctx.db, s).collect()) as Item[]));
        const seen: string[] = [];
        const bounds: { cursor: string | null; end: string }[] = [];
        for (let cursor: string | null = null; ; ) {
          const result = (await page(cursor)) as { page: Item[]; isDone: boolean; continueCursor: string };
          if (!result.isDone) expect(result.page.length).toBe(pageSize);
          seen.push(...ids(result.page));
          bounds.push({ cursor, end: result.continueCursor });
          if (result.isDone) break;
          cursor = result.continueCursor;
        }
        expect(seen).toEqual(all);
        const again: string[] = [];
        for (const { cursor, end } of bounds) again.push(...ids(((await page(cursor, end)) as { page: Item[] }).page));
        expect(again).toEqual(all);
      }),
      { numRuns: 80 },
    );
  });

  it("visits only the documents its term or its filter value leads to, not the table", async () => {
    const { t, internals } = await setup();
    for (let first = 0; first < 10_000; first += 2000) {
      await t.run(async (ctx) => {
        for (let i = first; i < first + 2000; i++) await ctx.db.insert("items", { body: `w${String(i % 100).padStart(2, "0")} common`, ch: `c${i % 10}`, n: i % 3 });
      });
    }
    const visitedBy = async (s: Spec) => {
      const before = internals.documentsVisited();
      const found = await t.query(async (ctx) => (await searchOf(ctx.db, s).collect()) as Item[]);
      return { found: found.length, visited: internals.documentsVisited() - before };
    };
    // 100 documents have the term (all in c7): the postings are smaller than the filter's 1,000 ids.
    expect(await visitedBy({ text: "w07", ch: { value: "c7" } })).toEqual({ found: 100, visited: 100 });
    expect(await visitedBy({ text: "w07", ch: { value: "c3" } })).toEqual({ found: 0, visited: 0 });
    // Every document has "common": the filter value's 1,000 ids are read instead of the 10,000 postings.
    expect(await visitedBy({ text: "common", ch: { value: "c7" } })).toEqual({ found: 1000, visited: 1000 });
    // Two filters: the smaller id set (c7: 1,000) is walked, checked against the other (n = 1) without reading documents.
    expect(await visitedBy({ text: "commo", ch: { value: "c7" }, n: 1 })).toEqual({ found: 334, visited: 334 });
    expect(await visitedBy({ text: "nothing" })).toEqual({ found: 0, visited: 0 });
  });

  it("re-runs a subscribed search only for writes to documents that match it", async () => {
    const { t, internals } = await setup();
    await t.run(async (ctx) => {
      await ctx.db.insert("items", { body: "red apple", ch: "a", n: 0 });
      await ctx.db.insert("items", { body: "green pear", ch: "a", n: 0 });
    });
    const reads: ReadRecorder = { ids: new Set(), sources: [] };
    await internals.recordReads(reads, () => t.query(async (ctx) => await searchOf(ctx.db, { text: "red app", ch: { value: "a" } }).take(1)));
    const doc = (fields: Fields | null) => (fields === null ? null : ({ ...fields, _id: "99items", _creationTime: 1 } as never));
    const touches = (before: Fields | null, after: Fields | null) => changeTouches(reads, { id: "99items", table: "items", before: doc(before), after: doc(after) });
    expect(touches(null, { body: "Apples!", ch: "a", n: 1 })).toBe(true);
    expect(touches(null, { body: "RED", ch: "a", n: 1 })).toBe(true);
    expect(touches({ body: "red wine", ch: "a", n: 0 }, { body: "white wine", ch: "a", n: 0 })).toBe(true);
    expect(touches({ body: "red wine", ch: "a", n: 0 }, { body: "red wine", ch: "a", n: 2 })).toBe(true);
    expect(touches(null, { body: "green pear", ch: "a", n: 0 })).toBe(false);
    expect(touches(null, { body: "red apple", ch: "b", n: 0 })).toBe(false);
    expect(touches(null, { body: "reddish", ch: "a", n: 0 })).toBe(false);
    expect(touches(null, { ch: "a", n: 0 })).toBe(false);
    expect(changeTouches(reads, { id: "1other", table: "other", before: null, after: { body: "red", ch: "a", _id: "1other", _creationTime: 1 } as never })).toBe(false);
  });

  it("never skips a re-run that would change a search's result, order included", async () => {
    type Write = { kind: "insert"; doc: Fields } | { kind: "replace"; k: number; doc: Fields } | { kind: "delete"; k: number };
    const write: fc.Arbitrary<Write> = fc.oneof(
      fc.record({ kind: fc.constant<"insert">("insert"), doc: fields }),
      fc.record({ kind: fc.constant<"replace">("replace"), k: fc.nat(), doc: fields }),
      fc.record({ kind: fc.constant<"delete">("delete"), k: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fields, { maxLength: 20 }), fc.array(write, { minLength: 1, maxLength: 10 }), spec, async (initial, writes, s) => {
        const { t, internals } = await setup();
        const commits: Commit[] = [];
        internals.onCommit((commit) => commits.push(commit));
        await t.run(async (ctx) => {
          for (const doc of initial) await ctx.db.insert("items", doc);
        });
        const run = async () => {
          const reads: ReadRecorder = { ids: new Set(), sources: [] };
          const result = await internals.recordReads(reads, () => t.query(async (ctx) => ids((await searchOf(ctx.db, s).collect()) as Item[])));
          return { reads, result };
        };
        let last = await run();
        for (const w of writes) {
          commits.length = 0;
          await t.run(async (ctx) => {
            const live = (await ctx.db.query("items").collect()) as Item[];
            if (w.kind === "insert") await ctx.db.insert("items", w.doc);
            else if (live.length > 0 && w.kind === "replace") await ctx.db.replace(live[w.k % live.length]!._id as never, w.doc);
            else if (live.length > 0 && w.kind === "delete") await ctx.db.delete(live[w.k % live.length]!._id as never);
          });
          const touched = commits.some((commit) => commit.changes.some((change) => changeTouches(last.reads, change)));
          const next = await run();
          if (!touched) expect(next.result).toEqual(last.result);
          last = next;
        }
      }),
      { numRuns: 100 },
    );
  });

  it("rejects what Convex rejects: another search field, too many terms", async () => {
    const { t } = await setup();
    await expect(t.query(async (ctx) => await ctx.db.query("items").withSearchIndex("search_body", (q) => q.search("ch" as "body", "x")).collect())).rejects.toThrow(/search field/);
    const seventeen = Array.from({ length: 17 }, (_, i) => `w${i}`).join(" ");
    await expect(t.query(async (ctx) => await ctx.db.query("items").withSearchIndex("search_body", (q) => q.search("body", seventeen)).collect())).rejects.toThrow(/limit is 16/);
    await expect(t.query(async (ctx) => await (ctx.db.query("items") as any).withSearchIndex("missing", (q: any) => q.search("body", "x")).collect())).rejects.toThrow(/not declared/);
  });
});
