import type { ExerciseInject } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { drillNow, drillTime, injectState, reportFileName, speedText, verdictText } from './drill-text';

const inject = (over: Partial<ExerciseInject>): ExerciseInject => ({
  id: 'exec-asks',
  title: 'The VP asks for an ETA',
  body: 'When will it be fixed?',
  audience: null,
  trigger: '5m after declared',
  dueMs: null,
  releasedMs: null,
  releasedAt: null,
  releasedBy: null,
  ...over,
});

describe('drill text', () => {
  it('reads drill time as a clock', () => {
    expect(drillTime(0)).toBe('0:00');
    expect(drillTime(-5_000)).toBe('0:00');
    expect(drillTime(754_900)).toBe('12:34');
    expect(drillTime(3_723_000)).toBe('1:02:03');
  });

  it('moves the clock on at the drill speed while it runs, and not otherwise', () => {
    expect(drillNow({ status: 'running', clock: { nowMs: 60_000, speed: 30 } }, 1_000, 3_000)).toBe(120_000);
    expect(drillNow({ status: 'paused', clock: { nowMs: 60_000, speed: 30 } }, 1_000, 3_000)).toBe(60_000);
    expect(drillNow({ status: 'running', clock: { nowMs: 60_000, speed: 10 } }, 3_000, 1_000)).toBe(60_000);
  });

  it('says where an inject stands', () => {
    expect(injectState(inject({}))).toEqual({ text: 'waits: 5m after declared', released: false });
    expect(injectState(inject({ dueMs: 1_200_000 }))).toEqual({ text: 'due at 20:00', released: false });
    expect(injectState(inject({ dueMs: 1_200_000, releasedMs: 1_201_000, releasedBy: 'dana-reyes' }))).toEqual({
      text: 'released at 20:01 by dana-reyes',
      released: true,
    });
  });

  it('names speeds, verdicts and the report file', () => {
    expect(speedText(30)).toBe('×30');
    expect(speedText(0.5)).toBe('×0.5');
    expect([true, false, null].map(verdictText)).toEqual(['met', 'missed', 'open']);
    expect(reportFileName({ id: 'DRL-3', scenario: { id: 'copilot-retrieval-pii-leak' } })).toBe(
      'DRL-3-copilot-retrieval-pii-leak.md',
    );
  });
});
