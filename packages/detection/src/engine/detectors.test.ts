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

function monitor(id: string, signal: string, detector: DetectorName, extra: Partial<MonitorSpec> = {}): MonitorSpec {
  return {
    id,
    system: 'fraud-model',
    signal,
    detector,
    params: {},
    windowMs: WINDOW,
    baselineWindows: 12,
    owner: 'risk-ml',
    ...extra,
  };
}

/** `windows` windows of `perWindow` events each; `shift` says from which window the failure starts. */
function stream(windows: number, perWindow: number, shiftFrom: number, seed = 1): TelemetryEvent[] {
  const random = prng(seed);
  const events: TelemetryEvent[] = [];
  for (let w = 0; w < windows; w++) {
    const broken = w >= shiftFrom;
    for (let i = 0; i < perWindow; i++) {
      const group = random() < 0.5 ? 'A' : 'B';
      const approve = random() < (broken && group === 'B' ? 0.3 : 0.5);
      events.push({
        system: 'fraud-model',
        ts: new Date(T0 + w * WINDOW + Math.floor((i * WINDOW) / perWindow)).toISOString(),
        id: `e-${w}-${i}`,
        confidence: Math.min(1, Math.max(0, 0.8 + 0.05 * normal(random) - (broken ? 0.08 : 0))),
        prediction: approve ? 'approve' : 'decline',
        segment: { group },
        flags: { refusal: random() < (broken ? 0.08 : 0.02) },
      });
    }
  }
  return events;
}

const MONITORS = [
  monitor('refusals', 'flag:refusal', 'rate'),
  monitor('confidence-drift', 'confidence', 'drift'),
  monitor('output-mix', 'prediction', 'drift'),
  monitor('approval-parity', 'selection:group', 'fairness', { params: { positive: 'approve' } }),
];
const options = { defaultOwner: 'x' };

describe('rate, drift and fairness detectors in the engine', () => {
  it('stay quiet on a stable stream for a day of windows', () => {
    const alerts = ingest(createEngine(MONITORS), stream(300, 300, Infinity), options);
    expect(alerts.filter((a) => a.level === 'page')).toEqual([]);
    expect(alerts.filter((a) => a.transition === 'opened').length).toBeLessThanOrEqual(4);
  });

  it('page on each failure within three windows (15 minutes) of its onset, with the onset estimated', () => {
    const alerts = ingest(createEngine(MONITORS), stream(40, 300, 24), options);
    const pages = new Map<string, (typeof alerts)[number]>();
    for (const alert of alerts)
      if (alert.level === 'page' && !pages.has(alert.monitor)) pages.set(alert.monitor, alert);
    // The output mix moves from 50% to 40% approvals: significant, but a PSI of 0.04, too small to page on.
    expect([...pages.keys()].sort()).toEqual(['approval-parity', 'confidence-drift', 'refusals']);
    for (const alert of pages.values()) {
      expect({ monitor: alert.monitor, lag: (Date.parse(alert.at) - (T0 + 24 * WINDOW)) / WINDOW }).toEqual({
        monitor: alert.monitor,
        lag: expect.toBeOneOf([1, 2, 3]),
      });
      // The change began at window 24; the estimate may be a window either side in noise.
      expect(Math.abs(Date.parse(alert.onset) - (T0 + 24 * WINDOW)) / WINDOW).toBeLessThanOrEqual(1);
    }
    expect(pages.get('refusals')).toMatchObject({
      detector: 'rate',
      evidence: { detail: { baselineRate: expect.closeTo(0.02, 2) } },
    });
    expect(pages.get('approval-parity')?.value).toBeLessThan(0.8);
    expect(pages.get('confidence-drift')?.value).toBeGreaterThanOrEqual(0.25);
  });

  it('gives identical alerts when restored from a snapshot at any point', () => {
    const events = stream(30, 120, 20, 9);
    const whole = ingest(createEngine(MONITORS), events, options);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: events.length - 1 }), (cut) => {
        const engine = createEngine(MONITORS);
        const before = ingest(engine, events.slice(0, cut), options);
        const restored = JSON.parse(JSON.stringify(engine)) as EngineState;
        const after = ingest(restored, events.slice(cut), options);
        expect([...before, ...after]).toEqual(whole);
      }),
      { numRuns: 15 },
    );
  });

  it('leaves groups below the minimum size out of the window test; the CUSUM over windows still names the group', () => {
    const alerts = ingest(
      createEngine([
        monitor('approval-parity', 'selection:group', 'fairness', { params: { positive: 'approve', minGroup: 1000 } }),
      ]),
      stream(40, 300, 24),
      options,
    );
    // About 150 decisions a group a window: none reaches 1,000, so no window is judged alone…
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) expect(alert.evidence.detail.disparateImpact).toBeUndefined();
    // …but group B's approvals fell from 50% to 30%, which its CUSUM against group A finds once
    // its run holds 400 decisions each side, dated from the window the fall began.
    const [first] = alerts;
    expect(first).toMatchObject({ transition: 'opened', segment: { group: 'B' } });
    expect(Date.parse(first!.onset)).toBe(T0 + 24 * WINDOW);
    expect(first!.evidence.detail.runSegmentCount).toBeGreaterThanOrEqual(400);
    const { runSegmentValue, runRestValue, runSegmentOverRest } = first!.evidence.detail;
    expect(runSegmentValue).toBeLessThan(0.35);
    expect(runRestValue).toBeCloseTo(0.5, 1);
    // The alert's value is then the group's rate over the rest's across the run, under the line.
    expect(first!.value).toBe(runSegmentOverRest);
    expect(first!.value).toBeLessThan(first!.threshold);
  });
});
