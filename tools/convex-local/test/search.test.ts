/**
 * Full text search through the official clients against a started backend:
 * the fixture's `articles` table has a search index on `body` with the filter
 * fields `channel` and `lang`. Every test writes to its own channel.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import type { Backend } from "../src/index.js";
import { api, makeKeys, startFixture, waitFor } from "./helpers.js";

let backend: Backend;
let http: ConvexHttpClient;
const clients: ConvexClient[] = [];

function client(): ConvexClient {
  const c = new ConvexClient(backend.url);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  backend = await startFixture(await makeKeys());
  http = new ConvexHttpClient(backend.url);
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await backend.close();
});

const add = (body: string, channel: string, lang?: string): Promise<string> =>
  http.mutation(api.articles.add, lang === undefined ? { body, channel } : { body, channel, lang });
const search = (text: string, filters: { channel?: string; lang?: string; missingLang?: boolean; limit?: number } = {}): Promise<string[]> =>
  http.query(api.articles.search, { text, ...filters });

describe("full text search", () => {
  it("matches words of the search field, ignoring case and punctuation", async () => {
    await add("The Quick, brown FOX!", "words");
    await add("slow turtle", "words");
    expect(await search("fox", { channel: "words" })).toEqual(["The Quick, brown FOX!"]);
    expect(await search("FOX.", { channel: "words" })).toEqual(["The Quick, brown FOX!"]);
    expect(await search("turtle", { channel: "words" })).toEqual(["slow turtle"]);
    expect(await search("quick-turtle", { channel: "words" })).toHaveLength(2);
    expect(await search("zebra", { channel: "words" })).toEqual([]);
    expect(await search("  ,. ", { channel: "words" })).toEqual([]);
  });

  it("matches the last term as a prefix and the others exactly", async () => {
    await add("rabbit hole", "prefix");
    await add("send request", "prefix");
    expect((await search("r", { channel: "prefix" })).sort()).toEqual(["rabbit hole", "send request"]);
    expect(await search("rabb", { channel: "prefix" })).toEqual(["rabbit hole"]);
    // "rab" is not the last term: it must match a whole word.
    expect(await search("rab request", { channel: "prefix" })).toEqual(["send request"]);
    expect(await search("rabbits", { channel: "prefix" })).toEqual([]);
  });

  it("narrows by filter fields, a missing field included", async () => {
    await add("weather news", "filters-a", "en");
    await add("weather nouvelles", "filters-a", "fr");
    await add("weather without language", "filters-a");
    await add("weather elsewhere", "filters-b", "en");
    expect((await search("weather", { channel: "filters-a" })).sort()).toEqual(["weather news", "weather nouvelles", "weather without language"]);
    expect(await search("weather", { channel: "filters-a", lang: "fr" })).toEqual(["weather nouvelles"]);
    expect(await search("weather", { channel: "filters-a", missingLang: true })).toEqual(["weather without language"]);
    expect(await search("weather", { channel: "filters-b" })).toEqual(["weather elsewhere"]);
    expect(await search("weather", { channel: "filters-c" })).toEqual([]);
  });

  it("orders by relevance: more query terms matched, then more occurrences, then newest first", async () => {
    await add("apple pie", "relevance");
    await add("apple apple pie", "relevance");
    await add("apple banana", "relevance");
    expect(await search("apple banana", { channel: "relevance" })).toEqual(["apple banana", "apple apple pie", "apple pie"]);
    await add("kiwi one", "relevance");
    await add("kiwi two", "relevance");
    expect(await search("kiwi", { channel: "relevance" })).toEqual(["kiwi two", "kiwi one"]);
  });

  it("returns first(), take(n) and pages in relevance order", async () => {
    for (let i = 1; i <= 5; i++) await add(`paper ${i}`, "pages");
    expect(await http.query(api.articles.first, { text: "paper", channel: "pages" })).toBe("paper 5");
    expect(await search("paper", { channel: "pages", limit: 2 })).toEqual(["paper 5", "paper 4"]);
    const seen: string[][] = [];
    let cursor: string | null = null;
    for (;;) {
      const result: { page: string[]; isDone: boolean; continueCursor: string } = await http.query(api.articles.page, {
        text: "paper",
        channel: "pages",
        paginationOpts: { numItems: 2, cursor },
      });
      seen.push(result.page);
      if (result.isDone) break;
      cursor = result.continueCursor;
    }
    expect(seen).toEqual([["paper 5", "paper 4"], ["paper 3", "paper 2"], ["paper 1"]]);
  });

  it("keeps a subscribed page's end while a new match ranks first and every score moves", async () => {
    for (const n of ["one", "two", "three"]) await add(`alpha ${n}`, "live-page");
    type Page = { page: string[]; isDone: boolean; continueCursor: string };
    const pages: Page[] = [];
    client().onUpdate(api.articles.page, { text: "alpha", channel: "live-page", paginationOpts: { numItems: 2, cursor: null } }, (p: Page) => pages.push(p));
    await waitFor(() => pages.length > 0, "the first page");
    expect(pages[0]!.page).toEqual(["alpha three", "alpha two"]);
    await add("alpha four", "live-page");
    await waitFor(() => pages.at(-1)!.page.length === 3, "the page growing");
    expect(pages.at(-1)!.page).toEqual(["alpha four", "alpha three", "alpha two"]);
    const next: Page = await http.query(api.articles.page, { text: "alpha", channel: "live-page", paginationOpts: { numItems: 2, cursor: pages.at(-1)!.continueCursor } });
    expect(next.page).toEqual(["alpha one"]);
    expect(next.isDone).toBe(true);
  });

  it("applies .filter() to the search results", async () => {
    await add("lantern small", "filtered");
    await add("lantern elsewhere", "not-filtered");
    expect(await http.query(api.articles.longerThan, { text: "lantern", length: 0 })).toEqual(["lantern small"]);
  });

  it("drops a document from the results when it is updated or deleted", async () => {
    const id = await add("mango smoothie", "changes");
    expect(await search("mango", { channel: "changes" })).toEqual(["mango smoothie"]);
    await http.mutation(api.articles.edit, { id, body: "papaya smoothie" });
    expect(await search("mango", { channel: "changes" })).toEqual([]);
    expect(await search("papaya", { channel: "changes" })).toEqual(["papaya smoothie"]);
    await http.mutation(api.articles.edit, { id, channel: "changes-elsewhere" });
    expect(await search("papaya", { channel: "changes" })).toEqual([]);
    expect(await search("papaya", { channel: "changes-elsewhere" })).toEqual(["papaya smoothie"]);
    await http.mutation(api.articles.remove, { id });
    expect(await search("papaya", { channel: "changes-elsewhere" })).toEqual([]);
    expect(await search("smoothie")).toEqual([]);
  });

  it("sees the writes of its own transaction", async () => {
    await add("grape one", "own");
    const renamed = await add("grape two", "own");
    const dropped = await add("grape three", "own");
    const inside = await http.mutation(api.articles.writeThenSearch, {
      insert: "grape four",
      rename: renamed,
      renameTo: "melon two",
      drop: dropped,
      text: "grape",
      channel: "own",
    });
    expect(inside).toEqual(["grape four", "grape one"]);
    expect(await search("grape", { channel: "own" })).toEqual(["grape four", "grape one"]);
    expect(await search("melon", { channel: "own" })).toEqual(["melon two"]);
  });

  it("updates a subscribed search live, and only for writes that can change it", async () => {
    const watcher = client();
    const values: string[][] = [];
    watcher.onUpdate(api.articles.search, { text: "live", channel: "live" }, (v: string[]) => values.push(v));
    await waitFor(() => values.length > 0, "initial result");
    expect(values[0]).toEqual([]);
    const id = await client().mutation(api.articles.add, { body: "live news", channel: "live" });
    await waitFor(() => JSON.stringify(values.at(-1)) === JSON.stringify(["live news"]), "the new match");
    const updates = values.length;
    // Neither matches the search: not re-run.
    await client().mutation(api.articles.add, { body: "dead news", channel: "live" });
    await client().mutation(api.articles.add, { body: "live elsewhere", channel: "not-live" });
    await client().mutation(api.articles.edit, { id, body: "lively news" });
    await waitFor(() => JSON.stringify(values.at(-1)) === JSON.stringify(["lively news"]), "the prefix match after an edit");
    expect(values.length).toBe(updates + 1);
    await client().mutation(api.articles.edit, { id, body: "quiet news" });
    await waitFor(() => JSON.stringify(values.at(-1)) === JSON.stringify([]), "the match leaving");
  });

  it("returns at most 1024 results", async () => {
    const bodies = Array.from({ length: 1100 }, (_, i) => `bulk item ${i}`);
    await http.mutation(api.articles.addMany, { bodies, channel: "bulk" });
    const found = await search("bulk", { channel: "bulk" });
    expect(found).toHaveLength(1024);
    expect(found[0]).toBe("bulk item 1099");
  });

  it("rebuilds its search indexes from the data directory on restart", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "convex-local-search-"));
    const keys = await makeKeys();
    try {
      const first = await startFixture(keys, { inMemory: false, dataDir });
      const writer = new ConvexHttpClient(first.url);
      const id = await writer.mutation(api.articles.add, { body: "durable cedar", channel: "restart" });
      await writer.mutation(api.articles.add, { body: "durable oak", channel: "restart" });
      await writer.mutation(api.articles.edit, { id, body: "durable birch" });
      await first.close();
      const second = await startFixture(keys, { inMemory: false, dataDir });
      try {
        const reader = new ConvexHttpClient(second.url);
        expect(await reader.query(api.articles.search, { text: "durable", channel: "restart" })).toEqual(["durable oak", "durable birch"]);
        expect(await reader.query(api.articles.search, { text: "cedar", channel: "restart" })).toEqual([]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("rejects a filter on a field that is not a filter field of the index", async () => {
    await expect(http.query(api.articles.byUnknownFilter, { text: "x" })).rejects.toThrow(/is not a filter field/);
  });
});
