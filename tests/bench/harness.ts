/**
 * The bench's contract: suites return metrics; the runner prints them as a
 * table or as JSON lines `{"metric","value","unit"}` on stdout (nothing else
 * goes to stdout in --json mode). Adding a metric means adding it to a suite's
 * `metrics` and returning it from `run`; adding a suite means adding it to
 * suites.ts.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

export type Metric = { metric: string; value: number; unit: string };

export type SuiteContext = {
  quick: boolean;
  /** Wall-clock time (ms since epoch) by which the suite must have returned. */
  deadline: number;
  /** Whether the run asked for this metric (`--only` prefix), so a suite can skip the work behind it. */
  wants(metric: string): boolean;
  /** Progress for people; goes to stderr. */
  log(message: string): void;
};

export type Suite = {
  name: string;
  /** Metric names (or name prefixes such as "clock.tick_lag_p99_ms@") this suite reports. */
  metrics: readonly string[];
  /** Time the suite needs; later suites' budgets are reserved from earlier ones' deadlines. */
  budgetMs: { full: number; quick: number };
  run(ctx: SuiteContext): Promise<Metric[]>;
};

export type BenchArgs = { json: boolean; quick: boolean; only: string | null };

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { json: false, quick: false, only: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") args.json = true;
    else if (arg === "--quick") args.quick = true;
    else if (arg === "--only") {
      const prefix = argv[++i];
      if (prefix === undefined || prefix.startsWith("--")) throw new Error("--only needs a metric name prefix, e.g. --only billing.");
      args.only = prefix;
    } else throw new Error(`Unknown argument ${arg}. Use --json, --quick, --only <metric prefix>.`);
  }
  return args;
}

/** Whether a suite reporting `declared` metrics has anything the `--only` prefix asks for. */
export function suiteSelected(declared: readonly string[], only: string | null): boolean {
  return only === null || declared.some((name) => name.startsWith(only) || only.startsWith(name));
}

export function metricWanted(metric: string, only: string | null): boolean {
  return only === null || metric.startsWith(only);
}

/** Nearest-rank percentile (p in (0, 100]) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("percentile of an empty list");
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside (0, 100]`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

/** One stdout line of `--json` mode. */
export function metricLine(m: Metric): string {
  if (!Number.isFinite(m.value)) throw new RangeError(`metric ${m.metric} has no finite value (${m.value})`);
  return JSON.stringify({ metric: m.metric, value: m.value, unit: m.unit });
}

export function metricTable(metrics: readonly Metric[]): string {
  const width = Math.max(0, ...metrics.map((m) => m.metric.length));
  return metrics.map((m) => `  ${m.metric.padEnd(width)}  ${m.value.toLocaleString("en-US")} ${m.unit}`).join("\n");
}

export function formatMs(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Runs one suite as a script (`node --import tsx tests/bench/<suite>.ts [--quick]`):
 * its metrics as JSON lines on stdout, progress on stderr. Call it with
 * `import.meta.url`; it does nothing when the file is imported instead.
 */
export function runIfScript(moduleUrl: string, suite: Suite): void {
  const script = process.argv[1];
  if (script === undefined || fileURLToPath(moduleUrl) !== path.resolve(script)) return;
  const quick = process.argv.includes("--quick");
  suite
    .run({ quick, deadline: Date.now() + 900_000, wants: () => true, log: (m) => process.stderr.write(`[${suite.name}] ${m}\n`) })
    .then((metrics) => {
      for (const m of metrics) process.stdout.write(`${JSON.stringify(m)}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
}
