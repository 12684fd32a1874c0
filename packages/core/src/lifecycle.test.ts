import { describe, expect, it } from 'vitest';
import { isDomainError } from './errors';
import { assertTransition, isOpen, reasonRequired, STATUSES, TRANSITIONS } from './lifecycle';

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
