import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FuzzRequest, fuzzRequest } from './fuzz-requests';
import { FUZZ_TOKEN, fuzzTarget, send } from './fuzz-target';

describe('the API under malformed requests generated from its OpenAPI document', () => {
  let target: Awaited<ReturnType<typeof fuzzTarget>>;
  beforeAll(async () => {
    target = await fuzzTarget();
  }, 60_000);
  afterAll(() => target.close());

  it('covers every operation of the document', () => {
    expect(target.operations.length).toBeGreaterThanOrEqual(50);
  });

  it('answers every one with a 4xx or a success, never a 5xx', async () => {
    const failures: Array<{ request: FuzzRequest; status: number }> = [];
    await fc.assert(
      fc.asyncProperty(fuzzRequest(target.operations, target.doc, target.ids, FUZZ_TOKEN), async (request) => {
        const status = await send(target.app, request);
        if (status >= 500) failures.push({ request: { ...request, body: request.body?.slice(0, 200) }, status });
      }),
      { numRuns: 600, seed: 20261204 },
    );
    expect(failures.map((f) => `${f.status} ${f.request.operation} (${f.request.mutation})`)).toEqual([]);
  }, 120_000);
});
