import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, nextAttemptAt, retryDelayMs } from './backoff';

const policy = { baseMs: 1_000, capMs: 60_000, maxAttempts: 8 };

describe('retry back-off', () => {
  it.each([
    // attempt, random, wait
    [1, 0, 500],
    [1, 1, 1_000],
    [2, 1, 2_000],
    [3, 0.5, 3_000],
    [6, 1, 32_000],
    [7, 1, 60_000],
    [7, 0, 30_000],
    [40, 1, 60_000],
  ])('after %i failed attempts with jitter %d waits %i ms', (attempt, random, wait) => {
    expect(retryDelayMs(attempt, policy, () => random)).toBe(wait);
  });

  it('gives up after the last attempt', () => {
    const at = new Date('2026-11-24T10:00:00Z');
    expect(nextAttemptAt(9, at, DEFAULT_RETRY_POLICY, () => 1)?.toISOString()).toBe('2026-11-24T10:01:00.000Z');
    expect(nextAttemptAt(10, at, DEFAULT_RETRY_POLICY, () => 1)).toBeNull();
  });
});
