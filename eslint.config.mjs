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
];

export default config;
