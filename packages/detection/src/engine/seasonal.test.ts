import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../random';
import { type AlertEvent, createEngine, type EngineState, ingest, monitorStatus, tune } from './engine';
import type { TelemetryEvent } from './event';

// A support assistant over several days: latency and a harm flag follow the day, traffic too,
// two tenants; `change(ms)` may alter each event.
const T0 = Date.parse('2026-11-02T00:00:00.000Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const options = { defaultOwner: 'ml-oncall' };

interface Twist {
  latency?: (ms: number) => number;
  flag?: (ms: number, tenant: string) => number;
  prompt?: (ms: number) => string;
}

function days(count: number, twist: Twist = {}, seed = 7): TelemetryEvent[] {
  const random = mulberry32(seed);
  const events: TelemetryEvent[] = [];
  for (let minute = 0; minute < count * 24 * 60; minute++) {
    const t = T0 + minute * MIN;
    const hour = (t % DAY) / HOUR;
    const load = 0.6 + 0.4 * Math.sin((2 * Math.PI * (hour - 8)) / 24);
    const perMinute = Math.round(20 * load);
    for (let i = 0; i < perMinute; i++) {
      const ms = t + Math.floor((i / perMinute) * MIN);
      const tenant = random() < 0.15 ? 'globex' : 'acme';
      const base = 0.03 * (1 + 0.3 * Math.sin((2 * Math.PI * hour) / 24));
      const rate = twist.flag ? twist.flag(ms, tenant) : base;
      events.push({
        system: 'copilot',
        ts: new Date(ms).toISOString(),
        id: `e${minute}-${i}`,
        prompt: twist.prompt?.(ms) ?? 'p1',
        segment: { tenant },
        latency_ms: 400 + 300 * load + 30 * gaussian(random) + (twist.latency?.(ms) ?? 0),
        flags: { hallucination: random() < rate },
      });
    }
  }
  return events;
}

const run = (events: TelemetryEvent[], engine: EngineState = createEngine([])) => ({
  engine,
  alerts: ingest(engine, events, options),
});
const opened = (alerts: AlertEvent[]) => alerts.filter((a) => a.transition !== 'resolved');

describe('seasonal default monitors', () => {
  it('learn for two days, then stay quiet through five days that follow the daily cycle', () => {
    const { engine, alerts } = run(days(5));
    expect(opened(alerts)).toEqual([]);
    const status = monitorStatus(engine, 'copilot');
    expect(status.find((m) => m.monitor === 'default:latency_ms')).toMatchObject({ state: 'watching' });
  });

  it('say learning while the warm-up lasts, and page on nothing but zero tolerance then', () => {
    const { engine, alerts } = run(days(1, { latency: (ms) => (ms > T0 + 20 * HOUR ? 900 : 0) }));
    expect(opened(alerts)).toEqual([]);
    const latency = monitorStatus(engine, 'copilot').find((m) => m.monitor === 'default:latency_ms');
    expect(latency?.state).toBe('learning');
  });

  it('alert on a harm rate that triples after the warm-up and page within four windows, naming an abrupt onset near the truth', () => {
    const onset = T0 + 3 * DAY + 14 * HOUR + 7 * MIN;
    const { alerts } = run(days(4, { flag: (ms) => (ms >= onset ? 0.1 : 0.03) }));
    // About 3 hits a window become 10: at a page a month for the system, a few windows' evidence.
    const flag = opened(alerts).filter((a) => a.monitor === 'default:flag:hallucination');
    const page = flag.find((a) => a.level === 'page');
    expect(Date.parse(flag[0]!.at) - onset).toBeLessThanOrEqual(20 * MIN);
    expect(Date.parse(page!.at) - onset).toBeLessThanOrEqual(20 * MIN);
    expect(Math.abs(Date.parse(flag[0]!.onset) - onset)).toBeLessThanOrEqual(2 * MIN);
    expect(flag[0]!.onsetModel).toBe('abrupt');
  });

  it('name the segment of a change local to one tenant', () => {
    const onset = T0 + 3 * DAY + 10 * HOUR;
    const { alerts } = run(days(4, { flag: (ms, tenant) => (ms >= onset && tenant === 'globex' ? 0.3 : 0.03) }));
    const named = opened(alerts).find((a) => a.segment?.tenant === 'globex');
    expect(named).toBeDefined();
    expect(Date.parse(named!.at) - onset).toBeLessThanOrEqual(20 * MIN);
    // Its evidence compares the segment with the rest of the system in the same window.
    const { detail } = named!.evidence;
    expect(detail.segmentCount! + detail.restCount!).toBeGreaterThan(detail.segmentCount!);
    expect(detail.segmentValue).toBeCloseTo(named!.evidence.window.observed, 12);
    expect(detail.restValue).toBeLessThan(0.08);
    expect(detail.segmentOverRest).toBeGreaterThan(3);
  });

  it('take a deploy that makes the model 8% slower as the new normal, not as a day of warnings', () => {
    const deploy = T0 + 3 * DAY + 9 * HOUR;
    const { alerts } = run(
      days(5, { latency: (ms) => (ms >= deploy ? 50 : 0), prompt: (ms) => (ms >= deploy ? 'p2' : 'p1') }),
    );
    expect(opened(alerts).filter((a) => a.signal === 'latency_ms')).toEqual([]);
  });

  it('date a harm rate that a prompt deploy made worse to the deploy, and only then', () => {
    // The bad prompt lands at 10:02; its comparison with the hour before finds the rate doubled.
    const deploy = T0 + 3 * DAY + 10 * HOUR + 2 * MIN;
    const bad = days(4, {
      flag: (ms) => (ms >= deploy ? 0.08 : 0.03),
      prompt: (ms) => (ms >= deploy ? 'p2' : 'p1'),
    });
    const flag = opened(run(bad).alerts).filter((a) => a.monitor === 'default:flag:hallucination');
    expect(flag[0]!.evidence.detail.deployAt).toBe(deploy);
    expect(flag[0]!.onset).toBe(new Date(deploy).toISOString());
    // The same failure without a deploy is dated by the history alone.
    const silent = days(4, { flag: (ms) => (ms >= deploy ? 0.08 : 0.03) });
    const alone = opened(run(silent).alerts).filter((a) => a.monitor === 'default:flag:hallucination');
    expect(alone[0]!.evidence.detail.deployAt).toBeUndefined();
  });

  it('do not learn from windows that alerted: a lasting failure keeps firing', () => {
    const onset = T0 + 3 * DAY + 2 * HOUR;
    const { engine } = run(days(5, { flag: (ms) => (ms >= onset ? 0.12 : 0.03) }));
    const flag = monitorStatus(engine, 'copilot').find((m) => m.monitor === 'default:flag:hallucination');
    expect(flag?.state).toBe('firing');
  });

  it('after a dismissal, is ten times less sensitive on that series and takes its level as normal', () => {
    const onset = T0 + 3 * DAY + 2 * HOUR;
    const events = days(5, { flag: (ms) => (ms >= onset ? 0.12 : 0.03) });
    const cut = events.findIndex((e) => Date.parse(e.ts) >= onset + 2 * HOUR);
    const { engine } = run(events.slice(0, cut));
    tune(engine, 'copilot|default:flag:hallucination|', 1);
    ingest(engine, events.slice(cut), options);
    const flag = monitorStatus(engine, 'copilot').find((m) => m.monitor === 'default:flag:hallucination');
    expect(flag).toMatchObject({ tuning: 1 });
    expect(flag?.state).not.toBe('firing');
  });

  it('give the same alerts from a snapshot taken mid-week as from one uninterrupted run', () => {
    const onset = T0 + 4 * DAY + 15 * HOUR;
    const events = days(5, { flag: (ms, tenant) => (ms >= onset && tenant === 'globex' ? 0.3 : 0.03) });
    const whole = run(events).alerts;
    const middle = events.findIndex((e) => Date.parse(e.ts) >= T0 + 3 * DAY + 12 * HOUR + 17 * MIN);
    const first = run(events.slice(0, middle));
    const restored = JSON.parse(JSON.stringify(first.engine)) as EngineState;
    const second = ingest(restored, events.slice(middle), options);
    expect([...first.alerts, ...second]).toEqual(whole);
    expect(opened(whole).length).toBeGreaterThan(0);
  });
});
