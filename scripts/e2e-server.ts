/**
 * The server Playwright starts (playwright.config.ts → webServer): a fresh
 * in-memory local backend on test ports with the demo data, and a test build
 * of the app: `next build` with EXPERTLINE_TEST_BUILD=1, which next.config.ts
 * inlines into the build, then `next start`. Production builds refuse local
 * sign-in; a test build allows it and says so on every page.
 *
 * E2E_SKIP_BUILD=1 reuses the last build (.next) when only tests changed, if
 * that build is a test build.
 */
import { existsSync, readFileSync } from "node:fs";
import { config } from "../lib/config";
import { startBackend } from "../tools/convex-local/src/index";
import { backendEnv, ephemeralSecrets, nextEnv } from "./lib/local-secrets";
import { bin, codegen, runOrThrow, start } from "./lib/processes";

const E2E_PORTS = { next: 3100, backend: 3110 };
// `next build` cleans .next but keeps .next/dev, so a running `npm run dev` is not disturbed.
const DIST_DIR = ".next";

/** Whether the last build in DIST_DIR was made with the test-build flag (next.config `env`, recorded by Next). */
function lastBuildIsTestBuild(): boolean {
  const file = `${DIST_DIR}/required-server-files.json`;
  if (!existsSync(`${DIST_DIR}/BUILD_ID`) || !existsSync(file)) return false;
  const recorded = JSON.parse(readFileSync(file, "utf8")) as { config?: { env?: Record<string, string> } };
  return recorded.config?.env?.EXPERTLINE_TEST_BUILD === "1";
}

async function main() {
  codegen();
  const secrets = await ephemeralSecrets();
  const issuer = config.localAuth.issuer;
  const appUrl = `http://localhost:${E2E_PORTS.next}`;
  const backend = await startBackend({
    functionsDir: "convex",
    port: E2E_PORTS.backend,
    sitePort: E2E_PORTS.backend + 1,
    inMemory: true,
    reset: true,
    watch: false,
    env: { APP_URL: appUrl, ...backendEnv(secrets, issuer) },
  });
  await backend.run("seed:init", {});
  console.log(`e2e: backend at ${backend.url}, demo data loaded`);

  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_SKIP_TYPECHECK: "1",
    NEXT_PUBLIC_CONVEX_URL: backend.url,
    NEXT_PUBLIC_CONVEX_SITE_URL: backend.siteUrl,
    APP_URL: appUrl,
    ...nextEnv(secrets, issuer),
  };
  if (!(config.e2eSkipBuild && lastBuildIsTestBuild())) runOrThrow(bin("next"), ["build"], { ...env, EXPERTLINE_TEST_BUILD: "1" });
  const next = start(bin("next"), ["start", "--port", String(E2E_PORTS.next)], env);

  const stop = async (code: number) => {
    next.kill("SIGTERM");
    await backend.close();
    process.exit(code);
  };
  next.on("exit", (code) => void stop(code ?? 1));
  process.once("SIGINT", () => void stop(0));
  process.once("SIGTERM", () => void stop(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
