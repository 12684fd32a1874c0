import { describe, expect, it } from 'vitest';
import { deriveResponseMetrics, type MetricEvent } from './metrics';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 10, minute)).toISOString();
const status = (minute: number, from: string, to: string): MetricEvent => ({
  at: at(minute),
  kind: 'status_changed',
  payload: { from, to },
});

describe('response metrics from the timeline', () => {
  it('measures detect, acknowledge, contain and resolve from onset and detection', () => {
    const metrics = deriveResponseMetrics([
      { at: at(10), kind: 'declared', payload: { onsetAt: at(0), detectedAt: at(5) } },
      { at: at(12), kind: 'acknowledged', payload: {} },
      status(15, 'triage', 'active'),
      status(35, 'active', 'contained'),
      status(50, 'contained', 'resolved'),
    ]);
    expect(metrics).toMatchObject({
      timeToDetect: 300,
      timeToAcknowledge: 420,
      timeToIsolate: null,
      timeToContain: 1800,
      timeToResolve: 2700,
      declaredAt: at(10),
    });
  });

  it('uses the declaration as detection and leaves detect unknown without an onset', () => {
    const metrics = deriveResponseMetrics([{ at: at(10), kind: 'declared', payload: {} }]);
    expect(metrics).toMatchObject({ detectedAt: at(10), onsetAt: null, timeToDetect: null, timeToContain: null });
  });

  it('takes a later onset estimate', () => {
    const metrics = deriveResponseMetrics([
      { at: at(10), kind: 'declared', payload: {} },
      { at: at(20), kind: 'onset_estimated', payload: { onsetAt: at(2) } },
    ]);
    expect(metrics.timeToDetect).toBe(480);
  });

  it('counts a resolution without a containment step as containment', () => {
    const metrics = deriveResponseMetrics([
      { at: at(0), kind: 'declared', payload: {} },
      status(30, 'active', 'resolved'),
    ]);
    expect(metrics.timeToContain).toBe(1800);
    expect(metrics.timeToResolve).toBe(1800);
  });

  it('restarts the containment clock when containment fails', () => {
    const metrics = deriveResponseMetrics([
      { at: at(0), kind: 'declared', payload: {} },
      status(10, 'active', 'contained'),
      status(20, 'contained', 'active'),
      status(40, 'active', 'contained'),
      status(45, 'contained', 'resolved'),
    ]);
    expect(metrics.timeToContain).toBe(2400);
    expect(metrics.timeToResolve).toBe(2700);
  });

  it('runs both clocks again when a resolved incident is reopened', () => {
    const metrics = deriveResponseMetrics([
      { at: at(0), kind: 'declared', payload: {} },
      status(10, 'active', 'resolved'),
      status(50, 'resolved', 'active'),
      status(55, 'active', 'resolved'),
      status(58, 'resolved', 'closed'),
    ]);
    expect(metrics.timeToContain).toBe(3300);
    expect(metrics.timeToResolve).toBe(3300);
    expect(metrics.closedAt).toBe(at(58));
  });
});
