import type { AlertEvidence, AlertSeries } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import {
  alertState,
  formatMeasured,
  formatNumber,
  formatShare,
  readAlertFilter,
  segmentText,
  suggestIncident,
  writeAlertFilter,
} from './alert-text';
import { binLabel, controlChartModel, histogramModel, selectionModel, sinceText } from './chart-models';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute)).toISOString();

describe('alert wording', () => {
  it.each([
    [0.123456, '0.123'],
    [2, '2'],
    [12345.6, '12,346'],
    [-1.5, '-1.5'],
    [0.00012, '1.2e-4'],
    [Number.NaN, '—'],
  ])('formats %s as %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it('shows rates as percentages and other measures as numbers', () => {
    expect(formatShare(0.0125)).toBe('1.25%');
    expect(formatShare(0.5)).toBe('50%');
    expect(formatMeasured(0.08, 'rate per window')).toBe('8%');
    expect(formatMeasured(2.6, 'window mean')).toBe('2.6');
  });

  it('says where an alert stands', () => {
    const now = new Date(at(30));
    expect(alertState({ status: 'firing', acknowledged: null, suppressedUntil: null }, now)).toBe(
      'firing · not acknowledged',
    );
    expect(
      alertState({ status: 'firing', acknowledged: { by: 'dana', at: at(1) }, suppressedUntil: at(90) }, now),
    ).toBe('firing · acknowledged by dana · suppressed');
    expect(alertState({ status: 'dismissed', acknowledged: null, suppressedUntil: at(10) }, now)).toBe('dismissed');
    expect(segmentText({ region: 'EU', group: 'B' })).toBe('region=EU, group=B');
    expect(segmentText(null)).toBe('');
  });

  it.each([
    [
      { signal: 'flag:pii', detector: 'zero_tolerance', level: 'page' },
      { type: 'privacy_leak', severity: 'SEV1' },
    ],
    [
      { signal: 'flag:injection_suspected', detector: 'rate', level: 'warn' },
      { type: 'prompt_injection', severity: 'SEV3' },
    ],
    [
      { signal: 'selection:group', detector: 'fairness', level: 'page' },
      { type: 'bias', severity: 'SEV2' },
    ],
    [
      { signal: 'feature:amount', detector: 'drift', level: 'page' },
      { type: 'distribution_shift', severity: 'SEV2' },
    ],
    [
      { signal: 'latency_ms', detector: 'ewma', level: 'warn' },
      { type: 'infrastructure', severity: 'SEV3' },
    ],
    [
      { signal: 'confidence', detector: 'shewhart', level: 'page' },
      { type: 'model_degradation', severity: 'SEV2' },
    ],
  ] as const)('suggests an incident for %o', (alert, suggestion) => {
    expect(suggestIncident(alert)).toEqual(suggestion);
  });

  it('reads and writes the alerts filter, firing by default', () => {
    expect(readAlertFilter(new URLSearchParams(''))).toEqual({ status: 'firing' });
    expect(readAlertFilter(new URLSearchParams('status=bogus&system=%20'))).toEqual({ status: 'firing' });
    const filter = readAlertFilter(new URLSearchParams('status=dismissed&system=fraud-model'));
    expect(filter).toEqual({ status: 'dismissed', system: 'fraud-model' });
    expect(writeAlertFilter(filter).toString()).toBe('status=dismissed&system=fraud-model');
    expect(writeAlertFilter({ status: 'firing' }).toString()).toBe('');
  });
});

