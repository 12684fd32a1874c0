import type { TelemetryEvent } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { type CountScope, countEvents, emptyCounts } from './counts';

const scope: CountScope = {
  system: 'support-copilot',
  target: 'model',
  baseline: 'm-12',
  candidate: 'm-13',
  signals: ['refusal'],
  segmentBy: null,
};
const event = (model: string, shadow?: boolean): TelemetryEvent => ({
  system: 'support-copilot',
  ts: '2026-12-07T00:00:00Z',
  kind: 'generation',
  model,
  flags: { refusal: true },
  ...(shadow === undefined ? {} : { shadow }),
});
const events = [
  event('m-12'),
  event('m-12'),
  event('m-13'),
  event('m-13', true),
  event('m-12', true),
  event('m-13', false),
];

describe('counting a run’s events', () => {
  it('leaves shadow copies out of a canary’s counts', () => {
    const into = { baseline: emptyCounts(), candidate: emptyCounts() };
    countEvents(scope, events, into, new Set());
    expect(into.baseline).toEqual({ events: 2, flagged: { refusal: 2 }, segments: {} });
    expect(into.candidate).toEqual({ events: 2, flagged: { refusal: 2 }, segments: {} });
  });

  it('counts a shadow run’s candidate from the shadow copies and its baseline from what users got', () => {
    const into = { baseline: emptyCounts(), candidate: emptyCounts() };
    countEvents({ ...scope, shadow: true }, events, into, new Set());
    expect(into.baseline).toEqual({ events: 2, flagged: { refusal: 2 }, segments: {} });
    expect(into.candidate).toEqual({ events: 1, flagged: { refusal: 1 }, segments: {} });
  });
});
