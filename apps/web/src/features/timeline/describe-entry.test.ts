import type { TimelineEntry } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { describeEntry } from './describe-entry';

const entry = (kind: TimelineEntry['kind'], payload: Record<string, unknown>) => ({ kind, payload });

describe('describeEntry', () => {
  it.each([
    [
      entry('declared', { severity: 'SEV2', type: 'privacy_leak', title: 'PII in answers', nearMiss: true }),
      { title: 'Declared SEV2 privacy leak (near miss)', detail: 'PII in answers' },
    ],
    [entry('acknowledged', { first: true, note: null }), { title: 'Acknowledged' }],
    [
      entry('report_linked', { reference: 'R-7KQ2M4XW9ZPA', kind: 'user_harm', summary: 'Saw another order' }),
      { title: 'External report R-7KQ2M4XW9ZPA linked (user harm)', detail: 'Saw another order' },
    ],
    [
      entry('preset_applied', {
        preset: 'safe-mode',
        reason: 'PII in answers',
        controls: [
          { summary: 'support-copilot.auto-send: on → off (killed)' },
          { summary: 'support-copilot.filter: standard → strict' },
        ],
      }),
      {
        title: 'Preset safe-mode applied: 2 controls at once',
        detail:
          'PII in answers · support-copilot.auto-send: on → off (killed) · support-copilot.filter: standard → strict',
      },
    ],
    [
      entry('preset_reverted', { preset: 'safe-mode', reason: 'fixed', controls: ['support-copilot.auto-send'] }),
      { title: 'Preset safe-mode reverted: 1 control restored', detail: 'fixed · support-copilot.auto-send' },
    ],
    [
      entry('status_changed', { from: 'active', to: 'contained', reason: 'Rolled back' }),
      { title: 'Status active → contained', detail: 'Rolled back' },
    ],
    [
      entry('severity_changed', { from: 'SEV3', to: 'SEV1', reason: 'PII confirmed' }),
      { title: 'Severity SEV3 → SEV1', detail: 'PII confirmed' },
    ],
    [
      entry('type_changed', { from: { type: 'bias' }, to: { type: 'data_poisoning' }, reason: 'tampered labels' }),
      { title: 'Type bias → data poisoning', detail: 'tampered labels' },
    ],
    [
      entry('role_assigned', { role: 'incident_commander', person: 'Dana Reyes', previous: 'Sam', reason: null }),
      { title: 'Incident commander: Dana Reyes (was Sam)' },
    ],
    [
      entry('role_relieved', { role: 'scribe', person: 'Lee', reason: 'shift end' }),
      { title: 'Scribe vacated (was Lee)', detail: 'shift end' },
    ],
    [
      entry('decision_logged', { id: 'DEC-2', decision: 'Roll back', observation: 'Leaks on v7' }),
      { title: 'Decision DEC-2: Roll back', detail: 'Leaks on v7', ref: 'DEC-2' },
    ],
    [
      entry('evidence_added', { id: 'EV-3', kind: 'model_output', title: 'Answers' }),
      { title: 'Evidence EV-3 added (model output)', detail: 'Answers', ref: 'EV-3' },
    ],
    [
      entry('status_update_posted', { id: 'UPD-1', audience: 'customer', currentStatus: 'Fixed' }),
      { title: 'Status update UPD-1 to customer', detail: 'Fixed', ref: 'UPD-1' },
    ],
    [
      entry('status_update_published', { updateId: 'UPD-1', title: 'Slow answers', approvedAs: 'comms_lead' }),
      {
        title: 'Status update UPD-1 published on the status page (approved as comms lead)',
        detail: 'Slow answers',
        ref: 'UPD-1',
      },
    ],
    [
      entry('details_edited', { changes: { nearMiss: true, title: 'x' }, reason: null }),
      { title: 'Edited nearMiss, title' },
    ],
    [
      entry('rule_applied', { rule: 'pii-sev1', description: 'PII pages legal' }),
      { title: 'Triage rule pii-sev1 applied', detail: 'PII pages legal' },
    ],
    [
      entry('rule_applied', {
        rule: 'pii-leak',
        description: null,
        actions: [
          { action: 'Freeze prompt changes', due: '2026-11-24T10:15:00.000Z', role: null },
          { action: 'Notify the privacy lead', due: '2026-11-24T10:30:00.000Z', role: 'privacy' },
        ],
        notify: ['privacy-oncall', 'legal'],
      }),
      {
        title: 'Triage rule pii-leak applied',
        detail:
          'Required: Freeze prompt changes by 2026-11-24 10:15 UTC; Notify the privacy lead (Privacy) by 2026-11-24 10:30 UTC · notify privacy-oncall, legal',
      },
    ],
    [
      entry('control_changed', {
        key: 'a.b',
        action: 'changed',
        summary: 'a.b: on → off (killed)',
        reason: 'PII leak',
        approvedBy: null,
      }),
      { title: 'Control: a.b: on → off (killed)', detail: 'PII leak' },
    ],
    [
      entry('control_changed', {
        key: 'a.b',
        action: 'expired',
        summary: 'a.b: off (killed) → on',
        reason: 'temporary change expired',
        approvedBy: 'lee',
      }),
      { title: 'Control reverted: a.b: off (killed) → on', detail: 'temporary change expired · approved by lee' },
    ],
    [
      entry('control_changed', {
        key: 's.ingest',
        action: 'changed',
        summary: 's.ingest: running → paused (retry after 30s)',
        before: { kind: 'queue', paused: false, retryAfter: null },
        after: { kind: 'queue', paused: true, retryAfter: '30s' },
        reason: 'poisoned documents',
      }),
      { title: 'Queue paused: s.ingest: running → paused (retry after 30s)', detail: 'poisoned documents' },
    ],
    [
      entry('control_changed', {
        key: 's.answers',
        action: 'changed',
        summary: 's.answers: flushed everything (generation 1 → 2)',
        before: { kind: 'cache', generation: 1, flushedAt: null, scope: null },
        after: { kind: 'cache', generation: 2, flushedAt: '2026-12-07T00:40:00.000Z', scope: null },
        reason: 'stale',
      }),
      { title: 'Cache flushed: s.answers: flushed everything (generation 1 → 2)', detail: 'stale' },
    ],
  ])('describes %o', (input, expected) => {
    expect(describeEntry(input)).toEqual(expected);
  });
});