describe('chart models from alert evidence', () => {
  const series: AlertEvidence['series'] = {
    measure: 'window mean',
    windowMs: 300_000,
    history: [
      { at: at(0), value: 0.8, level: 'ok' },
      { at: at(5), value: 0.81, level: 'ok' },
      { at: at(10), value: 0.7, level: 'warn' },
      { at: at(15), value: 0.66, level: 'page' },
    ],
    lines: [
      { role: 'centre', value: 0.8, label: 'baseline mean' },
      { role: 'page', value: 0.72, label: 'page −2.5σ' },
    ],
  };

  it('spans the windows and the lines, marking an onset that falls on the chart', () => {
    const model = controlChartModel({ series }, at(10))!;
    expect(model.x).toEqual([Date.parse(at(0)), Date.parse(at(20))]);
    expect(model.y[0]).toBeCloseTo(0.66 - 0.15 * 0.08, 12);
    expect(model.y[1]).toBeGreaterThan(0.81);
    expect(model.onset).toBe(Date.parse(at(10)));
    expect(model.summary).toBe(
      'window mean over 4 windows; the deciding window reads 0.66 (page); 2 windows alerting. baseline mean at 0.8, page −2.5σ at 0.72.',
    );
    expect(controlChartModel({ series }, at(-60))!.onset).toBeUndefined();
    expect(model.xTicks(2).map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['10:05', '10:15']);
    expect(model.xTicks(10)).toHaveLength(4);
    expect(model.yTicks).toBeUndefined();
  });

  const carriedOn = (later: Array<[number, number, 'ok' | 'warn' | 'page']>, live = true): AlertSeries => ({
    alertId: 'ALR-1',
    measure: series!.measure,
    windowMs: series!.windowMs,
    lines: series!.lines,
    history: [
      ...series!.history.map((point) => ({ ...point, after: false })),
      ...later.map(([minute, value, level]) => ({ at: at(minute), value, level, after: true })),
    ],
    decidedAt: at(15),
    after: later.length,
    live,
    note: live ? null : 'the engine no longer holds this series',
  });

  it('carries the chart on past the deciding window: ringed, the later windows shaded and told', () => {
    const model = controlChartModel(
      { series },
      at(10),
      carriedOn([
        [20, 0.6, 'page'],
        [25, 0.64, 'page'],
        [30, 0.79, 'ok'],
        [35, 0.65, 'page'],
      ]),
    )!;
    expect(model.points.map((point) => point.after)).toEqual([false, false, false, false, true, true, true, true]);
    expect(model.decided).toMatchObject({ at: Date.parse(at(15)), value: 0.66, level: 'page' });
    expect(model.afterFrom).toBe(Date.parse(at(17)) + 30_000);
    expect(model.x).toEqual([Date.parse(at(0)), Date.parse(at(40))]);
    expect(model.y[0]).toBeLessThan(0.6);
    expect(model.since).toBe('Still happening: 3 of the 4 windows since reached the page line.');
    expect(model.summary).toBe(
      'window mean over 4 windows; the deciding window reads 0.66 (page); 2 windows alerting. baseline mean at 0.8, page −2.5σ at 0.72. Since the alert: 4 windows. Still happening: 3 of the 4 windows since reached the page line.',
    );
  });

  it('says when a series is back within limits, and says nothing of later windows it does not have', () => {
    const quiet = controlChartModel(
      { series },
      at(10),
      carriedOn([
        [20, 0.6, 'page'],
        [25, 0.79, 'ok'],
        [30, 0.8, 'ok'],
      ]),
    )!;
    expect(quiet.since).toBe('Back within limits for the last 2 windows (1 of the 3 windows since alerted).');
    const none = controlChartModel({ series }, at(10), carriedOn([]))!;
    expect(none.afterFrom).toBeUndefined();
    expect(none.since).toBe('No window has closed since the deciding one yet.');
    const gone = controlChartModel({ series }, at(10), carriedOn([], false))!;
    expect(gone.since).toBeUndefined();
    expect(gone.decided.at).toBe(Date.parse(at(15)));
    expect(controlChartModel({ series }, at(10))!.decided.at).toBe(Date.parse(at(15)));
  });

  it.each([
    [['page', 'page', 'ok', 'page'], 'Still happening: 3 of the 4 windows since reached the page line.'],
    [
      ['warn', 'page', 'warn'],
      'Still happening: 1 of the 3 windows since reached the page line, 2 more the warn line.',
    ],
    [['ok', 'warn'], 'Still happening: 1 of the 2 windows since reached the warn line.'],
    [['page'], 'Still happening: the window since reached the page line.'],
    [['ok'], 'Back within limits for the last window.'],
    [['ok', 'ok', 'ok'], 'Back within limits for the last 3 windows.'],
    [['page', 'ok', 'ok'], 'Back within limits for the last 2 windows (1 of the 3 windows since alerted).'],
  ] as const)('tells the windows since %j as %s', (levels, text) => {
    expect(sinceText(levels)).toBe(text);
  });

  it('has no chart for evidence from before charts, or a flat series of zeros', () => {
    expect(
      controlChartModel({ window: { start: at(0), end: at(5), observed: 1, summary: {} } }, at(0)),
    ).toBeUndefined();
    const flat = controlChartModel(
      {
        series: {
          measure: 'hits per window',
          windowMs: 300_000,
          history: [{ at: at(0), value: 0, level: 'ok' }],
          lines: [],
        },
      },
      at(0),
    )!;
    expect(flat.y).toEqual([0, 1]);
    expect(flat.yTicks).toEqual([0, 1]);
  });

  it('compares reference and current as shares, naming the bin that moved most', () => {
    const model = histogramModel({
      distribution: {
        binned: true,
        bins: [
          { key: 'b00', from: null, to: 0.7, reference: 100, current: 20 },
          { key: 'b01', from: 0.7, to: 0.9, reference: 800, current: 10 },
          { key: 'b02', from: 0.9, to: null, reference: 100, current: 70 },
        ],
      },
    })!;
    expect(model.bins.map((bin) => [bin.label, bin.reference, bin.current])).toEqual([
      ['< 0.7', 0.1, 0.2],
      ['0.7–0.9', 0.8, 0.1],
      ['≥ 0.9', 0.1, 0.7],
    ]);
    expect(model.summary).toContain('the largest move is 0.7–0.9: 80% → 10%');
    expect(binLabel({ key: 'approve', from: null, to: null })).toBe('approve');
  });

  it('puts the four-fifths line at four-fifths of the highest selection rate', () => {
    const model = selectionModel({
      selection: {
        positive: 'approve',
        line: 0.8,
        groups: [
          { group: 'A', selected: 50, total: 100, rate: 0.5 },
          { group: 'B', selected: 30, total: 100, rate: 0.3 },
        ],
      },
    })!;
    expect(model.threshold).toBe(0.4);
    expect(model.groups.map((group) => [group.group, group.below])).toEqual([
      ['A', false],
      ['B', true],
    ]);
    expect(model.summary).toBe(
      'Selection rate of "approve" per group: A 50%, B 30%. 0.8 of the highest rate is 40%; below it: B.',
    );
  });
});
