import { describe, expect, it } from 'vitest';
import { createEngine, type EngineState, ingest } from './engine';
import type { TelemetryEvent } from './event';
import type { MonitorSpec } from './monitor';

const T0 = Date.parse('2026-11-24T10:00:00.000Z');
const MIN = 60_000;
const options = { defaultOwner: 'ml-oncall' };

const piiMonitor: MonitorSpec = {
  id: 'pii-in-answers',
  system: 'support-copilot',
  signal: 'flag:pii',
  detector: 'zero_tolerance',
  params: {},
  windowMs: 5 * MIN,
  baselineWindows: 0,
  owner: 'privacy-oncall',
  runbook: 'https://runbooks.example.com/pii',
};

function answer(minute: number, pii: boolean, id = `e-${minute}`): TelemetryEvent {
  return { system: 'support-copilot', ts: new Date(T0 + minute * MIN).toISOString(), id, flags: { pii } };
}

describe('detection engine', () => {
  it('leaves evaluation results alone: no default monitor, no alert, even with a flag set', () => {
    const engine = createEngine([]);
    const evaluations: TelemetryEvent[] = Array.from({ length: 20 }, (_, minute) => ({
      system: 'support-copilot',
      ts: new Date(T0 + minute * MIN).toISOString(),
      kind: 'evaluation',
      metric: 'bias_probe.impact_ratio',
      value: minute % 2 === 0 ? 0.5 : 1,
      flags: { pii: true },
    }));
    expect(ingest(engine, evaluations, options)).toEqual([]);
    expect(engine.systems['support-copilot']).toBeUndefined();
  });

  it('leaves shadow events alone: no series, no deploy, no alert, though the same events unmarked alert', () => {
    const events = [answer(1, false), answer(6, true, 'leak'), answer(11, false)].map((event) => ({
      ...event,
      model: 'm-12',
    }));
    const shadowed = createEngine([piiMonitor]);
    expect(
      ingest(
        shadowed,
        events.map((event) => ({ ...event, shadow: true })),
        options,
      ),
    ).toEqual([]);
    expect(shadowed.systems['support-copilot']?.deploys?.seen).toEqual({});
    const unmarked = createEngine([piiMonitor]);
    expect(ingest(unmarked, events, options)).toHaveLength(1);
    expect(Object.keys(unmarked.systems['support-copilot']?.deploys?.seen ?? {})).not.toEqual([]);
  });

  it('gives default monitors the system’s owner and runbook', () => {
    const events = [answer(1, false), answer(6, true, 'leak'), answer(11, false)];
    const [alert] = ingest(createEngine([]), events, {
      defaultOwner: 'x',
      ownerOf: () => 'support-ai',
      runbookOf: () => 'https://runbooks.example.com/copilot',
    });
    expect(alert).toMatchObject({
      monitor: 'default:flag:pii',
      owner: 'support-ai',
      runbook: 'https://runbooks.example.com/copilot',
    });
  });

  it('opens one alert for a PII hit, with owner, runbook, onset and sample event ids, then re-arms after quiet windows', () => {
    const engine = createEngine([piiMonitor]);
    const events = [
      answer(1, false),
      answer(6, false),
      answer(11, true, 'leak-1'),
      answer(12, true, 'leak-2'),
      answer(16, true, 'leak-3'),
      answer(21, false),
      answer(26, false),
      answer(31, false),
      answer(36, false),
    ];
    const alerts = ingest(engine, events, options);
    expect(alerts.map((a) => [a.transition, a.level, a.at])).toEqual([
      ['opened', 'page', '2026-11-24T10:15:00.000Z'],
      ['resolved', 'ok', '2026-11-24T10:35:00.000Z'],
    ]);
    expect(alerts[0]).toMatchObject({
      fingerprint: 'support-copilot|pii-in-answers|',
      system: 'support-copilot',
      monitor: 'pii-in-answers',
      signal: 'flag:pii',
      owner: 'privacy-oncall',
      runbook: 'https://runbooks.example.com/pii',
      // The first leak came at minute 11: the window's minutes place the onset there, not at the window's start.
      onset: '2026-11-24T10:11:00.000Z',
      value: 2,
      threshold: 1,
      evidence: { sampleEventIds: ['leak-1', 'leak-2'], window: { summary: { hits: 2, trials: 2 } } },
    });
  });

  it('gives the same alerts from a snapshot restored mid-stream', () => {
    const events = Array.from({ length: 40 }, (_, i) => answer(i * 2, i % 9 === 4));
    const whole = ingest(createEngine([piiMonitor]), events, options);
    const first = createEngine([piiMonitor]);
    const before = ingest(first, events.slice(0, 17), options);
    const restored = JSON.parse(JSON.stringify(first)) as EngineState;
    const after = ingest(restored, events.slice(17), options);
    expect([...before, ...after]).toEqual(whole);
  });

  it('keeps one series per segment value when a monitor splits by segment', () => {
    const engine = createEngine([{ ...piiMonitor, segmentBy: 'region' }]);
    const at = (minute: number, region: string, pii: boolean): TelemetryEvent => ({
      ...answer(minute, pii),
      segment: { region },
    });
    const alerts = ingest(
      engine,
      [at(1, 'EU', true), at(1, 'US', false), at(6, 'EU', false), at(6, 'US', false)],
      options,
    );
    expect(alerts.map((a) => a.segment)).toEqual([{ region: 'EU' }]);
    expect(alerts[0]?.fingerprint).toBe('support-copilot|pii-in-answers|region=EU');
  });
});
