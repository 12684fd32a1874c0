import {
  type EscalationPolicy as CoreEscalationPolicy,
  DEFAULT_NOTIFICATION_MATRIX,
  DEFAULT_UPDATE_CADENCE,
  type NotificationMatrix,
  nextEscalation,
  planNotifications,
  type UpdateCadence,
  updateDue,
} from '@firebreak/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parse } from 'yaml';
import { toFieldIssues } from './issues';
import { NotificationsConfig } from './notifications';
import type { z } from './zod';

/** Every problem in a config, as `path: message`, the way `firebreak` prints it. */
function problems(input: unknown): string[] {
  const parsed = NotificationsConfig.safeParse(input);
  if (parsed.success) return [];
  return toFieldIssues(parsed.error).map((issue) => `${issue.path}: ${issue.message}`);
}

const EXAMPLE = `
matrix:
  SEV3:
    - audience: owner_team
      channels: [teams, email]
      within: 30m
    - audience: on_call
      channels: [slack]
escalationPolicies:
  - id: copilot-default
    steps:
      - targets: [{ schedule: copilot-primary }]
      - delay: 10m
        targets: [{ schedule: copilot-secondary }, { person: dana }]
      - delay: 20m
        targets: [{ team: support-ai }]
    repeat: 2
updateCadence:
  SEV1: 20m
`;

