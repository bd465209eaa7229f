/**
 * The ordered-index engine against a naive reference: random documents,
 * random index ranges, orders and limits, inside and outside transactions;
 * pagination across inserts; read-set invalidation by scanned interval.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { convexTest } from "convex-test";
import { defineSchema, defineTable } from "convex/server";
import { compareValues, v, type Value } from "convex/values";
import { attachInternals, type ReadRecorder } from "../src/engine-internals.js";
import { changeTouches } from "../src/engine.js";
import { compareStrings } from "../src/index-keys.js";

const schema = defineSchema({
  items: defineTable({ a: v.optional(v.union(v.null(), v.number(), v.string(), v.boolean())), b: v.number(), note: v.string() })
    .index("by_a", ["a"])
    .index("by_a_b", ["a", "b"]),
});

type Item = { _id: string; _creationTime: number; a?: null | number | string | boolean; b: number; note: string };
type Fields = { a?: null | number | string | boolean; b: number; note: string };

async function setup() {
  const t = convexTest(schema, { "./_generated/api.js": async () => ({}) } as never);
  const internals = await attachInternals(t as never);
  return { t, internals };
}

// Small domains, so ranges hit boundaries and equal keys often.
const aValue = fc.constantFrom<Value | undefined>(undefined, null, -1, 0, 1.5, "x", "é", "", true, false);
const fields: fc.Arbitrary<Fields> = fc.record({ a: aValue as fc.Arbitrary<Fields["a"]>, b: fc.integer({ min: 0, max: 3 }), note: fc.string({ maxLength: 3 }) }).map((f) => {
  const { a, ...rest } = f;
  return a === undefined ? rest : { ...rest, a };
});

type Bound = { op: "gt" | "gte" | "lt" | "lte"; value: number };
type RangeSpec = { index: "by_a" | "by_a_b" | "by_creation_time" | "none"; eqA?: Value | undefined; hasEq: boolean; lower?: Bound; upper?: Bound };

const rangeSpec: fc.Arbitrary<RangeSpec> = fc.oneof(
  { arbitrary: fc.record({ index: fc.constant<"none">("none"), hasEq: fc.constant(false) }), weight: 1 },
  { arbitrary: fc.record({ index: fc.constant<"by_creation_time">("by_creation_time"), hasEq: fc.constant(false) }), weight: 1 },
  { arbitrary: fc.record({ index: fc.constant<"by_a">("by_a"), hasEq: fc.boolean(), eqA: aValue }), weight: 2 },
  { weight: 6, arbitrary: fc.record({
    index: fc.constant<"by_a_b">("by_a_b"),
    hasEq: fc.constant(true),
    eqA: aValue,
    lower: fc.option(fc.record({ op: fc.constantFrom<"gt" | "gte">("gt", "gte"), value: fc.integer({ min: -1, max: 4 }) }), { nil: undefined }),
    upper: fc.option(fc.record({ op: fc.constantFrom<"lt" | "lte">("lt", "lte"), value: fc.integer({ min: -1, max: 4 }) }), { nil: undefined }),
  }) },
);

const order = fc.constantFrom<"asc" | "desc">("asc", "desc");

function sortKey(spec: RangeSpec, doc: Item): Value[] {
  const a = doc.a as Value;
  const rest = [doc._creationTime, doc._id];
  if (spec.index === "by_a") return [a, ...rest];
  if (spec.index === "by_a_b") return [a, doc.b, ...rest];
  return rest;
}

function naive(spec: RangeSpec, docs: Item[], direction: "asc" | "desc"): Item[] {
  const matches = docs.filter((doc) => {
    if (spec.hasEq && compareValues(doc.a as Value, spec.eqA as Value) !== 0) return false;
    for (const bound of [spec.lower, spec.upper]) {
      if (bound === undefined) continue;
      const cmp = compareValues(doc.b, bound.value);
      if ((bound.op === "gt" && cmp <= 0) || (bound.op === "gte" && cmp < 0) || (bound.op === "lt" && cmp >= 0) || (bound.op === "lte" && cmp > 0)) return false;
    }
    return true;
  });
  const sign = direction === "asc" ? 1 : -1;
  return matches.sort((x, y) => {
    const kx = sortKey(spec, x);
    const ky = sortKey(spec, y);
    for (let i = 0; i < kx.length; i++) {
      const cmp = compareValues(kx[i], ky[i]);
      if (cmp !== 0) return sign * cmp;
    }
    return 0;
  });
}

/* eslint-disable @typescript-eslint/no-explicit-any */
function build(db: any, spec: RangeSpec, direction: "asc" | "desc"): any {
  const table = db.query("items");
  let query;
  if (spec.index === "none") query = table;
  else if (spec.index === "by_creation_time") query = table.withIndex("by_creation_time");
  else if (spec.index === "by_a") query = table.withIndex("by_a", (q: any) => (spec.hasEq ? q.eq("a", spec.eqA) : q));
  else {
    query = table.withIndex("by_a_b", (q: any) => {
      let r = q.eq("a", spec.eqA);
      if (spec.lower !== undefined) r = r[spec.lower.op]("b", spec.lower.value);
      if (spec.upper !== undefined) r = r[spec.upper.op]("b", spec.upper.value);
      return r;
    });
  }
  return query.order(direction);
}

