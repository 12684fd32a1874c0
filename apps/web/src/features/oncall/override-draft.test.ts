import { describe, expect, it } from 'vitest';
import { type OverrideDraft, overrideId, overrideRequest, overrideSummary } from './override-draft';

const draft: OverrideDraft = {
  schedule: 'support-ai-primary',
  person: 'lee-park',
  from: '2026-11-24T22:00',
  to: '2026-11-25T06:00',
  replacing: '',
  reason: '',
};
const names: Record<string, string> = { 'lee-park': 'Lee Park', 'dana-reyes': 'Dana Reyes' };
const name = (id: string) => names[id] ?? id;

describe('overrideId', () => {
  it.each([
    ['lee-park', '2026-11-24T22:00:00.000Z', [], 'lee-park-2026-11-24'],
    ['lee.park_2', '2026-11-24T22:00:00.000Z', [], 'lee-park-2-2026-11-24'],
    ['lee-park', '2026-11-24T22:00:00.000Z', ['lee-park-2026-11-24'], 'lee-park-2026-11-24-2'],
    ['lee-park', '2026-11-24T22:00:00.000Z', ['lee-park-2026-11-24', 'lee-park-2026-11-24-2'], 'lee-park-2026-11-24-3'],
    ['lee-park', undefined, [], 'lee-park-now'],
  ])('names an override by %s and its first day: %s', (person, from, taken, id) => {
    expect(overrideId(person, from, taken)).toBe(id);
  });

  it('stays within the 63 characters the routes take', () => {
    const id = overrideId('a'.repeat(80), '2026-11-24T22:00:00.000Z', []);
    expect(id.length).toBeLessThanOrEqual(63);
    expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,62}$/);
  });
});

describe('overrideRequest', () => {
  it('reads the UTC inputs back to ISO and leaves out empty optional fields', () => {
    expect(overrideRequest(draft, [])).toEqual({
      id: 'lee-park-2026-11-24',
      schedule: 'support-ai-primary',
      person: 'lee-park',
      from: '2026-11-24T22:00:00.000Z',
      to: '2026-11-25T06:00:00.000Z',
    });
  });

  it('sends whom it replaces and the reason when given', () => {
    expect(overrideRequest({ ...draft, replacing: 'dana-reyes', reason: '  Dana is ill  ' }, [])).toMatchObject({
      replacing: 'dana-reyes',
      reason: 'Dana is ill',
    });
  });

  it('sends a time that does not parse as typed, so the server names the field', () => {
    expect(overrideRequest({ ...draft, to: 'tomorrow' }, []).to).toBe('tomorrow');
  });
});

describe('overrideSummary', () => {
  it('says who takes which pager, for how long and for whom', () => {
    expect(overrideSummary(draft, name, 'Support AI primary')).toBe(
      'Lee Park takes the Support AI primary pager for 8h, for everyone.',
    );
    expect(
      overrideSummary({ ...draft, to: '2026-11-26T22:00', replacing: 'dana-reyes' }, name, 'Support AI primary'),
    ).toBe('Lee Park takes the Support AI primary pager for 2 days, only while Dana Reyes would be on call.');
  });

  it('says nothing until the period is whole and runs forward', () => {
    expect(overrideSummary({ ...draft, person: '' }, name, 'x')).toBeUndefined();
    expect(overrideSummary({ ...draft, to: '' }, name, 'x')).toBeUndefined();
    expect(overrideSummary({ ...draft, to: '2026-11-24T21:00' }, name, 'x')).toBeUndefined();
  });
});
