/**
 * `npm run bench` (a table) or `npm run bench -- --json` (only metric JSON
 * lines on stdout; progress and the machine on stderr). `--only <prefix>`
 * runs the suites reporting matching metrics; `--quick` shrinks every suite.
 * The whole bench stays within TOTAL_BUDGET_MS.
 */
import os from "node:os";
import { formatMs, metricLine, metricTable, metricWanted, parseArgs, suiteSelected, type Metric } from "./harness";
import { describeMachine } from "./machine";
import { suites } from "./suites";

const TOTAL_BUDGET_MS = 570_000;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  // Function logs and anything else printing with console.log must not reach stdout in JSON mode.
  if (args.json) console.log = console.info = console.debug = (...parts: unknown[]) => console.error(...parts);

  const machine = describeMachine();
  err(`machine ${JSON.stringify(machine)}`);
  if (!args.json) out(`ExpertLine bench on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}, load average ${machine.loadAverage1m}${args.quick ? " (quick)" : ""}\n`);

  const started = Date.now();
  const selected = suites.filter((suite) => suiteSelected(suite.metrics, args.only));
  if (selected.length === 0) throw new Error(`No metric starts with "${args.only}".`);
  const budget = (i: number) => (args.quick ? selected[i].budgetMs.quick : selected[i].budgetMs.full);
  const metrics: Metric[] = [];
  let failures = 0;
  for (let i = 0; i < selected.length; i++) {
    const suite = selected[i];
    const reservedForLater = selected.slice(i + 1).reduce((sum, _, j) => sum + budget(i + 1 + j), 0);
    const deadline = Math.min(Date.now() + budget(i), started + TOTAL_BUDGET_MS - reservedForLater);
    const suiteStarted = Date.now();
    err(`[${suite.name}] start (deadline in ${formatMs(deadline - suiteStarted)})`);
    try {
      const results = await suite.run({
        quick: args.quick,
        deadline,
        wants: (metric) => metricWanted(metric, args.only),
        log: (message) => err(`[${suite.name}] ${message}`),
      });
      for (const metric of results.filter((m) => metricWanted(m.metric, args.only))) {
        metrics.push(metric);
        if (args.json) out(metricLine(metric));
      }
    } catch (error) {
      failures++;
      err(`[${suite.name}] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    err(`[${suite.name}] done in ${formatMs(Date.now() - suiteStarted)}`);
  }
  if (!args.json) out(`${metricTable(metrics)}\n\nTotal ${formatMs(Date.now() - started)}.`);
  err(`bench finished in ${formatMs(Date.now() - started)}; load average (1 min) ${os.loadavg()[0].toFixed(2)}`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
