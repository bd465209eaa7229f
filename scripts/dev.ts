/**
 * `npm run dev`: one command for the local default.
 *
 *  1. regenerates convex/_generated (offline), and again whenever convex/ changes;
 *  2. makes local secrets on first run (.local-secrets/: sign-in key pair, webhook secret);
 *  3. starts the local Convex-compatible backend in this process, reloading on changes,
 *     and loads the demo data into an empty one;
 *  4. starts `next dev` and prints the URL and demo accounts.
 *
 * With CONVEX_DEPLOYMENT or NEXT_PUBLIC_CONVEX_URL set (e.g. in .env.local), it skips the
 * local backend: run `npx convex dev` alongside and the app talks to Convex.
 */
import nextEnvPackage from "@next/env";
import { existsSync, readFileSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { config } from "../lib/config";
import { parseEnvFile } from "../tools/convex-local/src/env-file";
import { startBackend, type Backend } from "../tools/convex-local/src/index";
import { backendEnv, ensureLocalSecrets, nextEnv } from "./lib/local-secrets";
import { bin, codegen, start, watchCodegen } from "./lib/processes";

nextEnvPackage.loadEnvConfig(process.cwd(), true);

const bold = (text: string) => `\x1b[1m${text}\x1b[0m`;

/** Deployment env vars for the local backend, like `npx convex env set` (file is git-ignored). */
function deploymentEnvFile(): Record<string, string> {
  return existsSync(".env.convex.local") ? parseEnvFile(readFileSync(".env.convex.local", "utf8")) : {};
}

function printAccounts(appUrl: string, accounts: { name: string; email: string; role: string }[]) {
  console.log(`\n${bold("ExpertLine is running")} at ${bold(appUrl)}\n`);
  if (config.localAuthAllowed) {
    console.log(`Sign in at ${appUrl}/sign-in as any of these demo accounts (or create one):`);
    for (const account of accounts) console.log(`  ${account.role.padEnd(8)} ${account.name.padEnd(14)} ${account.email}`);
  }
  console.log("\nPress Ctrl+C to stop.\n");
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  codegen();
  const stopCodegen = watchCodegen();

  const ports = config.devPorts;
  const appUrl = `http://localhost:${ports.next}`;
  const connected = config.convexDeployment !== undefined || config.convexUrl !== undefined;
  let backend: Backend | null = null;
  let next: ChildProcess;

  if (connected) {
    console.log(`Using the Convex deployment ${config.convexDeployment ?? config.convexUrl}; run \`npx convex dev\` alongside.`);
    next = start(bin("next"), ["dev", "--port", String(ports.next)], { ...process.env });
    console.log(`\n${bold("ExpertLine")} at ${bold(appUrl)}\n`);
  } else {
    const secrets = await ensureLocalSecrets();
    if (secrets.created) console.log("Made local secrets in .local-secrets/ (sign-in key pair, webhook secret).");
    const issuer = config.localAuth.issuer;
    backend = await startBackend({
      functionsDir: "convex",
      port: ports.backend,
      sitePort: ports.backend + 1,
      dataDir: ".convex-local",
      watch: true,
      env: { APP_URL: appUrl, ...deploymentEnvFile(), ...backendEnv(secrets, issuer) },
    });
    console.log(`Local backend at ${backend.url} (HTTP actions at ${backend.siteUrl}), data in .convex-local/`);
    const seed = (await backend.run("seed:init", {})) as { created: boolean; accounts: { name: string; email: string; role: string }[] };
    if (seed.created) console.log("Loaded the demo data.");

    next = start(bin("next"), ["dev", "--port", String(ports.next)], {
      ...process.env,
      NEXT_PUBLIC_CONVEX_URL: backend.url,
      NEXT_PUBLIC_CONVEX_SITE_URL: backend.siteUrl,
      APP_URL: appUrl,
      ...nextEnv(secrets, issuer),
    });
    printAccounts(appUrl, seed.accounts);
  }

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    stopCodegen();
    next.kill("SIGTERM");
    await backend?.close();
    process.exit(code);
  };
  next.on("exit", (code) => void stop(code ?? 0));
  process.once("SIGINT", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
