import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Tests spawn Python worker pools; two files at a time keeps a 2-core machine responsive.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
