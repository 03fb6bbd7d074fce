import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx'],
    globalSetup: ['packages/server/src/store/test-template.ts'],
    setupFiles: ['packages/web/src/testing/setup.ts'],
    // The tests that spawn `banzu` run the sources under test through tsx, not the last build in dist/.
    env: { BANZU_FROM_SOURCE: '1' },
    // Storage tests start embedded PostgreSQL (WASM); that takes a second or more.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
