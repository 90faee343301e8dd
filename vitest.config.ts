import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql ships CommonJS (main) and ESM (module) copies; Node loads the CommonJS one for our dependencies,
    // so our code must too, or two GraphQL realms meet ("from another module or realm").
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: [
      'services/**/*.test.ts',
      'projections/**/*.test.ts',
      'schema/**/*.test.ts',
      'test/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    testTimeout: 60_000,
    // Set-ups start an app and create organisations (argon2 hashing): over a minute with CPU hogs beside.
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    // Test files share their worker's modules instead of importing the whole app again each (the whole suite on
    // PGlite: 468 s against 1,017 s isolated, 1.2 GB peak per worker). So a test file must leave no module or
    // global changed behind it: no vi.mock, fake timers and process.env restored in afterEach/finally.
    isolate: false,
    reporters: ['default'],
  },
});
