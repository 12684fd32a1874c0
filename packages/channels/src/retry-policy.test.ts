import { describe, expect, it } from 'vitest';
import type { AttemptOutcome } from './delivery';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  deliverWithRetry,
  isRetryableStatus,
  parseRetryAfter,
  RetryPolicy,
} from './retry-policy';

const policy = RetryPolicy.parse({ baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 5, timeoutMs: 200 });
const now = new Date('2026-11-24T10:00:00.000Z');

describe('back-off', () => {
  it.each([
    [1, 0.5, 50],
    [2, 0.5, 100],
    [3, 0.5, 200],
    [4, 0.5, 400],
    [5, 0.5, 500],
    [12, 0.5, 500],
    [4, 0.99, 792],
    [12, 0.99, 990],
    [3, 0, 0],
  ])(
    'after try %i with random() = %f waits %i ms (full jitter over a capped doubling step)',
    (attempt, random, expected) => {
      expect(backoffDelay(attempt, policy, () => random)).toBe(expected);
    },
  );

  it('defaults to four tries from 500 ms up to 10 s with a 10 s timeout', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 10_000, timeoutMs: 10_000 });
  });
});

describe('classification', () => {
  it.each([
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [408, true],
    [410, false],
    [413, false],
    [422, false],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
  ])('HTTP %i is retryable: %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });

  it.each([
    ['2', 2_000],
    [' 120 ', 120_000],
    ['Tue, 24 Nov 2026 10:00:30 GMT', 30_000],
    ['Tue, 24 Nov 2026 09:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('reads Retry-After %j as %j ms', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe('deliverWithRetry', () => {
  /** Runs a scripted sequence of outcomes, recording the waits instead of sleeping them. */
  async function run(outcomes: Array<AttemptOutcome | Error>) {
    const waits: number[] = [];
    let calls = 0;
    const result = await deliverWithRetry(
      'webhook',
      async () => {
        const next = outcomes[Math.min(calls++, outcomes.length - 1)]!;
        if (next instanceof Error) throw next;
        return next;
      },
      { policy, random: () => 0.5, now: () => now, sleep: async (ms) => void waits.push(ms) },
    );
    return { result, waits, calls };
  }
  const fail = (status: number, retryAfterMs?: number): AttemptOutcome => ({
    ok: false,
    status,
    error: `HTTP ${status}`,
    retryable: isRetryableStatus(status),
    retryAfterMs,
  });

  it('backs off between retryable failures and records each try', async () => {
    const { result, waits } = await run([fail(503), fail(503), { ok: true, status: 200 }]);

    expect(waits).toEqual([50, 100]);
    expect(result.attempts).toEqual([
      { attempt: 1, at: now.toISOString(), status: 503, error: 'HTTP 503', waitedMs: 50 },
      { attempt: 2, at: now.toISOString(), status: 503, error: 'HTTP 503', waitedMs: 100 },
      { attempt: 3, at: now.toISOString(), status: 200 },
    ]);
    expect(result).toMatchObject({ delivered: true, retryable: false, status: 200 });
  });

  it('waits at least what Retry-After asks when it is within the cap', async () => {
    const { waits } = await run([fail(429, 700), { ok: true, status: 200 }]);

    expect(waits).toEqual([700]);
  });

  it('stops at the last try and says a later retry may work', async () => {
    const { result, calls } = await run([fail(500)]);

    expect(calls).toBe(5);
    expect(result).toMatchObject({ delivered: false, retryable: true, error: 'HTTP 500', status: 500 });
  });

  it('turns a thrown error into a retryable failure instead of throwing', async () => {
    const { result, calls } = await run([new TypeError('fetch failed'), { ok: true, status: 200 }]);

    expect(calls).toBe(2);
    expect(result.attempts[0]?.error).toBe('fetch failed');
    expect(result.delivered).toBe(true);
  });

  it('abandons a try that ignores its abort signal at the timeout', async () => {
    const result = await deliverWithRetry('teams', () => new Promise<AttemptOutcome>(() => {}), {
      policy: { maxAttempts: 2, timeoutMs: 50, baseDelayMs: 0 },
    });

    expect(result).toMatchObject({ delivered: false, retryable: true, error: 'timed out after 50 ms' });
    expect(result.attempts).toHaveLength(2);
  });
});
