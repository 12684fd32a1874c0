import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../random';
import { type AlertEvent, createEngine, ingest } from './engine';
import type { TelemetryEvent } from './event';
import { CHART_WINDOWS } from './evidence';
import type { DetectorName, MonitorSpec } from './monitor';

const T0 = Date.parse('2026-11-24T00:00:00.000Z');
const WINDOW = 5 * 60_000;
const options = { defaultOwner: 'x' };

function monitor(id: string, signal: string, detector: DetectorName, extra: Partial<MonitorSpec> = {}): MonitorSpec {
  return {
    id,
    system: 'fraud-model',
    signal,
    detector,
    // Monitors that state their own budget keep it rather than sharing the system's (budget.ts).
    params: { pageEvery: '30d', warnEvery: '1d' },
    windowMs: WINDOW,
    baselineWindows: 12,
    owner: 'risk-ml',
    ...extra,
  };
}

/** `windows` windows of `perWindow` events; from window `shiftFrom` on, confidence drops, refusals rise and group B is approved less. */
function stream(
  windows: number,
  perWindow: number,
  shiftFrom: number,
  seed = 3,
  category = (_w: number, _i: number) => 'web',
): TelemetryEvent[] {
  const random = mulberry32(seed);
  const events: TelemetryEvent[] = [];
  for (let w = 0; w < windows; w++) {
    const broken = w >= shiftFrom;
    for (let i = 0; i < perWindow; i++) {
      const group = random() < 0.5 ? 'A' : 'B';
      events.push({
        system: 'fraud-model',
        ts: new Date(T0 + w * WINDOW + Math.floor((i * WINDOW) / perWindow)).toISOString(),
        id: `e-${w}-${i}`,
        confidence: Math.min(1, Math.max(0, 0.8 + 0.05 * gaussian(random) - (broken ? 0.08 : 0))),
        prediction: random() < (broken && group === 'B' ? 0.3 : 0.5) ? 'approve' : 'decline',
        segment: { group },
        features: { channel: category(w, i) },
        flags: { refusal: random() < (broken ? 0.08 : 0.02), pii: broken && i === 0 },
      });
    }
  }
  return events;
}

function firstOpened(alerts: AlertEvent[], id: string): AlertEvent {
  const alert = alerts.find((a) => a.monitor === id && a.transition === 'opened');
  if (!alert) throw new Error(`no alert from ${id}`);
  return alert;
}

