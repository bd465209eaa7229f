import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { watch } from "node:fs";
import path from "node:path";

export const bin = (name: string) => path.join("node_modules", ".bin", name);

/** Regenerates convex/_generated offline (about a second). */
export function codegen(): void {
  const result = spawnSync(bin("convex"), ["codegen", "--system-udfs", "--typecheck", "disable"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("convex codegen failed");
}

/** Re-runs codegen when a file under convex/ (outside _generated) changes, so types follow new functions. */
export function watchCodegen(functionsDir = "convex"): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const watcher = watch(functionsDir, { recursive: true }, (_event, file) => {
    const name = String(file ?? "");
    if (!/\.tsx?$/.test(name) || name.startsWith("_generated") || /(^|[/\\])\./.test(name)) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      const result = spawnSync(bin("convex"), ["codegen", "--system-udfs", "--typecheck", "disable"], { encoding: "utf8" });
      if (result.status !== 0) console.error(`codegen failed:\n${result.stderr}`);
    }, 300);
  });
  return () => {
    if (timer !== null) clearTimeout(timer);
    watcher.close();
  };
}

export function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { stdio: "inherit", env });
}

/** Runs a command to completion, failing loudly. */
export function runOrThrow(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed with status ${result.status}`);
}
