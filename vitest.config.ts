import { defineConfig } from 'vitest/config';

/**
 * Run through `npm test` (infra/run-tests.mjs), which provides REDIS_URL, ELASTICSEARCH_URL and CHROMIUM_PATH.
 * Hooks get long timeouts because they start servers and create indices.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
});
