import type { CloseCheck } from '@firebreak/contract';
import { FirebreakApiError } from '@firebreak/sdk';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors';
import { closeRefused, renderCloseCheck } from './incident-learning';

const check: CloseCheck = {
  incidentId: 'INC-2',
  status: 'resolved',
  ready: false,
  required: true,
  postmortem: 'in_review',
  residualRisk: null,
  waived: [],
  missing: [
    { requirement: 'postmortem', message: 'a SEV1 needs a published postmortem; its postmortem is in review' },
    { requirement: 'residual_risk', message: 'its residual risk must be accepted by a named person' },
  ],
  openActions: 2,
};

describe('close check', () => {
  it('says what is missing and the command that meets each requirement', () => {
    expect(renderCloseCheck(check)).toEqual([
      'INC-2 (resolved) is not ready to close',
      '  postmortem     in review',
      '  residual risk  not accepted yet',
      '  open actions   2 (they do not stop closing: firebreak action list --incident INC-2 --open)',
      'Missing:',
      '  postmortem: a SEV1 needs a published postmortem; its postmortem is in review',
      '    → firebreak postmortem publish INC-2 (or draft it first: firebreak postmortem draft INC-2)',
      '  residual_risk: its residual risk must be accepted by a named person',
      '    → firebreak incident accept-risk INC-2 --by PERSON --risk "what risk remains"',
    ]);
  });

  it('says how to close once ready, with the acceptance and any waiver', () => {
    const lines = renderCloseCheck({
      ...check,
      ready: true,
      postmortem: null,
      missing: [],
      openActions: 0,
      residualRisk: { acceptedBy: 'dana-reyes', risk: 'fix unproven', at: '2026-12-06T10:00:00Z', recordedBy: 'alice' },
      waived: [{ requirement: 'postmortem', by: 'admin', at: '2026-12-06T09:00:00Z', reason: 'duplicate of INC-1' }],
    });
    expect(lines[0]).toBe('INC-2 is ready to close: firebreak incident transition INC-2 closed');
    expect(lines).toContain('  residual risk      accepted by dana-reyes 2026-12-06T10:00Z: fix unproven');
    expect(lines).toContain('  waived postmortem  by admin 2026-12-06T09:00Z: duplicate of INC-1');
  });

  it('turns a refused close into what is missing, and leaves other errors alone', () => {
    const refused = new FirebreakApiError({
      status: 409,
      code: 'invalid_transition',
      message: 'status: closing needs …',
      details: { issues: [{ path: 'residual_risk', message: 'its residual risk must be accepted by a named person' }] },
    });
    const error = closeRefused(refused, 'INC-2') as CliError;
    expect(error).toBeInstanceOf(CliError);
    expect(error.message).toBe('INC-2 cannot close yet');
    expect(error.lines).toEqual([
      'residual_risk: its residual risk must be accepted by a named person',
      '  → firebreak incident accept-risk INC-2 --by PERSON --risk "what risk remains"',
      '(see: firebreak incident close-check INC-2)',
    ]);
    const other = new FirebreakApiError({ status: 404, code: 'not_found', message: 'INC-9 not found' });
    expect(closeRefused(other, 'INC-9')).toBe(other);
  });
});
