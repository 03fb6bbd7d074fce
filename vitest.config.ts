import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx'],
    globalSetup: ['packages/server/src/store/test-template.ts'],
    // Storage tests start embedded PostgreSQL (WASM); that takes a second or more.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
