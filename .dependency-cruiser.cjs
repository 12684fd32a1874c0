// The server's layout rules (ADR 20), checked by `npm run layout` as part of `npm run verify`.
// Module-level import cycles across the whole repository stay with dpdm (`npm run cycles`).

// Files only a store may be: the store files themselves and the database folder. The
// composition root opens the store, and test fixtures write rows directly.
const mayTouchDatabase = [
  '^apps/server/src/db/',
  '^apps/server/src/[^/]+/store\\.ts$',
  '^apps/server/src/[^/]+/[^/]+-store\\.ts$',
  '^apps/server/src/(?:server|index|worker)\\.ts$',
  '^apps/server/src/[^/]+/fixtures\\.ts$',
];

// http/app.ts wires every domain's routes into the app, as server.ts wires the app: a
// composition root, whose imports of every folder are no cycle of theirs.
const compositionRoots = ['^apps/server/src/http/app\\.ts$'];

// No exceptions: every file of the server is checked. (Route files included: a route that starts
// a cross-domain flow lives in flows/routes.ts.)
const exceptions = [];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'database-only-in-stores',
      severity: 'error',
      comment:
        'Only store files (store.ts, *-store.ts) and db/ touch the database: drizzle-orm, the schema, ' +
        'sequences and the drivers. A type import of Tx or Db from db/connect is fine: services pass ' +
        'the transaction on.',
      from: { path: '^apps/server/src/', pathNot: mayTouchDatabase },
      to: {
        path: ['^apps/server/src/db/', 'node_modules/(drizzle-orm|pg|@electric-sql/pglite)/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-cycles-between-server-folders',
      severity: 'error',
      comment:
        'The server folders depend on each other one way (flows → triage → alerts → incidents, …); ' +
        'a cycle between two folders means one of them holds code that belongs to the other or to flows/.',
      scope: 'folder',
      from: { path: '^apps/server/src/[^/]+' },
      to: { path: '^apps/server/src/[^/]+', circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: ['node_modules', '^packages/'] },
    // Tests reach across folders on purpose (a controls test runs the detection runtime).
    exclude: { path: ['\\.test\\.ts$', '^apps/server/src/test/', ...compositionRoots, ...exceptions] },
  },
};
