import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/require-tools.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Integration tests bind real ports and spawn real clients; keep the load sane on 2 cores.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
