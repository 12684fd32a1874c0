import type { Action } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { describeVerification, renderAction, renderActionList, renderResult } from './action-report';

const NOW = new Date('2026-12-06T10:00:00Z');

describe('verification in words', () => {
  it.each([
    [{ kind: 'monitor', system: 'sc', signal: 'flag:pii' }, 'monitor on sc: a monitor on flag:pii exists'],
    [{ kind: 'replay', within: '10m', level: 'warn', lookback: '2d' }, 'replay: a warn alert within 10m of the onset'],
    [{ kind: 'control', control: 'sc.auto-send', enabled: false }, 'control sc.auto-send disabled'],
    [null, 'none: the action cannot close until one is set'],
  ] as const)('describes %j in words', (spec, words) => {
    expect(describeVerification(spec as never)).toBe(words);
  });
});

function action(overrides: Partial<Action> = {}): Action {
  return {
    id: 'ACT-1',
    incidentId: 'INC-2',
    title: 'Rate monitor on policy contradictions',
    description: null,
    type: 'corrective',
    category: 'monitoring',
    priority: 'high',
    status: 'open',
    owner: 'dana-reyes',
    ownerName: 'Dana Reyes',
    dueAt: '2026-12-04T10:00:00Z',
    overdue: true,
    systems: ['support-copilot'],
    tracker: null,
    verification: { kind: 'replay', within: '10m', level: 'warn', lookback: '2d' },
    lastVerification: {
      id: 'VER-1',
      actionId: 'ACT-1',
      kind: 'replay',
      passed: false,
      summary: 'no alert within 10m of the onset (first at +42m)',
      details: { events: 1200, firstAlertDelaySeconds: 2520, monitors: ['x'] },
      at: '2026-12-05T10:00:00Z',
      by: 'dana-reyes',
      trigger: 'manual',
    },
    followUps: [{ day: 30, dueAt: '2027-01-03T10:00:00Z', doneAt: null, outcome: null }],
    createdAt: '2026-12-04T09:00:00Z',
    createdBy: 'alice',
    updatedAt: '2026-12-05T10:00:00Z',
    closedAt: null,
    closedBy: null,
    ...overrides,
  };
}

describe('action rendering', () => {
  it('lists actions with OVERDUE and the verification kind with its last result', () => {
    const out = renderActionList(
      {
        actions: [
          action(),
          action({ id: 'ACT-2', verification: null, lastVerification: null, dueAt: null, overdue: false }),
        ],
        total: 5,
      },
      NOW,
    );
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^ID\s+INCIDENT\s+TITLE\s+OWNER\s+DUE\s+STATUS\s+VERIFICATION$/);
    expect(lines[1]).toMatch(
      /^ACT-1\s+INC-2\s+Rate monitor .*Dana Reyes\s+OVERDUE 2d ago\s+open\s+replay: FAILED 2026-12-05$/,
    );
    expect(lines[2]).toMatch(/^ACT-2\s+.*—\s+open\s+—$/);
    expect(lines[3]).toBe('2 of 5 shown');
  });

  it('says PASSED or FAILED with the summary and the scalar details', () => {
    expect(renderResult(action().lastVerification!)).toEqual([
      'ACT-1 FAILED (replay): no alert within 10m of the onset (first at +42m)',
      '  events                  1200',
      '  firstAlertDelaySeconds  2520',
    ]);
  });

  it('shows the verification history and the follow-ups', () => {
    const text = renderAction(action(), [action().lastVerification!], NOW).join('\n');
    expect(text).toMatch(/^ACT-1 · INC-2 · corrective monitoring · high priority · open\n/);
    expect(text).toContain('  due           OVERDUE: 2026-12-04T10:00Z (2d ago)');
    expect(text).toContain('  verification  replay: a warn alert within 10m of the onset');
    expect(text).toMatch(/ {2}VER-1\s+2026-12-05T10:00Z\s+dana-reyes\s+manual\s+FAILED\s+no alert/);
    expect(text).toMatch(/Follow-ups:\n {2}DAY\s+DUE\s+DONE\s+OUTCOME\n {2}30\s+2027-01-03\s+—\s+—/);
  });
});
