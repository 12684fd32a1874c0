import type { RecoveryGate } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { describeGate } from './recovery';

const gate: RecoveryGate = {
  incident: 'INC-4',
  required: true,
  passed: false,
  items: [
    {
      id: 'replay-failing-inputs',
      kind: 'quiet',
      what: 'The failing inputs, run again on the version to restore, raise no alert',
      state: 'passed',
      summary: "replayed 100 events since containment at 2026-11-24 11:00 UTC through today's monitors: no alert",
      by: 'dana',
      at: '2026-11-24T11:40:00.000Z',
      url: null,
      details: {},
    },
    {
      id: 'smoke-test',
      kind: 'attestation',
      what: 'A smoke test of the version to restore passed',
      state: 'pending',
      summary: null,
      by: null,
      at: null,
      url: null,
      details: {},
    },
  ],
  missing: ['smoke-test not checked yet (A smoke test of the version to restore passed)'],
  verification: {
    state: 'still_firing',
    since: '2026-11-24T11:00:00.000Z',
    until: null,
    monitors: [{ monitor: 'default:flag:pii', system: 'support-copilot', firing: true }],
    summary: 'still firing since containment: default:flag:pii',
  },
};

describe('recovery status', () => {
  it('reads as one line per item with its result, what holds containment, and the verification', () => {
    expect(describeGate(gate)).toEqual([
      'INC-4 recovery gate: not passed',
      '  ✓ replay-failing-inputs    quiet       The failing inputs, run again on the version to restore, raise no alert',
      "      replayed 100 events since containment at 2026-11-24 11:00 UTC through today's monitors: no alert (dana, 2026-11-24 11:40 UTC)",
      '  · smoke-test               attestation A smoke test of the version to restore passed',
      '',
      'Containment stays until these pass: smoke-test',
      '',
      'Verification: still firing (still firing since containment: default:flag:pii)',
      '  FIRING default:flag:pii on support-copilot',
    ]);
  });
});
