import { describe, expect, it } from 'vitest';
import type { Team } from './model';
import { resolveOwner } from './owners';

const TEAMS: Team[] = [{ id: 'support-ai', name: 'Support AI', members: ['ana'], schedule: 'primary' }];

describe('system owners', () => {
  it('reads an owner that is a team id as that team', () => {
    expect(resolveOwner('support-ai', TEAMS)).toEqual({ kind: 'team', team: TEAMS[0] });
  });

  it.each(['Support AI team', 'Support-AI', 'risk-ml'])('keeps %j as free text', (owner) => {
    expect(resolveOwner(owner, TEAMS)).toEqual({ kind: 'text', text: owner });
  });
});
