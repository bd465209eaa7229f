import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import type { Backend } from "../src/index.js";
import { api, makeKeys, startFixture, waitFor } from "./helpers.js";

type Job = { id: string; name: string; state: string };

let backend: Backend;
let http: ConvexHttpClient;

beforeAll(async () => {
  backend = await startFixture(await makeKeys(), { scheduledJobRetentionMs: 1_500 });
  http = new ConvexHttpClient(backend.url);
});

afterAll(async () => {
  await backend.close();
});

const bodies = async (author: string) => ((await http.query(api.messages.list, { author })) as { body: string }[]).map((m) => m.body);
const jobs = async () => (await http.query(api.messages.jobs, {})) as Job[];

describe("scheduler and crons", () => {
  it("fires runAfter in real time", async () => {
    await http.mutation(api.messages.sendLater, { author: "sched", body: "later", delayMs: 200 });
    expect(await bodies("sched")).toEqual([]);
    await waitFor(async () => (await bodies("sched")).includes("later"), "scheduled insert");
  });

  it("commits a scheduled mutation together with its job state", async () => {
    const watcher = new ConvexClient(backend.url);
    const seen: { state: string; delivered: boolean }[] = [];
    watcher.onUpdate(api.messages.jobsWithMessages, { author: "atomic" }, (rows: { state: string; delivered: boolean }[]) => seen.push(...rows));
    await http.mutation(api.messages.sendLater, { author: "atomic", body: "a", delayMs: 50 });
    await waitFor(() => seen.some((row) => row.state === "success"), "job success");
    await watcher.close();
    expect(seen.map((row) => row.state)).not.toContain("inProgress");
    for (const row of seen) expect(row.delivered).toBe(row.state === "success");
  });

  it("does not run a canceled job", async () => {
    const canceled = (await http.mutation(api.messages.sendLater, { author: "cancel", body: "never", delayMs: 300 })) as string;
    await http.mutation(api.messages.sendLater, { author: "cancel", body: "after", delayMs: 600 });
    await http.mutation(api.messages.cancel, { id: canceled });
    await waitFor(async () => (await bodies("cancel")).includes("after"), "the later job");
    expect(await bodies("cancel")).toEqual(["after"]);
    expect((await jobs()).find((j) => j.id === canceled)?.state ?? "cleaned up").toMatch(/canceled|cleaned up/);
  });

  it("cleans up finished job records after the retention period", async () => {
    const id = (await http.mutation(api.messages.sendLater, { author: "retention", body: "r", delayMs: 0 })) as string;
    await waitFor(async () => (await jobs()).find((j) => j.id === id)?.state === "success", "job success");
    await waitFor(async () => !(await jobs()).some((j) => j.id === id), "job record cleaned up");
  });

  it("runs interval crons from crons.ts", async () => {
    await waitFor(async () => ((await http.query(api.counters.tickCount, { source: "cron" })) as number) >= 2, "two cron ticks");
  });
});
