import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// One run covers one database (TEST_DATABASE=sqlite|postgres); `npm test` runs both.
export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // lib modules that touch the database or secrets import "server-only", which throws
      // outside Next.js's server bundles; tests are trusted server code (tests/setup/server-only.ts).
      "server-only": fileURLToPath(new URL("tests/setup/server-only.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    setupFiles: ["tests/setup/database.ts", "tests/setup/console.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
