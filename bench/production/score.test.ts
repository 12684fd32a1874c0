import { describe, expect, it } from 'vitest';
import type { Failure, Manifest } from './model';
import { median, parseAlerts, type ScoredAlert, sameSegment, scoreAlerts } from './score';

const failure = (over: Partial<Failure>): Failure => ({
  id: 'F1',
  system: 'a',
  kind: 'test',
  onset: '2026-11-09T10:00:00.000Z',
  end: '2026-11-09T11:00:00.000Z',
  shape: 'abrupt',
  deadlineMinutes: 10,
  signals: [],
  attributedUntil: '2026-11-09T13:00:00.000Z',
  story: '',
  ...over,
});

/** Two systems over two days; system a has one failure spanning 3 h (0.125 d) of its clean time. */
function manifest(failures: Failure[]): Manifest {
  return {
    bench: 'production',
    seed: 1,
    scale: 1,
    days: 2,
    cleanDays: 1,
    start: '2026-11-08T00:00:00.000Z',
    end: '2026-11-10T00:00:00.000Z',
    systems: ['a', 'b'],
    failures,
    clean: {
      a: [
        { start: '2026-11-08T00:00:00.000Z', end: '2026-11-09T10:00:00.000Z' },
        { start: '2026-11-09T13:00:00.000Z', end: '2026-11-10T00:00:00.000Z' },
      ],
      b: [{ start: '2026-11-08T00:00:00.000Z', end: '2026-11-10T00:00:00.000Z' }],
    },
    deploys: [],
    surges: [],
    events: {},
    total: 0,
  };
}

const alert = (over: Partial<ScoredAlert>): ScoredAlert => ({
  system: 'a',
  monitor: 'default:flag:x',
  signal: 'flag:x',
  level: 'warn',
  transition: 'opened',
  at: '2026-11-09T10:05:00.000Z',
  onset: '2026-11-09T10:00:00.000Z',
  ...over,
});

describe('scoreAlerts: failures', () => {
  it('detects a failure with an alert on its system between onset and the deadline, delay and onset error from the first', () => {
    const score = scoreAlerts(
      [
        alert({ at: '2026-11-09T10:10:00.000Z', onset: '2026-11-09T10:05:00.000Z' }),
        alert({ at: '2026-11-09T10:05:00.000Z', onset: '2026-11-09T09:57:00.000Z' }),
      ],
      manifest([failure({})]),
    );
    expect(score.failures[0]).toMatchObject({ detected: true, delayMinutes: 5, onsetErrorMinutes: 3 });
    expect(score.totals).toMatchObject({ detectedWithinDeadline: '1 of 1', medianDelayMinutes: 5 });
  });

  it('misses a failure whose only alerts are late, early or on another system', () => {
    const score = scoreAlerts(
      [
        alert({ at: '2026-11-09T10:10:01.000Z' }),
        alert({ at: '2026-11-09T09:59:59.000Z' }),
        alert({ system: 'b', at: '2026-11-09T10:05:00.000Z' }),
      ],
      manifest([failure({})]),
    );
    expect(score.failures[0]).toMatchObject({ detected: false, delayMinutes: null, onsetErrorMinutes: null });
    expect(score.totals.medianDelayMinutes).toBeNull();
  });

  it('names the segment only when an alert within the deadline carries exactly it', () => {
    const local = failure({ segment: { tenant: 'globex' } });
    const named = (segment: Record<string, string> | undefined, at = '2026-11-09T10:06:00.000Z') =>
      scoreAlerts([alert({}), alert({ at, ...(segment ? { segment } : {}) })], manifest([local])).failures[0]!
        .segmentNamed;
    expect(named({ tenant: 'globex' })).toBe(true);
    expect(named({ tenant: 'acme' })).toBe(false);
    expect(named({ tenant: 'globex', language: 'de' })).toBe(false);
    expect(named(undefined)).toBe(false);
    expect(named({ tenant: 'globex' }, '2026-11-09T10:30:00.000Z')).toBe(false);
    expect(scoreAlerts([alert({})], manifest([failure({})])).failures[0]!.segmentNamed).toBeNull();
  });
});

describe('scoreAlerts: false alerts', () => {
  it('counts alerts outside every failure span of their system, pages and escalations as pages, per clean day', () => {
    const score = scoreAlerts(
      [
        alert({ at: '2026-11-09T12:59:00.000Z' }), // inside a's span: attributed to the failure
        alert({ at: '2026-11-09T13:01:00.000Z' }), // after it: a false warning
        alert({ at: '2026-11-08T03:00:00.000Z', level: 'page' }), // a false page
        alert({ at: '2026-11-08T04:00:00.000Z', transition: 'escalated' }), // an escalation is a page
        alert({ system: 'b', at: '2026-11-09T10:05:00.000Z', signal: 'flag:pii', level: 'page' }), // b has no failure
      ],
      manifest([failure({})]),
    );
    const a = score.falseAlerts.a!;
    expect({ pages: a.pages, warnings: a.warnings, cleanDays: a.cleanDays }).toEqual({
      pages: 2,
      warnings: 1,
      cleanDays: 1.875,
    });
    expect(a.pagesPerCleanDay).toBeCloseTo(2 / 1.875, 3);
    expect(score.falseAlerts.b).toMatchObject({ pages: 1, warnings: 0, cleanDays: 2, zeroTolerancePages: 1 });
    // All systems together: 4 false alerts over the mean clean time (1.9375 d).
    expect(score.falseAlerts.all).toMatchObject({ pages: 3, warnings: 1, zeroTolerancePages: 1 });
    expect(score.totals.falsePagesPerCleanDay).toBeCloseTo(3 / 1.9375, 3);
    expect(score.totals.worstSystem).toBe('a');
  });

  it('reports zero false alerts and no worst system when every alert falls in a failure span', () => {
    const score = scoreAlerts([alert({})], manifest([failure({})]));
    expect(score.totals).toMatchObject({ falsePagesPerCleanDay: 0, falseWarningsPerCleanDay: 0, worstSystem: null });
  });
});

describe('helpers', () => {
  it('median of odd and even counts, null when empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('sameSegment compares keys and values', () => {
    expect(sameSegment({ a: '1' }, { a: '1' })).toBe(true);
    expect(sameSegment({ a: '1' }, { a: '2' })).toBe(false);
    expect(sameSegment(undefined, { a: '1' })).toBe(false);
  });

  it('parseAlerts skips blank lines and names a bad line', () => {
    expect(parseAlerts(`${JSON.stringify(alert({}))}\n\n`)).toHaveLength(1);
    expect(() => parseAlerts('{"system":"a"}')).toThrow(/line 1: signal missing/);
    expect(() => parseAlerts('\nnope')).toThrow(/line 2: not valid JSON/);
  });
});
