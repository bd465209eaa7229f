import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", environment: "node", include: ["lib/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "backend",
          environment: "edge-runtime",
          include: ["convex/**/*.test.ts"],
          server: { deps: { inline: ["convex-test"] } },
          // Clock tests run minutes of fake time through convex-test; on a loaded 2-core machine that takes
          // several seconds of real time. A guard against hangs, not a speed goal (those are in npm run bench).
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "local-backend",
          environment: "node",
          include: ["tools/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