describe('the notifications config', () => {
  it('infers the core types, so a parsed config goes straight into the domain functions', () => {
    type Parsed = z.output<typeof NotificationsConfig>;
    expectTypeOf<Parsed['matrix']>().toEqualTypeOf<NotificationMatrix>();
    expectTypeOf<Parsed['updateCadence']>().toEqualTypeOf<UpdateCadence>();
    // A policy also lists the systems it escalates, which the core functions do not read.
    expectTypeOf<Parsed['escalationPolicies'][number]>().toExtend<CoreEscalationPolicy>();
  });

  it('is all defaults when left out', () => {
    expect(NotificationsConfig.parse({})).toEqual({
      matrix: DEFAULT_NOTIFICATION_MATRIX,
      escalationPolicies: [],
      audiences: {},
      updateCadence: DEFAULT_UPDATE_CADENCE,
    });
  });

  it('reads the block as written in firebreak.yaml, a given row replacing the default whole', () => {
    const config = NotificationsConfig.parse(parse(EXAMPLE));
    expect(config.matrix.SEV3).toEqual([
      { audience: 'owner_team', channels: ['teams', 'email'], within: '30m', page: false },
      { audience: 'on_call', channels: ['slack'], within: '0m', page: false },
    ]);
    expect(config.matrix.SEV1).toEqual(DEFAULT_NOTIFICATION_MATRIX.SEV1);
    expect(config.escalationPolicies[0]).toMatchObject({ repeat: 2, repeatDelay: '15m' });
    expect(config.escalationPolicies[0]?.steps[0]).toEqual({ delay: '0m', targets: [{ schedule: 'copilot-primary' }] });
    expect(config.updateCadence).toEqual({ ...DEFAULT_UPDATE_CADENCE, SEV1: '20m' });
  });

  it('drives the domain functions once parsed', () => {
    const config = NotificationsConfig.parse(parse(EXAMPLE));
    const start = '2026-11-24T03:00:00.000Z';
    const subject = {
      kind: 'incident',
      id: 'INC-7',
      severity: 'SEV3',
      type: 'bias',
      nearMiss: false,
      severitySetAt: start,
    } as const;
    const planned = planNotifications(subject, config.matrix, {
      owner_team: [{ id: 'copilot' }],
      on_call: [{ id: 'dana' }],
    });
    expect(planned.notifications.map((n) => `${n.channel} ${n.dueAt.slice(11, 16)}`)).toEqual([
      'slack 03:00',
      'teams 03:30',
      'email 03:30',
    ]);
    const policy = config.escalationPolicies[0]!;
    const check = nextEscalation(policy, { run: 'INC-7', startedAt: start, acknowledgedAt: null, fired: [] }, start);
    expect([check.due.length, check.nextCheckAt]).toEqual([1, '2026-11-24T03:10:00.000Z']);
    const cadence = {
      id: 'INC-7',
      severity: 'SEV1',
      status: 'active',
      declaredAt: start,
      severitySetAt: start,
    } as const;
    expect(updateDue(cadence, null, start, config.updateCadence)?.dueAt).toBe('2026-11-24T03:20:00.000Z');
  });

  it.each([
    [{ matrix: { SEV1: [{ audience: 'on_call', channels: ['sms'] }] } }, 'matrix.SEV1[0].channels[0]: Invalid option'],
    [{ matrix: { SEV9: [] } }, 'matrix.SEV9: unknown field'],
    [{ matrix: { SEV2: [{ audience: 'board', channels: ['email'] }] } }, 'matrix.SEV2[0].audience: Invalid option'],
    [{ matrix: { SEV2: [{ audience: 'on_call', channels: [] }] } }, 'matrix.SEV2[0].channels: name at least one'],
    [
      { matrix: { SEV2: [{ audience: 'on_call', channels: ['slack', 'slack'] }] } },
      'matrix.SEV2[0].channels: name each',
    ],
    [
      { matrix: { SEV1: [{ audience: 'on_call', channels: ['email'], within: 'soon' }] } },
      'matrix.SEV1[0].within: expected',
    ],
    [
      { matrix: { SEV2: [{ audience: 'on_call', channels: ['pagerduty'] }] } },
      'matrix.SEV2[0].page: a pagerduty channel',
    ],
    [
      { matrix: { SEV4: [{ audience: 'on_call', channels: ['digest'], page: true }] } },
      'matrix.SEV4[0].page: a digest',
    ],
    [
      { matrix: { alert_warn: [{ audience: 'on_call', channels: ['slack'], page: true }] } },
      'matrix.alert_warn[0].page: a warning never pages',
    ],
    [{ matrix: { SEV1: [{ audience: 'legal', channels: ['email'], types: ['leak'] }] } }, 'matrix.SEV1[0].types[0]:'],
    [{ escalationPolicies: [{ id: 'p', steps: [] }] }, 'escalationPolicies[0].steps: give at least one step'],
    [{ defaultEscalationPolicy: 'nope' }, 'defaultEscalationPolicy: unknown escalation policy nope'],
    [
      {
        escalationPolicies: [
          { id: 'a', systems: ['copilot'], steps: [{ targets: [{ person: 'dana' }] }] },
          { id: 'b', systems: ['copilot'], steps: [{ targets: [{ person: 'dana' }] }] },
        ],
      },
      'escalationPolicies[1].systems[0]: system copilot is already escalated by policy a',
    ],
    [{ audiences: { board: [{ person: 'dana' }] } }, 'audiences.board: unknown field'],
    [{ audiences: { leadership: [] } }, 'audiences.leadership: '],
    [
      { escalationPolicies: [{ id: 'p', steps: [{ targets: [{ person: 'dana', team: 'ai' }] }] }] },
      'escalationPolicies[0].steps[0].targets[0]: name exactly one of schedule, person or team (got person and team)',
    ],
    [
      { escalationPolicies: [{ id: 'p', steps: [{ targets: [{ rota: 'x' }] }] }] },
      'escalationPolicies[0].steps[0].targets[0].rota: unknown field',
    ],
    [
      { escalationPolicies: [{ id: 'p', steps: [{ targets: [{ person: 'dana' }] }], repeat: 1, repeatDelay: '0m' }] },
      'escalationPolicies[0].repeatDelay: must be longer than zero',
    ],
    [
      {
        escalationPolicies: [
          { id: 'p', steps: [{ targets: [{ person: 'dana' }] }] },
          { id: 'p', steps: [{ targets: [{ person: 'sam' }] }] },
        ],
      },
      'escalationPolicies[1].id: duplicate policy id p',
    ],
    [{ updateCadence: { SEV1: '0m' } }, 'updateCadence.SEV1: must be longer than zero'],
    [{ updateCadence: { SEV1: '30m', remindBefore: '45m' } }, 'updateCadence.remindBefore: must be shorter'],
    [{ updateCadence: { P0: '30m' } }, 'updateCadence.P0: unknown field'],
    [{ digests: {} }, 'digests: unknown field'],
  ])('refuses %j, naming the field', (input, expected) => {
    expect(problems(input).some((problem) => problem.startsWith(expected))).toBe(true);
  });
});
