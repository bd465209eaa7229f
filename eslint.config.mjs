import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "convex/_generated/**",
      "**/_generated/**",
      ".convex-local/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["convex/**/*.ts"],
    ignores: ["convex/functions.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["./_generated/server", "../_generated/server", "**/_generated/server"],
              allowTypeImports: true,
              message: "Register functions through the builders in convex/functions.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    // No import cycles in the backend and the pure code: a cycle makes a module's
    // exports undefined while the other half loads, and hides which rule owns what.
    files: ["convex/**/*.ts", "lib/**/*.ts"],
    ignores: ["convex/_generated/**"],
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    // The browser takes types from the backend's model, never code: its enums and rules live in lib/.
    files: ["app/**/*.ts", "app/**/*.tsx", "components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/convex/model/*", "@/convex/model/**"],
              allowTypeImports: true,
              message: "Import the enum or rule from lib/ (the browser must not bundle convex/model).",
            },
          ],
        },
      ],
    },
  },
  {
    // Specs take `test` and `expect` from the fixtures, whose browser log fails a test on unexpected console errors and failed requests.
    files: ["tests/e2e/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@playwright/test",
              importNames: ["test", "expect"],
              message: "Import test and expect from ../fixtures/test: it fails a test on console errors and failed requests it did not expect.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
