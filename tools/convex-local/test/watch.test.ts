import { afterEach, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { FIXTURE_DIR, makeKeys, startFixture, waitFor } from "./helpers.js";
import type { Backend } from "../src/index.js";

let backend: Backend | undefined;
let copy: string | undefined;

afterEach(async () => {
  await backend?.close();
  if (copy !== undefined) rmSync(copy, { recursive: true, force: true });
});

describe("watch mode", () => {
  it("reloads changed files, including imports from outside the folder, without losing data", async () => {
    copy = mkdtempSync(path.join(os.tmpdir(), "convex-local-watch-"));
    cpSync(path.dirname(FIXTURE_DIR), copy, { recursive: true });
    backend = await startFixture(await makeKeys(), { functionsDir: path.join(copy, "convex"), watch: true });
    await backend.run("messages:send", { author: "watch", body: "kept" });
    expect(await backend.run("messages:greet", { name: "x" })).toBe("hello x");
    writeFileSync(path.join(copy, "lib", "greeting.ts"), 'export const GREETING_PREFIX = "howdy";\n');
    await waitFor(async () => (await backend!.run("messages:greet", { name: "x" })) === "howdy x", "reloaded greeting");
    expect(await backend.run("messages:list", { author: "watch" })).toEqual([{ author: "watch", body: "kept" }]);
  });
});
