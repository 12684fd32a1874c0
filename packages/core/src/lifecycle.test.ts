import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors';
import {
  assertChangeable,
  assertMergeable,
  assertResolvable,
  assertTransition,
  isFinished,
  isOpen,
  reasonRequired,
  STATUSES,
  TRANSITIONS,
} from './lifecycle';

describe('incident lifecycle', () => {
  it.each([
    ['triage', 'active'],
    ['active', 'contained'],
    ['contained', 'recovering'],
    ['recovering', 'resolved'],
    ['resolved', 'closed'],
    ['active', 'resolved'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each([
    ['closed', 'resolved'],
    ['closed', 'active'],
    ['dismissed', 'contained'],
    ['dismissed', 'active'],
    ['resolved', 'contained'],
    ['contained', 'dismissed'],
    ['active', 'closed'],
  ] as const)('refuses %s → %s as an invalid transition', (from, to) => {
    try {
      assertTransition(from, to, 'because');
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'invalid_transition')).toBe(true);
      expect((error as Error).message).toContain(`${from} incident to ${to}`);
      expect((error as Error).message).not.toMatch(/ a [aeiou]/);
    }
  });

  it('refuses a transition to the same status', () => {
    expect(() => assertTransition('active', 'active')).toThrow(/already active/);
  });

  it.each([
    ['active', 'dismissed'],
    ['dismissed', 'triage'],
    ['resolved', 'active'],
    ['contained', 'active'],
  ] as const)('requires a reason for %s → %s', (from, to) => {
    expect(reasonRequired(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).toThrow(/reason/);
    expect(() => assertTransition(from, to, 'false positive: load test traffic')).not.toThrow();
  });

  it('names what is allowed from a status', () => {
    expect(() => assertTransition('dismissed', 'contained', 'x')).toThrow(/from dismissed it can go to triage/);
    expect(() => assertTransition('closed', 'resolved')).toThrow(/closed is final/);
  });

  it('covers every status in the transition table', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...STATUSES].sort());
    expect(STATUSES.filter(isOpen)).toEqual(['triage', 'active', 'contained', 'recovering']);
  });
});

describe('finished incidents', () => {
  it.each(['resolved', 'closed', 'dismissed'] as const)(
    'a %s incident is read-only, and says how to reopen',
    (status) => {
      expect(isFinished(status)).toBe(true);
      try {
        assertChangeable(status, 'status updates');
        expect.unreachable();
      } catch (error) {
        expect(isDomainError(error, 'invalid_transition')).toBe(true);
        const message = (error as Error).message;
        expect(message).toContain(`${status} incident takes no status updates`);
        if (status === 'closed') expect(message).toContain('final record');
        else expect(message).toMatch(/reopen it first \(move it to (active|triage)/);
      }
    },
  );

  it.each(['triage', 'active', 'contained', 'recovering'] as const)('a %s incident can be changed', (status) => {
    expect(isFinished(status)).toBe(false);
    expect(() => assertChangeable(status, 'decisions')).not.toThrow();
  });
});

describe('resolving', () => {
  const ready = { acknowledged: true, commander: 'Dana', reason: 'index rolled back, verified' };

  it.each(['SEV1', 'SEV2'] as const)('resolves a %s acknowledged, with a commander and a reason', (severity) => {
    expect(() => assertResolvable({ severity, ...ready })).not.toThrow();
  });

  it.each(['SEV3', 'SEV4'] as const)('resolves a %s with none of them', (severity) => {
    expect(() => assertResolvable({ severity, acknowledged: false, commander: null })).not.toThrow();
  });

  it('names every missing fact of a SEV1 at once, as a conflict with its state', () => {
    try {
      assertResolvable({ severity: 'SEV1', acknowledged: false, commander: null });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'invalid_transition')).toBe(true);
      expect((error as Error).message).toBe(
        'status: before a SEV1 can be resolved: acknowledge the incident first; seat an incident commander first; say why it is resolved',
      );
    }
  });

  it('asks only for the reason when that is all a SEV2 lacks', () => {
    try {
      assertResolvable({ severity: 'SEV2', acknowledged: true, commander: 'Dana', reason: ' ' });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, 'validation_failed')).toBe(true);
    }
  });
});

describe('merging duplicates', () => {
  it('merges one open incident into another', () => {
    expect(() =>
      assertMergeable({ id: 'INC-4', status: 'triage' }, { id: 'INC-2', status: 'contained' }),
    ).not.toThrow();
  });

  it.each([
    [{ id: 'INC-2', status: 'active' }, { id: 'INC-2', status: 'active' }, 'validation_failed'],
    [{ id: 'INC-4', status: 'resolved' }, { id: 'INC-2', status: 'active' }, 'invalid_transition'],
    [{ id: 'INC-4', status: 'active' }, { id: 'INC-2', status: 'closed' }, 'invalid_transition'],
  ] as const)('refuses %j into %j (%s)', (duplicate, into, code) => {
    try {
      assertMergeable(duplicate, into);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, code)).toBe(true);
    }
  });
});
