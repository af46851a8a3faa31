import { defineConfig } from 'vitest/config'

/**
 * Test speeds (see docs/testing.md):
 * - unit: pure rules, no database, milliseconds.
 * - integration-embedded / integration-postgres: through app.inject() on a real database; one
 *   prepared database per worker, copied from a template that globalSetup migrates and seeds once.
 *   The PostgreSQL project runs only when DATABASE_URL is set (CI sets it).
 * - system: the real process (SIGTERM drain, restart keeps data) on the embedded engine.
 * - browser: Chromium through playwright-core against the real server.
 */
const integration = (engine: 'embedded' | 'postgresql', groupOrder: number) => ({
  test: {
    name: `integration-${engine}`,
    include: ['server/**/*.int.test.ts'],
    env: { TEST_ENGINE: engine },
    globalSetup: ['tests/support/global-setup.ts'],
    pool: 'forks' as const,
    // One database per worker process, kept across files: files must not assume an empty database.
    isolate: false,
    maxWorkers: 2,
    // Projects run one after another (group order): the engines and Chromium need the memory and cores.
    sequence: { groupOrder },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'packages/**/*.test.ts', 'web/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          sequence: { groupOrder: 0 },
        },
      },
      integration('embedded', 1),
      ...(process.env.DATABASE_URL ? [integration('postgresql', 2)] : []),
      {
        test: {
          name: 'system',
          include: ['tests/system/**/*.test.ts'],
          sequence: { groupOrder: 3 },
          env: { TEST_ENGINE: 'embedded' },
          globalSetup: ['tests/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          sequence: { groupOrder: 4 },
          env: { TEST_ENGINE: 'embedded' },
          globalSetup: ['tests/support/global-setup.ts', 'tests/support/build-web.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
