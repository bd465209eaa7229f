/**
 * `npm run sim` (scripts/sim.ts) runs convex/simulation.sim.ts with this
 * config: the backend tests' runtime (edge-runtime, convex-test inlined), one
 * file, long timeouts. `npm test` runs a fixed set in convex/simulation.test.ts.
 */
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    name: "sim",
    environment: "edge-runtime",
    include: ["convex/simulation.sim.ts"],
    server: { deps: { inline: ["convex-test"] } },
    testTimeout: 60 * 60 * 1000,
  },
});
