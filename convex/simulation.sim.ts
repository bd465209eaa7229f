/**
 * One worker of `npm run sim` (scripts/sim.ts starts it through
 * vitest.sim.config.ts): runs the seeds in SIM_SEEDS (comma separated) with
 * SIM_OPS operations each, shrinks a failing history, and appends one JSON
 * line per seed to SIM_OUT for the runner to report.
 */
import { appendFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { SIM_ENV, runSeed, shrink } from "./simulation.world";

const seeds = (process.env.SIM_SEEDS ?? "").split(",").filter((s) => s !== "").map(Number);
const ops = Number(process.env.SIM_OPS ?? 1000);
const out = process.env.SIM_OUT;

beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
  for (const [name, value] of Object.entries(SIM_ENV)) vi.stubEnv(name, value);
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

if (seeds.length === 0 || out === undefined) throw new Error("Run this through `npm run sim` (it sets SIM_SEEDS, SIM_OPS and SIM_OUT).");

it.each(seeds)(`seed %i keeps the money straight over ${ops} operations`, async (seed) => {
  const started = performance.now();
  const result = await runSeed(seed, ops);
  const ms = performance.now() - started;
  let shrunk = null;
  if (result.failure !== null) {
    const history = await shrink(result.ops, result.failure.problems[0]);
    shrunk = { ops: history, problems: result.failure.problems.slice(0, 10), step: result.failure.step };
  }
  appendFileSync(out, `${JSON.stringify({ seed, ops: result.ops.length, ms, failure: shrunk })}\n`);
  expect(result.failure).toBeNull();
});
