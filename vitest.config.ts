import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx'],
    // Storage tests open embedded PostgreSQL (WASM); its first start takes seconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
