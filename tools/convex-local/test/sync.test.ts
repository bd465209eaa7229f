import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { ConvexReactClient } from "convex/react";
import { fetchMutation, fetchQuery, preloadQuery } from "convex/nextjs";
import { ConvexError } from "convex/values";
import WebSocket from "ws";
import type { Backend } from "../src/index.js";
import { api, makeKeys, startFixture, waitFor } from "./helpers.js";

let backend: Backend;
const clients: { close(): Promise<void> | void }[] = [];

function client(): ConvexClient {
  const c = new ConvexClient(backend.url);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  backend = await startFixture(await makeKeys());
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await backend.close();
});

describe("sync protocol with the official clients", () => {
  it("delivers the initial value and live updates made by another client", async () => {
    const watcher = client();
    const values: unknown[] = [];
    watcher.onUpdate(api.messages.list, { author: "live" }, (v) => values.push(v));
    await waitFor(() => values.length > 0, "initial value");
    expect(values[0]).toEqual([]);
    await client().mutation(api.messages.send, { author: "live", body: "first" });
    await waitFor(() => JSON.stringify(values.at(-1)) === JSON.stringify([{ author: "live", body: "first" }]), "live update");
  });

  it("re-runs only subscriptions whose reads a commit touched", async () => {
    const watcher = client();
    const untouched: unknown[] = [];
    const touched: unknown[] = [];
    watcher.onUpdate(api.messages.list, { author: "reads-a" }, (v) => untouched.push(v));
    watcher.onUpdate(api.counters.get, { name: "reads-b" }, (v) => touched.push(v));
    await waitFor(() => untouched.length > 0 && touched.length > 0, "initial values");
    const before = untouched.length;
    await client().mutation(api.counters.increment, { name: "reads-b" });
    await waitFor(() => touched.at(-1) === 1, "counter update");
    // Another author's message is outside the index range this query read.
    await client().mutation(api.messages.send, { author: "someone-else", body: "x" });
    await client().mutation(api.counters.increment, { name: "reads-b" });
    await waitFor(() => touched.at(-1) === 2, "second counter update");
    expect(untouched.length).toBe(before);
  });

  it("settles an optimistic update to the server's value", async () => {
    const c = client();
    const values: number[] = [];
    c.onUpdate(api.counters.get, { name: "optimistic" }, (v: number) => values.push(v));
    await waitFor(() => values.length > 0, "initial counter");
    await c.mutation(
      api.counters.increment,
      { name: "optimistic" },
      {
        optimisticUpdate: (store, args: { name: string }) => {
          const current = store.getQuery(api.counters.get, { name: args.name }) as number | undefined;
          store.setQuery(api.counters.get, { name: args.name }, (current ?? 0) + 100);
        },
      },
    );
    expect(values).toContain(100);
    await waitFor(() => values.at(-1) === 1, "settled value");
    expect(c.client.localQueryResult("counters:get", { name: "optimistic" })).toBe(1);
  });

  it("works with ConvexReactClient outside React", async () => {
    const react = new ConvexReactClient(backend.url, { webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket });
    clients.push(react);
    const watch = react.watchQuery(api.messages.greet, { name: "react" });
    const unsubscribe = watch.onUpdate(() => undefined);
    const value = await waitFor(() => watch.localQueryResult(), "react query");
    expect(value).toBe("hello react");
    unsubscribe();
    await react.mutation(api.messages.send, { author: "react", body: "via react" });
    expect(await new ConvexHttpClient(backend.url).query(api.messages.list, { author: "react" })).toEqual([{ author: "react", body: "via react" }]);
  });

  it("runs actions that call mutations", async () => {
    expect(await client().action(api.messages.sendViaAction, { author: "action", body: "a1" })).toBe("sent a1");
    expect(await backend.run("messages:list", { author: "action" })).toEqual([{ author: "action", body: "a1" }]);
  });

  it("passes ConvexError data intact over WebSocket and HTTP", async () => {
    const expected = { code: "NOPE", message: "Not allowed", count: 3 };
    const wsError = await client().mutation(api.messages.fail, { kind: "convex" }).catch((e: unknown) => e);
    expect(wsError).toBeInstanceOf(ConvexError);
    expect((wsError as ConvexError<typeof expected>).data).toEqual(expected);
    const httpError = await new ConvexHttpClient(backend.url).mutation(api.messages.fail, { kind: "convex" }).catch((e: unknown) => e);
    expect(httpError).toBeInstanceOf(ConvexError);
    expect((httpError as ConvexError<typeof expected>).data).toEqual(expected);
  });

  it("logs a throwing function on the server and answers with Convex's error shape (status 560)", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = await fetch(`${backend.url}/api/mutation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "messages:fail", args: [{ kind: "plain" }], format: "convex_encoded_json" }),
    });
    expect(response.status).toBe(560);
    const body = (await response.json()) as { status: string; errorMessage: string };
    expect(body.status).toBe("error");
    expect(body.errorMessage).toContain("Uncaught Error: boom from fail");
    expect(logged.mock.calls.some(([line]) => String(line).includes("[CONVEX M(messages:fail)]") && String(line).includes("boom from fail"))).toBe(true);
    logged.mockRestore();
  });

  it("refuses internal functions to clients", async () => {
    const http = new ConvexHttpClient(backend.url);
    await expect(http.query(api.messages.secret, {})).rejects.toThrow(/Could not find public function for 'messages:secret'/);
    await expect(client().query(api.messages.secret, {})).rejects.toThrow(/Could not find public function/);
    await expect(http.mutation(api.messages.insertInternal, { author: "x", body: "y" })).rejects.toThrow(/Could not find public function/);
    expect(await backend.run("messages:secret")).toBe("internal only");
  });

  it("serves convex/nextjs fetchQuery, preloadQuery and fetchMutation", async () => {
    await fetchMutation(api.messages.send, { author: "next", body: "n1" }, { url: backend.url });
    expect(await fetchQuery(api.messages.list, { author: "next" }, { url: backend.url })).toEqual([{ author: "next", body: "n1" }]);
    const preloaded = await preloadQuery(api.messages.greet, { name: "next" }, { url: backend.url });
    expect(preloaded._valueJSON).toBe("hello next");
  });

  it("gives functions the deployment env and bundles imports from outside the folder", async () => {
    const env = (await new ConvexHttpClient(backend.url).query(api.messages.env, {})) as Record<string, string>;
    expect(env).toEqual({ cloud: backend.url, site: backend.siteUrl, custom: "from-env" });
    expect(await backend.run("messages:greet", { name: "x" })).toBe("hello x");
  });

  it("keeps a paginated query gap-free while documents are inserted", async () => {
    const author = "page";
    for (let i = 0; i < 5; i++) await backend.run("messages:insertInternal", { author, body: `m${i}` });
    const c = client();
    type Page = { page: { _id: string; body: string }[]; continueCursor: string; isDone: boolean };
    const seen = new Map<string, string>();
    let cursor: string | null = null;
    let inserted = 0;
    for (let guard = 0; guard < 50; guard++) {
      const pageResult: Page = await c.query(api.messages.page, { paginationOpts: { numItems: 3, cursor } });
      for (const doc of pageResult.page) {
        expect(seen.has(doc._id)).toBe(false);
        seen.set(doc._id, doc.body);
      }
      if (!pageResult.isDone && inserted < 4) await backend.run("messages:insertInternal", { author, body: `late${inserted++}` });
      if (pageResult.isDone) break;
      cursor = pageResult.continueCursor;
    }
    const all = (await backend.run("messages:list", {})) as { body: string }[];
    expect([...seen.values()].sort()).toEqual(all.map((m) => m.body).sort());
  });

  it("keeps subscribed pages gap-free while documents are inserted and deleted", async () => {
    const author = "feed";
    for (let i = 0; i < 6; i++) await backend.run("messages:insertInternal", { author, body: `f${i}` });
    type Page = { page: { body: string }[]; continueCursor: string; isDone: boolean };
    const c = client();
    const subscribe = (cursor: string | null) => {
      const latest: { value?: Page } = {};
      c.onUpdate(api.messages.newest, { author, paginationOpts: { numItems: 2, cursor } }, (v: Page) => (latest.value = v));
      return latest;
    };
    const bodies = (p: { value?: Page }) => p.value?.page.map((m) => m.body).join(",");
    const first = subscribe(null);
    await waitFor(() => first.value, "page 1");
    const second = subscribe(first.value!.continueCursor);
    await waitFor(() => second.value, "page 2");
    const third = subscribe(second.value!.continueCursor);
    await waitFor(() => third.value?.isDone, "page 3");
    expect([bodies(first), bodies(second), bodies(third)]).toEqual(["f5,f4", "f3,f2", "f1,f0"]);
    const firstCursor = first.value!.continueCursor;

    await backend.run("messages:insertInternal", { author, body: "f6" });
    await waitFor(() => bodies(first) === "f6,f5,f4", "page 1 grows with the new document");
    await backend.run("messages:removeByBody", { body: "f4" });
    await waitFor(() => bodies(first) === "f6,f5", "page 1 shrinks");
    expect(first.value!.isDone).toBe(false);
    expect(first.value!.continueCursor).toBe(firstCursor);
    expect([bodies(second), bodies(third)]).toEqual(["f3,f2", "f1,f0"]);
  });

  it("answers a malformed message with a FatalError and keeps serving others", async () => {
    const wsUrl = `${backend.url.replace("http", "ws")}/api/1.48.0/sync`;
    const raw = new WebSocket(wsUrl);
    const received: string[] = [];
    raw.on("message", (data) => received.push(data.toString()));
    const closed = new Promise((resolve) => raw.on("close", resolve));
    await new Promise((resolve) => raw.on("open", resolve));
    raw.send("{not json");
    await closed;
    expect(received.map((m) => JSON.parse(m) as { type: string; error: string })).toContainEqual({ type: "FatalError", error: "Malformed message: message is not valid JSON" });
    const other = new WebSocket(wsUrl);
    const otherReceived: string[] = [];
    other.on("message", (data) => otherReceived.push(data.toString()));
    await new Promise((resolve) => other.on("open", resolve));
    other.send(JSON.stringify({ type: "Bogus" }));
    await waitFor(() => otherReceived.some((m) => m.includes('unknown message type \\"Bogus\\"')), "fatal error for an unknown type");
    other.close();
    expect(await client().query(api.messages.greet, { name: "still" })).toBe("hello still");
  });

  it("returns what functions print as log lines, over HTTP and WebSocket", async () => {
    const response = await fetch(`${backend.url}/api/query`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "messages:greet", args: [{ name: "logs" }], format: "convex_encoded_json" }),
    });
    expect(((await response.json()) as { logLines: string[] }).logLines).toEqual(["[LOG] 'greeting' 'logs'"]);
    const printed: unknown[][] = [];
    const logger = { log: (...args: unknown[]) => printed.push(args), warn: () => undefined, error: () => undefined, logVerbose: () => undefined };
    const c = new ConvexClient(backend.url, { logger });
    clients.push(c);
    expect(await c.query(api.messages.greet, { name: "ws" })).toBe("hello ws");
    await waitFor(() => printed.some((args) => args.includes("'greeting' 'ws'")), "the log line printed by the client");
  });

  it("rejects a write that violates the schema with the validator message", async () => {
    await expect(new ConvexHttpClient(backend.url).mutation(api.messages.sendBadShape, {})).rejects.toThrow(/Validator error: Expected `string`, got `42`/);
  });
});
