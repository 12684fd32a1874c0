import { describe, expect, it } from 'vitest';
import { summarizeEntry } from './summarize-entry';

const delivered = {
  notification: 12,
  key: 'INC-7:SEV1:on_call:dana:pagerduty',
  channel: 'pagerduty',
  recipient: 'dana',
  recipientName: 'Dana Reyes',
  audience: 'on_call',
  kind: 'page',
  attempts: 1,
  receiverMessageId: 'PD-123',
};

describe('timeline lines for notifications and escalation', () => {
  it.each([
    [delivered, 'page to Dana Reyes (on_call) by pagerduty delivered'],
    [{ ...delivered, attempts: 3, recipientName: null }, 'page to dana (on_call) by pagerduty delivered on attempt 3'],
  ])('says which message reached whom (%#)', (payload, line) => {
    expect(summarizeEntry({ kind: 'notification_delivered', payload })).toBe(line);
  });

  it.each([
    [
      { final: false, retryAt: '2026-11-24T23:52:00.000Z' },
      'page to Dana Reyes (on_call) by pagerduty failed: 503 from PagerDuty; retry 2026-11-24T23:52Z',
    ],
    [{ final: true, retryAt: null }, 'page to Dana Reyes (on_call) by pagerduty failed: 503 from PagerDuty; gave up'],
  ])('says why a delivery failed and whether it is tried again (%#)', (extra, line) => {
    const payload = { ...delivered, error: '503 from PagerDuty', ...extra };
    expect(summarizeEntry({ kind: 'notification_failed', payload })).toBe(line);
  });

  const escalated = {
    policy: 'talent-ai-default',
    pass: 0,
    step: 1,
    reason: 'step',
    targets: [{ team: 'talent-ai' }, { person: 'sam-ortiz' }],
    leadership: false,
    recipients: ['Amara Okafor', 'Sam Ortiz'],
  };

  it.each([
    [
      escalated,
      'talent-ai-default step 2: still not acknowledged → team talent-ai, person sam-ortiz; reached Amara Okafor, Sam Ortiz',
    ],
    [
      { ...escalated, step: 0, targets: [{ schedule: 'talent-ai-oncall' }], recipients: ['Jonas Becker'] },
      'talent-ai-default step 1: first step → schedule talent-ai-oncall; reached Jonas Becker',
    ],
    [
      { ...escalated, pass: 1, step: 0, reason: 'acknowledge_deadline_missed', leadership: true, recipients: [] },
      'talent-ai-default step 1 (repeat 1): acknowledge deadline missed → team talent-ai, person sam-ortiz, leadership; reached nobody',
    ],
    [
      { ...escalated, reason: 'contain_deadline_missed' },
      'talent-ai-default step 2: contain deadline missed → team talent-ai, person sam-ortiz; reached Amara Okafor, Sam Ortiz',
    ],
  ])('says which policy step fired, why, and whom it reached (%#)', (payload, line) => {
    expect(summarizeEntry({ kind: 'escalated', payload })).toBe(line);
  });
});

