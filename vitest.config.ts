import { defineConfig } from 'vitest/config';

// Three projects so that fast rules run apart from the slow, real-process tests:
// unit (pure domain, storage on fake-indexeddb, sync against a local server),
// server (Fastify on 127.0.0.1 with a temporary SQLite file) and e2e (a real
// Chromium driven by playwright-core against a built app and a real server).
export default defineConfig({
  test: {
    reporters: ['default', './test/support/totals-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/domain/**/*.test.ts', 'test/storage/**/*.test.ts', 'test/sync/**/*.test.ts', 'test/scanning/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/build-app.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
