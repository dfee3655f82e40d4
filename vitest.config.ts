import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/support/integration-setup.ts"],
          // Each file gets its own fresh database; PGlite boots in ~1 s.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // `npm start` and the commands as child processes, on data directories of their own (tests/operations/app-process.ts).
          name: "operations",
          include: ["tests/operations/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/operations/global-setup.ts"],
          // One app at a time: each start takes a core for a few seconds, and the ports are fixed.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