describe('alert evidence for charts', () => {
  it('holds the series of windows up to the deciding one, with the level each window reached', () => {
    const alert = firstOpened(
      ingest(
        createEngine([monitor('pii', 'flag:pii', 'zero_tolerance', { baselineWindows: 0 })]),
        stream(8, 50, 5),
        options,
      ),
      'pii',
    );
    const { series } = alert.evidence;
    expect(series.measure).toBe('hits per window');
    expect(series.history.map((p) => [p.at.slice(11, 16), p.value, p.level])).toEqual([
      ['00:00', 0, 'ok'],
      ['00:05', 0, 'ok'],
      ['00:10', 0, 'ok'],
      ['00:15', 0, 'ok'],
      ['00:20', 0, 'ok'],
      ['00:25', 1, 'page'],
    ]);
    expect(series.history.at(-1)?.at).toBe(alert.evidence.window.start);
    expect(series.lines).toEqual([{ role: 'page', value: 1, label: 'any hit pages' }]);
  });

  it('draws a Shewhart chart in the units of the window mean: centre, and warn and page on both sides', () => {
    const alert = firstOpened(
      ingest(createEngine([monitor('confidence', 'confidence', 'shewhart')]), stream(40, 200, 30), options),
      'confidence',
    );
    const { detail, series } = alert.evidence;
    const mean = detail.baselineMean!;
    const sd = detail.baselineSd!;
    expect(series.measure).toBe('window mean');
    expect(series.lines.map((line) => [line.role, line.value])).toEqual([
      ['centre', mean],
      ['warn', mean + 1.5 * sd],
      ['warn', mean - 1.5 * sd],
      ['page', mean + 2.5 * sd],
      ['page', mean - 2.5 * sd],
    ]);
    expect(series.history.at(-1)?.value).toBeCloseTo(alert.evidence.window.observed, 12);
    expect(series.history.at(-1)?.value).toBeLessThan(mean - 1.5 * sd);
  });

  it('keeps a bounded window of history that still reaches back to the onset', () => {
    const alert = firstOpened(
      ingest(createEngine([monitor('refusals', 'flag:refusal', 'rate')]), stream(260, 100, 250), options),
      'refusals',
    );
    const { series } = alert.evidence;
    expect(series.history.length).toBe(CHART_WINDOWS);
    expect(series.history[0]!.at <= alert.onset).toBe(true);
    expect(series.lines[0]).toEqual({
      role: 'centre',
      value: alert.evidence.detail.baselineRate,
      label: 'baseline rate',
    });
    expect(series.lines[1]).toMatchObject({ value: alert.threshold });
  });

  it('gives a drift alert the reference and current counts per reference decile', () => {
    const alert = firstOpened(
      ingest(createEngine([monitor('confidence-drift', 'confidence', 'drift')]), stream(40, 300, 24), options),
      'confidence-drift',
    );
    const { distribution, series, detail } = alert.evidence;
    expect(distribution?.binned).toBe(true);
    const bins = distribution!.bins;
    expect(bins.length).toBeLessThanOrEqual(10);
    expect(bins[0]).toMatchObject({ key: 'b00', from: null });
    expect(bins.at(-1)).toMatchObject({ to: null });
    for (let i = 1; i < bins.length; i++) expect(bins[i]!.from).toBe(bins[i - 1]!.to);
    expect(bins.reduce((sum, bin) => sum + bin.reference, 0)).toBe(12 * 300);
    expect(bins.reduce((sum, bin) => sum + bin.current, 0)).toBe(detail.count);
    expect(series.history.at(-1)?.value).toBe(detail.psi);
    expect(series.history[0]?.value).toBe(0);
    expect(series.lines.map((line) => [line.role, line.value])).toEqual([
      ['centre', 0],
      ['warn', 0.1],
      ['page', 0.25],
    ]);
  });

  it('keeps twenty categories of a categorical drift, the rest summed as other', () => {
    const channel = (w: number, i: number) => (w < 12 ? `c${i % 5}` : `n${i % 40}`);
    const alert = firstOpened(
      ingest(createEngine([monitor('channel', 'feature:channel', 'drift')]), stream(14, 400, 99, 3, channel), options),
      'channel',
    );
    const bins = alert.evidence.distribution!.bins;
    expect(alert.evidence.distribution?.binned).toBe(false);
    expect(bins).toHaveLength(20);
    expect(bins.at(-1)).toMatchObject({ key: '(other)', reference: 0 });
    expect(bins.reduce((sum, bin) => sum + bin.current, 0)).toBe(400);
    expect(bins.reduce((sum, bin) => sum + bin.reference, 0)).toBe(12 * 400);
  });

  it('gives a fairness alert each group’s selection rate and the four-fifths line', () => {
    const parity = monitor('approval-parity', 'selection:group', 'fairness', { params: { positive: 'approve' } });
    const alert = firstOpened(ingest(createEngine([parity]), stream(40, 300, 24), options), 'approval-parity');
    const selection = alert.evidence.selection!;
    expect(selection.positive).toBe('approve');
    expect(selection.line).toBe(0.8);
    expect(selection.groups.map((g) => g.group)).toEqual(['A', 'B']);
    for (const g of selection.groups) expect(g.rate).toBe(g.selected / g.total);
    const [a, b] = selection.groups.map((g) => g.rate) as [number, number];
    expect(Math.min(a, b) / Math.max(a, b)).toBeCloseTo(alert.evidence.detail.disparateImpact!, 12);
    expect(alert.evidence.series.lines).toContainEqual({ role: 'page', value: 0.8, label: 'four-fifths line' });
  });

  it('is plain data of bounded size, the same for the same events', () => {
    const monitors = [
      monitor('refusals', 'flag:refusal', 'rate'),
      monitor('confidence-drift', 'confidence', 'drift'),
      monitor('parity', 'selection:group', 'fairness', {
        params: { positive: 'approve', minGroup: 20, pageEvery: '30d', warnEvery: '1d' },
      }),
      monitor('ewma', 'confidence', 'ewma'),
      monitor('cusum', 'confidence', 'cusum'),
    ];
    const events = stream(300, 60, 280);
    const alerts = ingest(createEngine(monitors), events, options);
    expect(ingest(createEngine(monitors), events, options)).toEqual(alerts);
    expect(new Set(alerts.map((a) => a.monitor))).toEqual(
      new Set(['refusals', 'confidence-drift', 'parity', 'ewma', 'cusum']),
    );
    for (const alert of alerts) {
      const text = JSON.stringify(alert.evidence);
      expect(JSON.parse(text)).toEqual(alert.evidence);
      expect({ monitor: alert.monitor, small: text.length < 24_000 }).toEqual({ monitor: alert.monitor, small: true });
      expect(alert.evidence.series.lines.every((line) => Number.isFinite(line.value))).toBe(true);
    }
  });
});