const ids = (docs: Item[]) => docs.map((d) => d._id);

describe("indexed engine", () => {
  it("answers random index ranges, orders and limits exactly like a naive reference", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fields, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 15 }), rangeSpec, order, fc.nat({ max: 12 }), async (inserts, deletions, spec, direction, limit) => {
        const { t } = await setup();
        const all = await t.run(async (ctx) => {
          for (const doc of inserts) await ctx.db.insert("items", doc);
          return (await ctx.db.query("items").collect()) as Item[];
        });
        const removed = new Set(deletions.filter(() => all.length > 0).map((n) => all[n % all.length]!._id));
        await t.run(async (ctx) => {
          for (const id of removed) await ctx.db.delete(id as never);
        });
        const live = all.filter((d) => !removed.has(d._id));
        const expected = naive(spec, live, direction);
        const got = await t.query(async (ctx) => ({
          all: (await build(ctx.db, spec, direction).collect()) as Item[],
          take: (await build(ctx.db, spec, direction).take(limit)) as Item[],
          first: (await build(ctx.db, spec, direction).first()) as Item | null,
          filtered: (await build(ctx.db, spec, direction).filter((q: any) => q.eq(q.field("b"), 2)).take(3)) as Item[],
        }));
        expect(ids(got.all)).toEqual(ids(expected));
        expect(ids(got.take)).toEqual(ids(expected.slice(0, limit)));
        expect(got.first?._id ?? null).toEqual(expected[0]?._id ?? null);
        expect(ids(got.filtered)).toEqual(ids(expected.filter((d) => d.b === 2).slice(0, 3)));
      }),
      { numRuns: 200 },
    );
  });

  it("sees a transaction's own inserts, patches and deletes in index order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fields, { maxLength: 20 }), fc.array(fields, { maxLength: 8 }), fc.array(fc.tuple(fc.nat(), fields), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 4 }), rangeSpec, order, async (committed, inserted, patches, deletions, spec, direction) => {
        const { t } = await setup();
        await t.run(async (ctx) => {
          for (const doc of committed) await ctx.db.insert("items", doc);
        });
        const { inside, expected } = await t.run(async (ctx) => {
          for (const doc of inserted) await ctx.db.insert("items", doc);
          const current = (await ctx.db.query("items").collect()) as Item[];
          for (const [n, patch] of patches) if (current.length > 0) await ctx.db.replace(current[n % current.length]!._id as never, patch);
          const gone = new Set(current.length === 0 ? [] : deletions.map((n) => current[n % current.length]!._id));
          for (const id of gone) await ctx.db.delete(id as never);
          const state = (await ctx.db.query("items").collect()) as Item[];
          return { inside: (await build(ctx.db, spec, direction).collect()) as Item[], expected: naive(spec, state, direction) };
        });
        expect(ids(inside)).toEqual(ids(expected));
      }),
      { numRuns: 80 },
    );
  });

  it("unique() returns the one match and rejects two", async () => {
    const { t } = await setup();
    await t.run(async (ctx) => {
      await ctx.db.insert("items", { a: "solo", b: 1, note: "" });
      await ctx.db.insert("items", { a: "twin", b: 1, note: "" });
      await ctx.db.insert("items", { a: "twin", b: 2, note: "" });
    });
    const solo = await t.query(async (ctx) => await ctx.db.query("items").withIndex("by_a", (q) => q.eq("a", "solo")).unique());
    expect(solo?.a).toBe("solo");
    await expect(t.query(async (ctx) => await ctx.db.query("items").withIndex("by_a", (q) => q.eq("a", "twin")).unique())).rejects.toThrow();
  });

  it("pages stay gap-free and duplicate-free across inserts when their ends are kept", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fields, { minLength: 1, maxLength: 30 }), fc.array(fields, { maxLength: 15 }), fc.integer({ min: 1, max: 5 }), order, async (initial, later, pageSize, direction) => {
        const { t } = await setup();
        await t.run(async (ctx) => {
          for (const doc of initial) await ctx.db.insert("items", doc);
        });
        const page = (cursor: string | null, endCursor?: string) =>
          t.query(async (ctx) => await ctx.db.query("items").withIndex("by_a_b").order(direction).paginate({ numItems: pageSize, cursor, endCursor } as never));
        const bounds: { cursor: string | null; end: string }[] = [];
        for (let cursor: string | null = null; ; ) {
          const result = await page(cursor);
          if (!result.isDone) expect(result.page.length).toBe(pageSize);
          bounds.push({ cursor, end: result.continueCursor });
          if (result.isDone) break;
          cursor = result.continueCursor;
        }
        await t.run(async (ctx) => {
          for (const doc of later) await ctx.db.insert("items", doc);
        });
        const seen: string[] = [];
        for (const { cursor, end } of bounds) seen.push(...(await page(cursor, end)).page.map((d) => d._id));
        const everything = await t.query(async (ctx) => (await ctx.db.query("items").withIndex("by_a_b").order(direction).collect()) as Item[]);
        expect(seen).toEqual(ids(everything));
      }),
      { numRuns: 60 },
    );
  });

  it("re-runs a subscription only for writes inside the interval it read", async () => {
    const { t, internals } = await setup();
    await t.run(async (ctx) => {
      for (let b = 0; b < 10; b++) await ctx.db.insert("items", { a: "k", b, note: "" });
      await ctx.db.insert("items", { a: "other", b: 0, note: "" });
    });
    const reads: ReadRecorder = { ids: new Set(), sources: [] };
    await internals.recordReads(reads, () => t.query(async (ctx) => await ctx.db.query("items").withIndex("by_a_b", (q) => q.eq("a", "k")).take(3)));
    const touches = (before: Fields | null, after: Fields | null) =>
      changeTouches(reads, {
        id: "x",
        table: "items",
        before: before === null ? null : ({ ...before, _id: "99items", _creationTime: 1 } as never),
        after: after === null ? null : ({ ...after, _id: "99items", _creationTime: 1 } as never),
      });
    expect(touches(null, { a: "k", b: 1, note: "" })).toBe(true);
    expect(touches(null, { a: "k", b: 2, note: "" })).toBe(true);
    expect(touches(null, { a: "k", b: 7, note: "" })).toBe(false);
    expect(touches(null, { a: "other", b: 1, note: "" })).toBe(false);
    expect(touches({ a: "k", b: 8, note: "" }, { a: "k", b: -1, note: "" })).toBe(true);
    expect(touches({ a: "k", b: 8, note: "" }, null)).toBe(false);
  });

  it("treats an exhausted scan as covering its whole range", async () => {
    const { t, internals } = await setup();
    await t.run(async (ctx) => await ctx.db.insert("items", { a: "k", b: 1, note: "" }));
    const reads: ReadRecorder = { ids: new Set(), sources: [] };
    await internals.recordReads(reads, () => t.query(async (ctx) => await ctx.db.query("items").withIndex("by_a_b", (q) => q.eq("a", "k")).take(5)));
    const insert = (b: number) => changeTouches(reads, { id: "x", table: "items", before: null, after: { a: "k", b, note: "", _id: "99items", _creationTime: 9e12 } as never });
    expect(insert(100)).toBe(true);
    expect(changeTouches(reads, { id: "x", table: "items", before: null, after: { a: "j", b: 1, note: "", _id: "99items", _creationTime: 9e12 } as never })).toBe(false);
  });

  it("orders strings by UTF-8 bytes as Convex does, surrogate pairs included", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "b", "\u00e9", "\uffff", "\ue000", "\u{1f600}", "\u{10000}"), maxLength: 4 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(Math.sign(compareStrings(a, b))).toBe(Math.sign(compareValues(a, b)));
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps a stream's view of its start while the transaction writes documents ahead of it", async () => {
    const { t } = await setup();
    await t.run(async (ctx) => {
      for (let b = 0; b < 5; b++) await ctx.db.insert("items", { a: "k", b, note: "" });
    });
    const seen = await t.run(async (ctx) => {
      const out: number[] = [];
      await ctx.db.insert("items", { a: "k", b: 10, note: "" });
      const all = await ctx.db.query("items").collect();
      for await (const doc of ctx.db.query("items").withIndex("by_a_b", (q) => q.eq("a", "k"))) {
        out.push(doc.b);
        if (doc.b === 0) for (const other of all) if (other.b > 2 && other.b < 10) await ctx.db.patch(other._id, { note: "touched" });
      }
      return out;
    });
    expect(seen).toEqual([0, 1, 2, 3, 4, 10]);
  });
});
