import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../random';
import { createEngine, type EngineState, ingest } from './engine';
import type { TelemetryEvent } from './event';
import type { DetectorName, MonitorSpec } from './monitor';

const T0 = Date.parse('2026-11-24T00:00:00.000Z');
const WINDOW = 5 * 60_000;

const prng = mulberry32;
const normal = gaussian;

const monitor = (detector: DetectorName): MonitorSpec => ({
  id: `latency-${detector}`,
  system: 's',
  signal: 'latency_ms',
  detector,
  // Each chart states its own budget, so it keeps it rather than sharing the system's (budget.ts).
  params: { pageEvery: '30d', warnEvery: '1d' },
  windowMs: WINDOW,
  baselineWindows: 24,
  owner: 'o',
});
const CHARTS = [monitor('shewhart'), monitor('ewma'), monitor('cusum')];

/** Latency around 200 ms; `extra(w)` adds to every event of window w. */
function latency(windows: number, extra: (w: number) => number, seed = 3): TelemetryEvent[] {
  const random = prng(seed);
  const events: TelemetryEvent[] = [];
  for (let w = 0; w < windows; w++) {
    for (let i = 0; i < 50; i++) {
      events.push({
        system: 's',
        ts: new Date(T0 + w * WINDOW + i * 6000).toISOString(),
        id: `${w}-${i}`,
        latency_ms: 200 + 20 * normal(random) + extra(w),
      });
    }
  }
  return events;
}

const firstPage = (alerts: ReturnType<typeof ingest>, detector: string) =>
  alerts.find((a) => a.detector === detector && a.level === 'page');

describe('calibrated control charts in the engine', () => {
  it('do not page on a stable stream for over a day of windows', () => {
    const alerts = ingest(
      createEngine(CHARTS),
      latency(320, () => 0),
      { defaultOwner: 'o' },
    );
    expect(alerts.filter((a) => a.level === 'page')).toEqual([]);
  });

  it('page on a step of three baseline sigmas within a few windows, and say the budget', () => {
    // A window mean of 50 events has a standard deviation of about 20/√50 ≈ 2.8 ms.
    const alerts = ingest(
      createEngine(CHARTS),
      latency(60, (w) => (w >= 40 ? 9 : 0)),
      { defaultOwner: 'o' },
    );
    for (const detector of ['shewhart', 'ewma', 'cusum']) {
      const page = firstPage(alerts, detector);
      expect(page, detector).toBeDefined();
      expect((Date.parse(page!.at) - (T0 + 40 * WINDOW)) / WINDOW).toBeLessThanOrEqual(4);
      expect(page!.evidence.detail.pageArlWindows).toBeCloseTo(8640, 0);
    }
  });

  it('catch a slow drift sooner with EWMA and CUSUM than with Shewhart, on average over streams', () => {
    const lag = { shewhart: 0, ewma: 0, cusum: 0 };
    for (const seed of [3, 4, 5, 6, 7]) {
      const alerts = ingest(
        createEngine(CHARTS),
        latency(160, (w) => (w >= 40 ? (w - 40) * 0.15 : 0), seed),
        { defaultOwner: 'o' },
      );
      for (const detector of ['shewhart', 'ewma', 'cusum'] as const) {
        const page = firstPage(alerts, detector);
        lag[detector] += page ? (Date.parse(page.at) - (T0 + 40 * WINDOW)) / WINDOW : 120;
      }
    }
    expect(lag.cusum).toBeLessThan(lag.shewhart);
    expect(lag.ewma).toBeLessThan(lag.shewhart);
  });

  it('give identical alerts when restored from a snapshot at any point', () => {
    const events = latency(50, (w) => (w >= 35 ? 10 : 0), 11);
    const whole = ingest(createEngine(CHARTS), events, { defaultOwner: 'o' });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: events.length - 1 }), (cut) => {
        const engine = createEngine(CHARTS);
        const before = ingest(engine, events.slice(0, cut), { defaultOwner: 'o' });
        const after = ingest(JSON.parse(JSON.stringify(engine)) as EngineState, events.slice(cut), {
          defaultOwner: 'o',
        });
        expect([...before, ...after]).toEqual(whole);
      }),
      { numRuns: 15 },
    );
  });
});
