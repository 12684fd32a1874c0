import { defineConfig } from 'vitest/config';

/**
 * Every project's test files share their worker's process and modules (isolate off): with it on,
 * each of the ~300 files started a fresh process and imported the server anew, and CI spent a
 * third of its time on that (1,735 s against 1,163 s for the whole run, measured 2026-12-07). A
 * test that needs a module fresh says so (`vi.resetModules()` then `await import`), and one that
 * changes `process.env` or a global puts it back.
 */
const shared = { isolate: false } as const;

export default defineConfig({
  test: {
    // Vitest's default outside watch mode is one worker fewer than the cores: one worker on the
    // 2-core CI machines, so every file ran after the other while most of them wait on servers,
    // browsers and sockets. Two keep both cores busy (CI took 1,241 s of tests with one).
    maxWorkers: 2,
    projects: [
      { test: { ...shared, name: 'core', include: ['packages/core/src/**/*.test.ts'] } },
      { test: { ...shared, name: 'contract', include: ['packages/contract/src/**/*.test.ts'] } },
      { test: { ...shared, name: 'blameless', include: ['packages/blameless/src/**/*.test.ts'] } },
      // Property tests of the schedules run hundreds of cases: slow on a busy machine, never timed.
      { test: { ...shared, name: 'oncall', include: ['packages/oncall/src/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { ...shared, name: 'sdk', include: ['packages/sdk/src/**/*.test.ts'] } },
      { test: { ...shared, name: 'channels', include: ['packages/channels/src/**/*.test.ts'], testTimeout: 20_000 } },
      { test: { ...shared, name: 'detection', include: ['packages/detection/src/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          ...shared,
          name: 'server',
          include: ['apps/server/src/**/*.test.ts'],
          // Migrates one store of each kind that every test's fresh store is copied from.
          globalSetup: ['apps/server/src/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          ...shared,
          name: 'cli',
          include: ['apps/cli/src/**/*.test.ts'],
          // The servers the e2e tests start in the worker log nothing (set for the project, so no
          // test file has to set and restore it).
          env: { FIREBREAK_LOG_LEVEL: 'silent' },
          // Builds the CLI bundle the tests spawn, once, when it is stale.
          globalSetup: ['apps/cli/src/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      { test: { ...shared, name: 'bench', include: ['bench/**/*.test.ts'] } },
      // Runs deploy/Procfile.scale-out: three replicas and three workers on PostgreSQL and NATS.
      {
        test: {
          ...shared,
          name: 'deploy',
          include: ['deploy/**/*.test.ts'],
          testTimeout: 360_000,
          hookTimeout: 180_000,
        },
      },
      // Builds, packs and installs the published packages, then runs the SDK README against a server.
      {
        test: {
          ...shared,
          name: 'packages',
          include: ['scripts/**/*.test.ts'],
          // The server the packed-SDK test starts logs nothing (set here, so no file must restore it).
          env: { FIREBREAK_LOG_LEVEL: 'silent' },
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      { test: { ...shared, name: 'web', include: ['apps/web/src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          ...shared,
          name: 'web-e2e',
          include: ['apps/web/e2e/**/*.test.ts'],
          globalSetup: ['apps/web/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
