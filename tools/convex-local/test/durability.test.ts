import { afterEach, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { api, FIXTURE_DIR, fixtureEnv, makeKeys, startFixture, waitFor } from "./helpers.js";

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "src", "cli.ts");
const children: ChildProcess[] = [];
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "convex-local-test-"));
  tempDirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts the CLI as a child process and resolves with its URL once it prints the ready line. */
async function startCli(dataDir: string, envFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, "--dir", FIXTURE_DIR, "--port", "0", "--data", dataDir, "--env-file", envFile, "--no-watch"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Convex local backend ready at (\S+) \(HTTP actions at (\S+)\)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on("exit", (code) => reject(new Error(`CLI exited with ${code}: ${output}`)));
  });
  return { child, url };
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.on("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

describe("durability", () => {
  it("keeps every acknowledged write and pending job across kill -9", async () => {
    const keys = await makeKeys();
    const dataDir = tempDir();
    const envFile = path.join(tempDir(), ".env.convex.local");
    writeFileSync(envFile, Object.entries(fixtureEnv(keys)).map(([k, v]) => `${k}=${v}`).join("\n"));

    const first = await startCli(dataDir, envFile);
    const client = new ConvexHttpClient(first.url);
    await client.mutation(api.messages.sendLater, { author: "job", body: "overdue", delayMs: 400 });
    await client.mutation(api.messages.sendLater, { author: "job", body: "future", delayMs: 2_500 });
    const acknowledged: string[] = [];
    const writes = Array.from({ length: 60 }, (_, i) =>
      client.mutation(api.messages.send, { author: "crash", body: `w${i}` }).then(
        () => void acknowledged.push(`w${i}`),
        () => undefined,
      ),
    );
    await waitFor(() => acknowledged.length >= 10, "some acknowledged writes");
    await killHard(first.child);
    await Promise.allSettled(writes);
    const ackedBeforeKill = [...acknowledged];

    const second = await startCli(dataDir, envFile);
    const after = new ConvexHttpClient(second.url);
    const stored = ((await after.query(api.messages.list, { author: "crash" })) as { body: string }[]).map((m) => m.body);
    for (const body of ackedBeforeKill) expect(stored).toContain(body);
    const jobBodies = async () => ((await after.query(api.messages.list, { author: "job" })) as { body: string }[]).map((m) => m.body);
    await waitFor(async () => (await jobBodies()).includes("overdue"), "the overdue job to fire after restart");
    await waitFor(async () => (await jobBodies()).includes("future"), "the pending job to fire after restart");
    await killHard(second.child);
  });

  it("compacts the log into a snapshot, replays it, and ignores a torn last record", async () => {
    const keys = await makeKeys();
    const dataDir = tempDir();
    const options = { inMemory: false, dataDir, compactAfterRecords: 10 };
    const backend = await startFixture(keys, options);
    for (let i = 0; i < 25; i++) await backend.run("messages:insertInternal", { author: "compact", body: `c${i}` });
    const uploadUrl = (await backend.run("files:generateUploadUrl")) as string;
    const { storageId } = (await (await fetch(uploadUrl, { method: "POST", body: "file body" })).json()) as { storageId: string };
    await backend.close();

    expect(existsSync(path.join(dataDir, "snapshot.json"))).toBe(true);
    const logLines = readFileSync(path.join(dataDir, "log.jsonl"), "utf8").split("\n").filter(Boolean);
    expect(logLines.length).toBeLessThanOrEqual(10);
    appendFileSync(path.join(dataDir, "log.jsonl"), '{"ts":"99999999999999999999","w":[["1x');

    const restarted = await startFixture(keys, options);
    const bodies = ((await restarted.run("messages:list", { author: "compact" })) as { body: string }[]).map((m) => m.body);
    expect(bodies).toEqual(Array.from({ length: 25 }, (_, i) => `c${i}`));
    const fileUrl = (await restarted.run("files:url", { storageId })) as string;
    expect(await (await fetch(fileUrl)).text()).toBe("file body");
    await restarted.run("messages:insertInternal", { author: "compact", body: "after restart" });
    await restarted.close();

    const again = await startFixture(keys, options);
    expect(((await again.run("messages:list", { author: "compact" })) as unknown[]).length).toBe(26);
    await again.close();
  });

  it("lets a ConvexClient reconnect and resubscribe after a restart", async () => {
    const keys = await makeKeys();
    const dataDir = tempDir();
    const first = await startFixture(keys, { inMemory: false, dataDir });
    const port = Number(new URL(first.url).port);
    const client = new ConvexClient(first.url);
    const values: { body: string }[][] = [];
    client.onUpdate(api.messages.list, { author: "reconnect" }, (v: { body: string }[]) => values.push(v));
    await first.run("messages:insertInternal", { author: "reconnect", body: "before" });
    await waitFor(() => values.at(-1)?.length === 1, "first value");
    await first.close();
    const second = await startFixture(keys, { inMemory: false, dataDir, port, sitePort: 0 });
    try {
      await second.run("messages:insertInternal", { author: "reconnect", body: "after" });
      await waitFor(() => values.at(-1)?.map((m) => m.body).join() === "before,after", "update after reconnect", 20_000);
    } finally {
      await client.close();
      await second.close();
    }
  });
});
