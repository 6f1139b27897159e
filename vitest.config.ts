import { defineConfig } from 'vitest/config';
import { findPostgresBinaries } from './test/server/throwaway-postgres.ts';

// The server suite runs once per database. It runs on PostgreSQL whenever a server can be
// had: TEST_DATABASE_URL, or initdb and pg_ctl to start a throwaway one. In CI it must run,
// so a missing PostgreSQL fails the run there instead of leaving the tests out.
const postgresTests = process.env.CI === 'true' || Boolean(process.env.TEST_DATABASE_URL) || findPostgresBinaries() !== null;
if (!postgresTests) {
  console.warn(
    'Server tests run on SQLite only: no PostgreSQL found (no TEST_DATABASE_URL, no initdb). Install postgresql or set TEST_DATABASE_URL to run them on PostgreSQL too.',
  );
}

// Projects so that fast rules run apart from the slow, real-process tests:
// unit (pure domain, storage on fake-indexeddb, sync against a local server),
// server (Fastify on 127.0.0.1 with a temporary SQLite file), server-postgres (the same
// tests on a throwaway PostgreSQL database each) and e2e (a real
// Chromium driven by playwright-core against a built app and a real server).
export default defineConfig({
  test: {
    reporters: ['default', './test/support/totals-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/domain/**/*.test.ts', 'test/storage/**/*.test.ts', 'test/sync/**/*.test.ts', 'test/scanning/**/*.test.ts', 'test/ui/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          exclude: ['test/server/**/*.postgres.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      ...(postgresTests
        ? [
            {
              test: {
                name: 'server-postgres',
                include: ['test/server/**/*.test.ts'],
                exclude: ['test/server/**/*.sqlite.test.ts'],
                environment: 'node',
                env: { SERVER_TEST_BACKEND: 'postgres' },
                globalSetup: ['test/server/postgres-global-setup.ts'],
                testTimeout: 60_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/build-app.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // The browser tests share two cores with the server suites, which run at the
          // same time. So a page may need several seconds to show what a poll waits for.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
