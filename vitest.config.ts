import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['sluice-src'] },
  ssr: { resolve: { conditions: ['sluice-src'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
