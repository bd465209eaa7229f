/**
 * `npm run sim -- --seeds N --ops M` (issue 13, item 1; decision 012): runs
 * seeds 1..N of the whole-product simulation (convex/simulation.world.ts),
 * M operations each, in --jobs worker processes (default 2), and prints the
 * figures as the bench does, one JSON line each on stdout:
 *
 *   {"metric":"sim.breaks","value":0,"unit":"count"}
 *
 * plus sim.seeds, sim.ops, sim.ops_per_s (operations per second of wall time,
 * all workers together) and sim.wall_s. Progress and vitest's output go to
 * stderr; a failing seed prints its shortest failing history (shrunk) there,
 * and the command to replay it: `npm run sim -- --seed S --ops M` runs seed S
 * alone, exactly as before. `--first-seed S` starts at S instead of 1.
 * Exits 1 when any seed broke an invariant.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

type Args = { seeds: number; ops: number; first: number; jobs: number };

function parseArgs(argv: string[]): Args {
  const args: Args = { seeds: 10, ops: 1000, first: 1, jobs: 2 };
  for (let i = 0; i < argv.length; i++) {
    const value = Number(argv[i + 1]);
    const need = () => {
      if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${argv[i]} needs a whole number`);
      i++;
      return value;
    };
    if (argv[i] === "--seeds") args.seeds = need();
    else if (argv[i] === "--ops") args.ops = need();
    else if (argv[i] === "--first-seed") args.first = need();
    else if (argv[i] === "--jobs") args.jobs = Math.max(1, need());
    else if (argv[i] === "--seed") {
      args.first = need();
      args.seeds = 1;
    } else throw new Error(`Unknown argument ${argv[i]}. Use --seeds N --ops M [--first-seed S | --seed S] [--jobs J].`);
  }
  return args;
}

type SeedResult = { seed: number; ops: number; ms: number; failure: null | { ops: unknown[]; problems: string[]; step: number } };

function runWorker(seeds: number[], ops: number, out: string): Promise<number> {
  return new Promise((resolve) => {
    const vitest = path.join("node_modules", ".bin", "vitest");
    const child = spawn(vitest, ["run", "--config", "vitest.sim.config.ts", "--reporter", "dot"], {
      env: { ...process.env, SIM_SEEDS: seeds.join(","), SIM_OPS: String(ops), SIM_OUT: out },
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout.pipe(process.stderr);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const seeds = Array.from({ length: args.seeds }, (_, i) => args.first + i);
  const jobs = Math.min(args.jobs, seeds.length);
  const dir = mkdtempSync(path.join(tmpdir(), "expertline-sim-"));
  process.stderr.write(`sim: ${seeds.length} seeds (${seeds[0]}..${seeds.at(-1)}) × ${args.ops} operations in ${jobs} workers\n`);
  const started = Date.now();
  const outs = Array.from({ length: jobs }, (_, j) => path.join(dir, `worker-${j}.jsonl`));
  await Promise.all(outs.map((out, j) => runWorker(seeds.filter((_, i) => i % jobs === j), args.ops, out)));
  const wallS = (Date.now() - started) / 1000;

  const results: SeedResult[] = outs.flatMap((out) =>
    existsSync(out) ? readFileSync(out, "utf8").split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as SeedResult) : [],
  );
  const missing = seeds.filter((seed) => !results.some((r) => r.seed === seed));
  const broken = results.filter((r) => r.failure !== null);
  for (const r of broken) {
    process.stderr.write(`\nseed ${r.seed} broke at operation ${r.failure!.step}:\n  ${r.failure!.problems.join("\n  ")}\n`);
    process.stderr.write(`shortest failing history (${r.failure!.ops.length} operations; replay it with runOps, or the seed with npm run sim -- --seed ${r.seed} --ops ${args.ops}):\n`);
    process.stderr.write(`${JSON.stringify(r.failure!.ops)}\n`);
  }
  for (const seed of missing) process.stderr.write(`seed ${seed} did not finish (see the worker's output above)\n`);
  const totalOps = results.reduce((sum, r) => sum + r.ops, 0);
  const metrics = [
    { metric: "sim.breaks", value: broken.length + missing.length, unit: "count" },
    { metric: "sim.seeds", value: results.length, unit: "count" },
    { metric: "sim.ops", value: totalOps, unit: "count" },
    { metric: "sim.ops_per_s", value: Math.round(totalOps / Math.max(wallS, 0.001)), unit: "ops/s" },
    { metric: "sim.wall_s", value: Math.round(wallS * 10) / 10, unit: "s" },
  ];
  for (const m of metrics) process.stdout.write(`${JSON.stringify(m)}\n`);
  return broken.length + missing.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
