import { STATUSES } from '@firebreak/core';
import { describe, expect, it } from 'vitest';
import { isEditable, reopenTarget } from './finished';

describe('finished incidents', () => {
  it.each([
    ['resolved', 'active'],
    ['dismissed', 'triage'],
  ] as const)('reopens a %s incident to %s', (status, target) => {
    expect(reopenTarget(status)).toBe(target);
  });

  it('offers no reopening for an open incident', () => {
    for (const status of ['triage', 'active', 'contained', 'recovering'] as const)
      expect(reopenTarget(status)).toBe(undefined);
  });

  it('is editable only while open', () => {
    expect(STATUSES.filter(isEditable)).toEqual(['triage', 'active', 'contained', 'recovering']);
  });
});
