/**
 * npm run backend -- --dir <functionsDir> --port <p> --site-port <sp> --data <dir>
 *   [--reset] [--in-memory] [--env-file <path>] [--admin-key <k>] [--no-watch]
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startBackend } from "./index.js";
import { parseEnvFile } from "./env-file.js";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: "string", default: "./convex" },
      port: { type: "string", default: "3210" },
      "site-port": { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      data: { type: "string", default: ".convex-local" },
      reset: { type: "boolean", default: false },
      "in-memory": { type: "boolean", default: false },
      "env-file": { type: "string" },
      "admin-key": { type: "string" },
      "no-watch": { type: "boolean", default: false },
    },
  });
  const port = Number(values.port);
  const envFile = values["env-file"] ?? (existsSync(".env.convex.local") ? ".env.convex.local" : undefined);
  const env = envFile === undefined ? {} : parseEnvFile(readFileSync(envFile, "utf8"));
  const backend = await startBackend({
    functionsDir: values.dir,
    port,
    sitePort: values["site-port"] === undefined ? undefined : Number(values["site-port"]),
    host: values.host,
    dataDir: values.data,
    reset: values.reset,
    inMemory: values["in-memory"],
    watch: !values["no-watch"],
    env,
    adminKey: values["admin-key"],
  });
  console.log(`Convex local backend ready at ${backend.url} (HTTP actions at ${backend.siteUrl})`);
  const stop = () => {
    void backend.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`convex-local: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
