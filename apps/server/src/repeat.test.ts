import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { repeatEvery } from './repeat';

describe('repeatEvery', () => {
  afterEach(() => vi.useRealTimers());

  it('runs a pass per period, never two at once, and goes on after one that failed', async () => {
    vi.useFakeTimers();
    const log = pino({ level: 'silent' });
    const failed = vi.spyOn(log, 'error');
    let passes = 0;
    let release: () => void = () => {};
    const stop = repeatEvery({ everyMs: 1000, log, what: 'test', immediately: true }, async () => {
      passes += 1;
      if (passes === 1) throw new Error('store away');
      if (passes === 2) await new Promise<void>((resolve) => (release = resolve));
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(1);
    expect(failed).toHaveBeenCalledWith(expect.anything(), 'test pass failed; retrying at the next');
    await vi.advanceTimersByTimeAsync(1000);
    expect(passes).toBe(2);
    // The second pass still runs: the next tick does not start a third beside it.
    await vi.advanceTimersByTimeAsync(3000);
    expect(passes).toBe(2);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(passes).toBe(3);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(passes).toBe(3);
  });
});
