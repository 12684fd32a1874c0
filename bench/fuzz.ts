/**
 * Robustness: malformed requests generated from the OpenAPI document (see fuzz-requests.ts),
 * sent to the real app in-process on a fresh store; counts the answers by status class and
 * lists every 5xx by operation and mutation. The target is no 5xx at all.
 *
 * Run: npx tsx bench/fuzz.ts [--requests 12000] [--seed 1] [--store pglite|postgres]
 * Prints one JSON object.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { fuzzRequest } from './fuzz-requests';
import { FUZZ_TOKEN, fuzzTarget, send } from './fuzz-target';
import { freshDatabase } from './postgres';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '12000' },
    seed: { type: 'string', default: '1' },
    store: { type: 'string', default: 'pglite' },
  },
});
const total = Number(values.requests);
const seed = Number(values.seed);

async function main() {
  const database = values.store === 'postgres' ? await freshDatabase({ prefix: 'firebreak_fuzz' }) : undefined;
  const target = await fuzzTarget(database ? { databaseUrl: database.url } : {});
  const requests = fc.sample(fuzzRequest(target.operations, target.doc, target.ids, FUZZ_TOKEN), {
    numRuns: total,
    seed,
  });
  const byClass: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  const serverErrors: Record<string, number> = {};
  const operationsHit = new Set<string>();
  const started = performance.now();
  for (const request of requests) {
    const status = await send(target.app, request);
    operationsHit.add(request.operation);
    byClass[`${Math.floor(status / 100)}xx`] = (byClass[`${Math.floor(status / 100)}xx`] ?? 0) + 1;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (status >= 500) {
      const key = `${status} ${request.operation} (${request.mutation})`;
      serverErrors[key] = (serverErrors[key] ?? 0) + 1;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await target.close();
  await database?.drop();
  console.log(
    JSON.stringify(
      {
        bench: 'fuzz',
        store: target.store.kind,
        seed,
        requests: total,
        operations: target.operations.length,
        operationsHit: operationsHit.size,
        seconds: Number(seconds.toFixed(1)),
        byClass,
        byStatus,
        serverErrors: Object.values(serverErrors).reduce((a, b) => a + b, 0),
        serverErrorCauses: serverErrors,
      },
      null,
      2,
    ),
  );
}

await main();
