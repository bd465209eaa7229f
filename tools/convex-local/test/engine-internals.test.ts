/**
 * Pins the convex-test internals that engine-internals.ts relies on, so an
 * upgrade of convex-test that changes them fails here first.
 */
import { describe, expect, it } from "vitest";
import { convexTest } from "convex-test";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { attachInternals, type Commit, type ReadRecorder } from "../src/engine-internals.js";

const schema = defineSchema({
  notes: defineTable({ tag: v.string(), text: v.string() }).index("by_tag", ["tag"]),
});

async function setup() {
  const t = convexTest(schema, { "./_generated/api.js": async () => ({}) } as never);
  const internals = await attachInternals(t as never);
  const commits: Commit[] = [];
  internals.onCommit((commit) => commits.push(commit));
  return { t, internals, commits };
}

describe("convex-test internals", () => {
  it("reports each committed top-level transaction with before and after images", async () => {
    const { t, internals, commits } = await setup();
    const id = await t.run(async (ctx) => await ctx.db.insert("notes", { tag: "a", text: "one" }));
    await t.run(async (ctx) => await ctx.db.patch(id, { text: "two" }));
    await t.run(async (ctx) => await ctx.db.delete(id));
    expect(commits.map((c) => c.changes.map((ch) => [ch.table, ch.before?.text ?? null, ch.after?.text ?? null]))).toEqual([
      [["notes", null, "one"]],
      [["notes", "one", "two"]],
      [["notes", "two", null]],
    ]);
    expect(commits.every((c, i) => i === 0 || c.ts > commits[i - 1]!.ts)).toBe(true);
    expect(internals.lastCommitTs()).toBe(commits.at(-1)!.ts);
  });

  it("does not report rolled-back transactions", async () => {
    const { t, commits } = await setup();
    await expect(
      t.run(async (ctx) => {
        await ctx.db.insert("notes", { tag: "a", text: "x" });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(commits).toEqual([]);
  });

  it("records documents read by id and index ranges of a query", async () => {
    const { t, internals } = await setup();
    const id = await t.run(async (ctx) => await ctx.db.insert("notes", { tag: "a", text: "one" }));
    const reads: ReadRecorder = { ids: new Set(), sources: [] };
    await internals.recordReads(reads, () =>
      t.query(async (ctx) => {
        await ctx.db.get(id);
        return await ctx.db.query("notes").withIndex("by_tag", (q) => q.eq("tag", "a")).collect();
      }),
    );
    expect([...reads.ids]).toEqual([id]);
    expect(reads.sources).toEqual([{ kind: "range", table: "notes", range: [{ type: "Eq", fieldPath: "tag", value: "a" }] }]);
  });

  it("restores dumped state into a fresh engine", async () => {
    const first = await setup();
    await first.t.run(async (ctx) => await ctx.db.insert("notes", { tag: "a", text: "kept" }));
    const state = first.internals.dumpState();
    const second = await setup();
    second.internals.loadState(state, {});
    expect(await second.t.run(async (ctx) => (await ctx.db.query("notes").collect()).map((n) => n.text))).toEqual(["kept"]);
    const newId = await second.t.run(async (ctx) => await ctx.db.insert("notes", { tag: "b", text: "new" }));
    expect(Object.keys(state.documents)).not.toContain(newId);
  });

  it("writes system tables inside a raw transaction", async () => {
    const { internals, commits } = await setup();
    const id = await internals.transaction((db) => db.insert("_scheduled_functions", { name: "x:y", args: [{}], scheduledTime: 0, state: { kind: "pending" } }));
    expect(commits.at(-1)!.changes[0]).toMatchObject({ id, table: "_scheduled_functions" });
  });

  it("answers index and table queries exactly, including a transaction's own pending writes", async () => {
    const { t } = await setup();
    const ids = await t.run(async (ctx) => [
      await ctx.db.insert("notes", { tag: "a", text: "a1" }),
      await ctx.db.insert("notes", { tag: "b", text: "b1" }),
    ]);
    await t.run(async (ctx) => await ctx.db.patch(ids[1]!, { tag: "a" }));
    const texts = (rows: { text: string }[]) => rows.map((r) => r.text);
    expect(texts(await t.query(async (ctx) => await ctx.db.query("notes").withIndex("by_tag", (q) => q.eq("tag", "a")).collect()))).toEqual(["a1", "b1"]);
    expect(texts(await t.query(async (ctx) => await ctx.db.query("notes").withIndex("by_tag", (q) => q.eq("tag", "b")).collect()))).toEqual([]);
    const inside = await t.run(async (ctx) => {
      await ctx.db.insert("notes", { tag: "b", text: "b2" });
      await ctx.db.patch(ids[0]!, { tag: "b" });
      return texts(await ctx.db.query("notes").withIndex("by_tag", (q) => q.eq("tag", "b")).collect());
    });
    expect(inside).toEqual(["a1", "b2"]);
    expect(texts(await t.query(async (ctx) => await ctx.db.query("notes").collect()))).toEqual(["a1", "b1", "b2"]);
  });
});