describe('timeline lines for postmortems, actions and the close gate', () => {
  it.each([
    [
      'note_added',
      { text: 'Triage rule r1 asked to change sc.auto-send; it waits for approval APR-2' },
      'Triage rule r1 asked to change sc.auto-send; it waits for approval APR-2',
    ],
    [
      'key_moment_marked',
      { seq: 14, key: true, reason: 'first customer report' },
      '★ entry 14 marked a key moment: first customer report',
    ],
    ['key_moment_marked', { seq: 14, key: false }, 'entry 14 no longer a key moment'],
    [
      'cause_isolated',
      { isolatedAt: '2026-11-24T09:55:10Z', cause: 'Prompt v7 dropped the excerpt' },
      'cause isolated 2026-11-24T09:55Z: Prompt v7 dropped the excerpt',
    ],
    [
      'postmortem_drafted',
      { owner: 'dana-reyes', dueAt: '2026-12-18T16:00:00Z', template: 'standard' },
      'postmortem drafted (template standard), owner dana-reyes, due 2026-12-18',
    ],
    [
      'postmortem_edited',
      { section: 'factors', reason: 'from the review' },
      'postmortem section factors edited: from the review',
    ],
    ['postmortem_edited', { fields: ['owner', 'dueAt'] }, 'postmortem owner, dueAt edited'],
    ['postmortem_status_changed', { from: 'draft', to: 'published' }, 'postmortem draft → published'],
    [
      'residual_risk_accepted',
      { acceptedBy: 'dana-reyes', risk: 'fix unproven', reason: 'review stays on' },
      'residual risk accepted by dana-reyes: fix unproven (review stays on)',
    ],
    [
      'close_requirement_waived',
      { waive: ['postmortem', 'residual_risk'], reason: 'duplicate' },
      'closing without postmortem, residual-risk acceptance (waived): duplicate',
    ],
    [
      'action_added',
      {
        id: 'ACT-1',
        title: 'Rate monitor',
        owner: 'dana-reyes',
        dueAt: '2026-12-20T10:00:00Z',
        verification: { kind: 'replay', within: '10m' },
      },
      'ACT-1 "Rate monitor" for dana-reyes, due 2026-12-20; verified by replay',
    ],
    [
      'action_added',
      { id: 'ACT-2', title: 'Docs', owner: null, dueAt: null },
      'ACT-2 "Docs" for nobody yet; no verification yet',
    ],
    [
      'action_updated',
      { id: 'ACT-1', changes: { owner: { from: 'a', to: 'b' }, dueAt: {} }, reason: 'leave' },
      'ACT-1 changed owner, dueAt: leave',
    ],
    [
      'action_verified',
      { id: 'ACT-1', kind: 'replay', passed: true, summary: 'alert at +3m' },
      'ACT-1 replay verification PASSED: alert at +3m',
    ],
    [
      'action_verified',
      { id: 'ACT-1', kind: 'monitor', passed: false, summary: 'no monitor on flag:x' },
      'ACT-1 monitor verification FAILED: no monitor on flag:x',
    ],
    ['action_closed', { id: 'ACT-1' }, 'ACT-1 closed'],
    [
      'action_reopened',
      { id: 'ACT-1', reason: 'regressed at the 30-day follow-up' },
      'ACT-1 reopened: regressed at the 30-day follow-up',
    ],
  ] as const)('%s says what happened in words (%#)', (kind, payload, line) => {
    expect(summarizeEntry({ kind, payload })).toBe(line);
  });
});

describe('timeline lines for presets', () => {
  it('lists what a preset moved, and what its revert restored', () => {
    expect(
      summarizeEntry({
        kind: 'preset_applied',
        payload: {
          preset: 'safe-mode',
          application: 'PRE-1',
          reason: 'PII',
          controls: [{ summary: 'support-copilot.auto-send: on → off (killed)' }],
        },
      }),
    ).toBe('safe-mode applied (PRE-1): support-copilot.auto-send: on → off (killed) — PII');
    expect(
      summarizeEntry({
        kind: 'preset_reverted',
        payload: { preset: 'safe-mode', application: 'PRE-1', reason: 'fixed', controls: ['a.b', 'a.c'] },
      }),
    ).toBe('safe-mode reverted (PRE-1): a.b, a.c — fixed');
  });
});

describe('timeline lines for the status page', () => {
  it('says which update went public, under which name and on whose approval', () => {
    const payload = { updateId: 'UPD-9', title: 'Slow answers', components: [], approvedAs: 'incident_commander' };
    expect(summarizeEntry({ kind: 'status_update_published', payload })).toBe(
      'UPD-9 on the status page as "Slow answers" (approved as incident commander)',
    );
  });
});

describe('timeline lines for external reports', () => {
  it('says which report was linked, its kind and first line, and why', () => {
    const payload = {
      reference: 'R-7KQ2M4XW9ZPA',
      kind: 'user_harm',
      summary: 'The assistant showed me another customer’s order',
      reason: 'Same leak',
    };
    expect(summarizeEntry({ kind: 'report_linked', payload })).toBe(
      'R-7KQ2M4XW9ZPA user_harm "The assistant showed me another customer’s order" — Same leak',
    );
  });
});
