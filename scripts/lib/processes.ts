import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import path from "node:path";

export const bin = (name: string) => path.join("node_modules", ".bin", name);

/** Regenerates convex/_generated offline (about a second). */
export function codegen(): void {
  const result = spawnSync(bin("convex"), ["codegen", "--system-udfs", "--typecheck", "disable"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("convex codegen failed");
}

export function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { stdio: "inherit", env });
}

/** Runs a command to completion, failing loudly. */
export function runOrThrow(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed with status ${result.status}`);
}
