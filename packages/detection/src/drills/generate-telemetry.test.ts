import type { Scenario } from '@firebreak/core';
import { describe, expect, it } from 'vitest';
import { failureSignals, generateTelemetry } from './generate-telemetry';

const MIN = 60_000;
const ORIGIN = Date.UTC(2026, 0, 5, 9);

/** A small tabular scenario: a failure in one segment with a deploy, labels two minutes late. */
const SCENARIO: Scenario = {
  id: 'test-scenario',
  title: 't',
  summary: 's',
  kind: 'bias',
  system: 'fraud-model',
  background: 'b',
  roles: ['incident_commander'],
  objectives: ['o'],
  constraints: [],
  injects: [],
  expected: {
    declare: { within: '10m' },
    classify: { type: 'bias', severity: 'SEV2', within: '20m' },
    contain: { within: '30m', controls: ['route'] },
    statusUpdate: { within: '20m' },
    evidence: { min: 1 },
    decisions: { min: 1 },
  },
  telemetry: {
    rate: 60,
    warmup: '2h',
    onset: '30m',
    duration: '1h',
    baseline: {
      kind: 'prediction',
      classes: { approve: 0.9, decline: 0.1 },
      confidence: { mean: 0.8, sd: 0.05 },
      latency: { median: 40, sigma: 0.2 },
      flags: { odd: 0.01 },
      labels: { share: 0.5, errorRate: 0.05, delay: '2m' },
      segments: { group: { a: 0.5, b: 0.5 } },
      features: { amount: { mean: 50, sd: 10, min: 0 }, shop: { values: { x: 1, y: 1 } } },
      versions: { model: 'm-1' },
    },
    failure: {
      shape: 'abrupt',
      segment: { group: 'b' },
      changes: {
        flags: { odd: 0.3 },
        classes: { decline: 1 },
        confidenceShift: -0.3,
        versions: { model: 'm-2' },
        trafficFactor: 3,
        features: { amount: { shift: 100 } },
      },
    },
  },
};

const generate = (fromMs: number, toMs: number, seed = 7) =>
  generateTelemetry(SCENARIO, { fromMs, toMs, originMs: ORIGIN, seed });
const at = (event: { ts: string }) => Date.parse(event.ts) - ORIGIN;
const share = (events: readonly unknown[], hit: (event: never) => boolean) =>
  events.filter((event) => hit(event as never)).length / events.length;

describe('generateTelemetry', () => {
  const all = generate(-2 * 60 * MIN, 60 * MIN);
  const predictions = all.filter((event) => event.kind === 'prediction');
  const labels = all.filter((event) => event.kind === 'label');

  it('gives the same events for the same seed and other events for another', () => {
    expect(generate(-10 * MIN, 10 * MIN)).toEqual(generate(-10 * MIN, 10 * MIN));
    expect(generate(-10 * MIN, 10 * MIN, 8)).not.toEqual(generate(-10 * MIN, 10 * MIN));
  });

  it('splits: consecutive ranges together are the whole range, labels included', () => {
    const whole = generate(-20 * MIN, 40 * MIN);
    const parts = [
      ...generate(-20 * MIN, 1_234),
      ...generate(1_234, 31 * MIN + 17),
      ...generate(31 * MIN + 17, 40 * MIN),
    ];
    expect(parts).toEqual(whole);
  });

  it('stamps events at origin + scenario time, in order, within warm-up and duration', () => {
    const times = all.map(at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(-2 * 60 * MIN);
    expect(Math.max(...times)).toBeLessThan(60 * MIN);
    expect(generate(-5 * 60 * MIN, -3 * 60 * MIN)).toEqual([]);
    // About 60 a minute over 3 hours, plus the surge: group b's half tripled for the last 30 minutes.
    expect(predictions.length).toBeGreaterThan(0.9 * (60 * 180 + 60 * 0.5 * 2 * 30));
    expect(predictions.length).toBeLessThan(1.1 * (60 * 180 + 60 * 0.5 * 2 * 30));
  });

  it('labels about half the predictions, by id, 1 to 3 minutes later', () => {
    const byId = new Map(predictions.map((event) => [event.id, event]));
    for (const label of labels) {
      const prediction = byId.get(label.id);
      // A label may follow a prediction made before the range asked for.
      if (!prediction) continue;
      const delay = at(label) - at(prediction);
      expect(delay).toBeGreaterThanOrEqual(MIN);
      expect(delay).toBeLessThanOrEqual(3 * MIN);
    }
    expect(labels.length / predictions.length).toBeGreaterThan(0.45);
    expect(labels.length / predictions.length).toBeLessThan(0.55);
  });

  it('keeps the healthy system before the onset and fails only the segment after it', () => {
    const before = predictions.filter((event) => at(event) < 30 * MIN);
    const after = predictions.filter((event) => at(event) >= 30 * MIN);
    const inB = (event: { segment?: Record<string, string> }) => event.segment?.group === 'b';
    const odd = (event: { flags?: Record<string, boolean> }) => event.flags?.odd === true;
    expect(share(before, odd)).toBeGreaterThan(0.005);
    expect(share(before, odd)).toBeLessThan(0.02);
    expect(share(after.filter(inB), odd)).toBeGreaterThan(0.25);
    expect(
      share(
        after.filter((event) => !inB(event)),
        odd,
      ),
    ).toBeLessThan(0.02);
    expect(after.filter(inB).every((event) => event.prediction === 'decline')).toBe(true);
    // The surge: b is three times a's traffic after the onset, as many before.
    expect(after.filter(inB).length / after.filter((event) => !inB(event)).length).toBeCloseTo(3, 0);
    expect(share(before, inB)).toBeCloseTo(0.5, 1);
    // The deploy reaches all traffic; the healthy segment's features do not move.
    expect(new Set(before.map((event) => event.model))).toEqual(new Set(['m-1']));
    expect(new Set(after.map((event) => event.model))).toEqual(new Set(['m-2']));
    const mean = (events: typeof after) =>
      events.reduce((sum, event) => sum + Number(event.features?.amount), 0) / events.length;
    expect(mean(after.filter((event) => !inB(event)))).toBeCloseTo(50, -1);
    expect(mean(after.filter(inB))).toBeCloseTo(150, -1);
  });

  it('ramps a failure up over its ramp', () => {
    const ramp: Scenario = {
      ...SCENARIO,
      telemetry: {
        ...SCENARIO.telemetry,
        failure: { shape: 'ramp', ramp: '20m', changes: { flags: { odd: 0.5 } } },
      },
    };
    const events = generateTelemetry(ramp, { fromMs: 30 * MIN, toMs: 60 * MIN, originMs: ORIGIN, seed: 3 });
    const oddIn = (from: number, to: number) =>
      share(
        events.filter((event) => event.kind === 'prediction' && at(event) >= from * MIN && at(event) < to * MIN),
        (event: { flags?: Record<string, boolean> }) => event.flags?.odd === true,
      );
    // Strength 0→0.25 in the first 5 minutes (rate about 0.07), full after 20 minutes (0.5).
    expect(oddIn(30, 35)).toBeLessThan(0.15);
    expect(oddIn(50, 60)).toBeGreaterThan(0.4);
  });
});

describe('failureSignals', () => {
  it('names the signals the failure moves, as default monitors name them', () => {
    expect(failureSignals(SCENARIO).sort()).toEqual(
      ['confidence', 'feature:amount', 'flag:odd', 'prediction', 'selection:group'].sort(),
    );
  });
});
