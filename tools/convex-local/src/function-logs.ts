/**
 * Collects what functions print with console.* so clients get it as
 * `logLines` (the Convex clients print them in the browser console), while it
 * still goes to the backend's own output.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { inspect } from "node:util";

const captures = new AsyncLocalStorage<string[]>();
const LEVELS = { log: "LOG", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG" } as const;
let installed = false;

function format(args: unknown[]): string {
  return args.map((arg) => (typeof arg === "string" ? `'${arg}'` : inspect(arg, { depth: 4, breakLength: Infinity }))).join(" ");
}

/** Replaces the process console with one that also records lines of the current capture. */
export function installFunctionLogCapture(): void {
  if (installed) return;
  installed = true;
  const original = globalThis.console;
  const capturing = Object.create(original) as Console;
  for (const [method, level] of Object.entries(LEVELS) as [keyof typeof LEVELS, string][]) {
    const write = original[method].bind(original);
    capturing[method] = (...args: unknown[]) => {
      captures.getStore()?.push(`[${level}] ${format(args)}`);
      write(...args);
    };
  }
  globalThis.console = capturing;
}

/** Runs `fn`, returning what it printed along with its result or error. */
export async function captureLogsSettled<T>(fn: () => Promise<T>): Promise<{ ok: true; result: T; logLines: string[] } | { ok: false; error: unknown; logLines: string[] }> {
  const logLines: string[] = [];
  try {
    return { ok: true, result: await captures.run(logLines, fn), logLines };
  } catch (error) {
    return { ok: false, error, logLines };
  }
}
