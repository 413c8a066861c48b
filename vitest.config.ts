import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL("./", import.meta.url)) } },
  test: {
    // Each test file gets its own database file, data dir and key ring (test/support/setup-env.ts).
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/setup-env.ts"],
    pool: "forks",
    projects: [
      {
        extends: true,
        test: { name: "unit+integration", include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      {
        // Browser tests: beforeAll may wait for another process's `next build` (test/support/web-app.ts) and then
        // run its own, so hooks get minutes; a single journey test drives many pages.
        extends: true,
        // One retry: a real browser against a real server on a loaded 2-core machine occasionally misses a
        // navigation deadline (seen once in the smoke test's second sign-in); a failure twice in a row is real.
        test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], testTimeout: 180_000, hookTimeout: 420_000, retry: 1 },
      },
    ],
  },
});
