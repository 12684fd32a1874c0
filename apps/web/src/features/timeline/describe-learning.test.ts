import type { TimelineEntry } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { describeEntry } from './describe-entry';

const entry = (kind: TimelineEntry['kind'], payload: Record<string, unknown>) =>
  ({ kind, payload }) as unknown as TimelineEntry;

describe('describeEntry for the learning half', () => {
  it.each([
    [entry('key_moment_marked', { seq: 14, key: true }), { title: 'Starred #14 as a key moment' }],
    [entry('key_moment_marked', { seq: 14, key: false }), { title: 'Unstarred #14 as a key moment' }],
    [
      entry('cause_isolated', { cause: 'Index v31 dropped the tenant filter' }),
      { title: 'Cause identified', detail: 'Index v31 dropped the tenant filter' },
    ],
    [
      entry('postmortem_status_changed', { from: 'draft', to: 'published', reason: 'reviewed' }),
      { title: 'Postmortem draft → published', detail: 'reviewed' },
    ],
    [
      entry('residual_risk_accepted', { acceptedBy: 'dana-reyes', acceptedByName: 'Dana Reyes', risk: 'old indexes' }),
      { title: 'Residual risk accepted by Dana Reyes', detail: 'old indexes' },
    ],
    [
      entry('close_requirement_waived', { waive: ['residual_risk'], reason: 'near miss' }),
      { title: 'Waived for closing: residual risk', detail: 'near miss' },
    ],
    [
      entry('action_verified', { id: 'ACT-1', passed: true, summary: 'replayed 2 events' }),
      { title: 'Action ACT-1 verification passed', detail: 'replayed 2 events' },
    ],
    [entry('action_added', { id: 'ACT-2', title: 'Eval gate' }), { title: 'Action ACT-2 added', detail: 'Eval gate' }],
  ])('says what %o means', (input, expected) => {
    expect(describeEntry(input)).toEqual(expected);
  });
});
