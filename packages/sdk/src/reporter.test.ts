import { afterEach, describe, expect, it, vi } from 'vitest';
import { TelemetryReporter } from './reporter';

const event = (i: number) => ({ system: 'fraud-model', ts: '2026-11-24T10:00:00Z', id: `e-${i}` });

/** A fake server: answers from a script, records every batch it got. */
function server(script: Array<number | 'down'>) {
  const batches: unknown[][] = [];
  const fetch = vi.fn(async (_url: unknown, init?: RequestInit) => {
    const step = script.length > 1 ? script.shift()! : script[0]!;
    if (step === 'down') throw new TypeError('fetch failed');
    const batch = JSON.parse(String(init?.body)) as unknown[];
    if (step === 202) batches.push(batch);
    return new Response(JSON.stringify({ accepted: batch.length, rejected: [], rejectedTotal: 0 }), { status: step });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, batches, calls: fetch };
}

afterEach(() => vi.useRealTimers());

describe('telemetry reporter', () => {
  it('marks a shadow report shadow: true and sends ordinary reports unmarked', async () => {
    const fake = server([202]);
    const reporter = new TelemetryReporter({ baseUrl: 'http://fb', fetch: fake.fetch, flushIntervalMs: 60_000 });
    reporter.report({ ...event(1), model: 'm-11' });
    reporter.reportShadow({ ...event(1), model: 'm-12', flags: { hallucination_suspected: true } });
    await reporter.flush();
    expect(fake.batches).toEqual([
      [
        { ...event(1), model: 'm-11' },
        { ...event(1), model: 'm-12', flags: { hallucination_suspected: true }, shadow: true },
      ],
    ]);
  });

  it('batches events and sends a full batch at once', async () => {
    const fake = server([202]);
    const reporter = new TelemetryReporter({
      baseUrl: 'http://fb',
      fetch: fake.fetch,
      maxBatch: 3,
      flushIntervalMs: 60_000,
    });
    for (let i = 0; i < 7; i++) reporter.report(event(i));
    await reporter.flush();
    expect(fake.batches.map((b) => b.length)).toEqual([3, 3, 1]);
    expect(reporter.stats).toEqual({ buffered: 0, sent: 7, rejected: 0, dropped: 0, retries: 0 });
  });

  it('sends on its interval without a flush', async () => {
    vi.useFakeTimers();
    const fake = server([202]);
    const reporter = new TelemetryReporter({ baseUrl: 'http://fb', fetch: fake.fetch, flushIntervalMs: 1000 });
    reporter.report(event(1));
    expect(fake.calls).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.batches).toHaveLength(1);
  });

  it('keeps events while the server is down and retries with backoff until it is back', async () => {
    vi.useFakeTimers();
    const fake = server(['down', 503, 'down', 202]);
    const errors: unknown[] = [];
    const reporter = new TelemetryReporter({
      baseUrl: 'http://fb',
      fetch: fake.fetch,
      flushIntervalMs: 10,
      minBackoffMs: 100,
      onError: (e) => errors.push(e),
    });
    reporter.report(event(1));
    reporter.report(event(2));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.batches).toEqual([[event(1), event(2)]]);
    expect(reporter.stats).toMatchObject({ sent: 2, retries: 3, buffered: 0 });
    expect(errors).toHaveLength(3);
  });

  it('drops and counts what does not fit, never throwing into the app', () => {
    const fake = server(['down']);
    const reporter = new TelemetryReporter({
      baseUrl: 'http://fb',
      fetch: fake.fetch,
      maxBuffer: 2,
      flushIntervalMs: 60_000,
      onError: () => {
        throw new Error('app handler bug');
      },
    });
    expect([reporter.report(event(1)), reporter.report(event(2)), reporter.report(event(3))]).toEqual([
      true,
      true,
      false,
    ]);
    expect(reporter.stats).toMatchObject({ buffered: 2, dropped: 1 });
  });

  it('counts a batch the server refuses for good, rather than retrying it forever', async () => {
    const fake = server([401]);
    const reporter = new TelemetryReporter({ baseUrl: 'http://fb', fetch: fake.fetch });
    reporter.report(event(1));
    await reporter.flush();
    expect(reporter.stats).toMatchObject({ rejected: 1, buffered: 0, retries: 0 });
  });

  it('drops what is left when closed while the server is away', async () => {
    const fake = server(['down']);
    const reporter = new TelemetryReporter({ baseUrl: 'http://fb', fetch: fake.fetch, onError: () => undefined });
    reporter.report(event(1));
    await reporter.close();
    expect(reporter.stats).toMatchObject({ dropped: 1, buffered: 0 });
    expect(reporter.report(event(2))).toBe(false);
  });
  it('waits as long as a 429 or 503 says in Retry-After before trying again', async () => {
    vi.useFakeTimers();
    const answers = [
      new Response('{"error":{"code":"rate_limited"}}', { status: 429, headers: { 'retry-after': '7' } }),
      new Response('', { status: 503, headers: { 'retry-after': new Date(Date.now() + 30_000).toUTCString() } }),
    ];
    const sentAt: number[] = [];
    const fetch = vi.fn(async (_url: unknown, init?: RequestInit) => {
      sentAt.push(Date.now());
      const next = answers.shift();
      if (next) return next;
      const batch = JSON.parse(String(init?.body)) as unknown[];
      return new Response(JSON.stringify({ accepted: batch.length, rejectedTotal: 0 }), { status: 202 });
    });
    const reporter = new TelemetryReporter({
      baseUrl: 'http://fb',
      fetch: fetch as unknown as typeof globalThis.fetch,
      flushIntervalMs: 10,
      minBackoffMs: 100,
      onError: () => undefined,
    });
    const start = Date.now();
    reporter.report(event(1));
    await vi.advanceTimersByTimeAsync(6_000);
    expect(sentAt).toHaveLength(1); // a 100 ms backoff alone would have tried again long ago
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sentAt).toHaveLength(2);
    expect(sentAt[1]! - start).toBeGreaterThanOrEqual(7_000);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(sentAt).toHaveLength(2); // the HTTP-date form: until 30 s after the start
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sentAt).toHaveLength(3);
    expect(sentAt[2]! - start).toBeGreaterThanOrEqual(29_000);
    expect(reporter.stats).toMatchObject({ sent: 1, buffered: 0, retries: 2 });
  });

  it('caps a Retry-After at the longest backoff, and ignores one it cannot read', async () => {
    vi.useFakeTimers();
    const answers = [
      new Response('', { status: 429, headers: { 'retry-after': '86400' } }),
      new Response('', { status: 429, headers: { 'retry-after': 'soon' } }),
    ];
    const sentAt: number[] = [];
    const fetch = vi.fn(async () => {
      sentAt.push(Date.now());
      return answers.shift() ?? new Response('{"accepted":1}', { status: 202 });
    });
    const reporter = new TelemetryReporter({
      baseUrl: 'http://fb',
      fetch: fetch as unknown as typeof globalThis.fetch,
      flushIntervalMs: 10,
      minBackoffMs: 100,
      maxBackoffMs: 5_000,
      onError: () => undefined,
    });
    reporter.report(event(1));
    await vi.advanceTimersByTimeAsync(5_100);
    expect(sentAt).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sentAt).toHaveLength(3);
    expect(reporter.stats).toMatchObject({ sent: 1, buffered: 0 });
  });
});
