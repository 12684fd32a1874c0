import { describe, expect, it } from 'vitest';
import {
  assertClosable,
  assertPostmortemTransition,
  closeGaps,
  followUpDates,
  isActionOverdue,
  isRepeat,
  postmortemDueAt,
  postmortemRequired,
} from './learning';

describe('postmortem due date', () => {
  it('counts business days, skipping weekends', () => {
    // Friday 4 December 2026 16:00 UTC + 10 business days = Friday 18 December.
    expect(postmortemDueAt(new Date('2026-12-04T16:00:00Z'), 10).toISOString()).toBe('2026-12-18T16:00:00.000Z');
    // Saturday: the first business day is Monday, so one business day lands on Monday.
    expect(postmortemDueAt(new Date('2026-12-05T10:00:00Z'), 1).toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(postmortemDueAt(new Date('2026-12-07T23:30:00Z'), 5).toISOString()).toBe('2026-12-14T23:30:00.000Z');
  });
});

describe('closing', () => {
  const sev1 = { severity: 'SEV1' as const, nearMiss: false, waived: new Set<never>() };

  it('needs a published postmortem and accepted residual risk for SEV1/SEV2', () => {
    expect(closeGaps({ ...sev1, postmortem: null, residualRiskAcceptedBy: null }).map((g) => g.requirement)).toEqual([
      'postmortem',
      'residual_risk',
    ]);
    expect(closeGaps({ ...sev1, postmortem: 'in_review', residualRiskAcceptedBy: 'dana-reyes' })[0]?.message).toMatch(
      /in review/,
    );
    expect(closeGaps({ ...sev1, postmortem: 'published', residualRiskAcceptedBy: 'dana-reyes' })).toEqual([]);
    expect(() => assertClosable({ ...sev1, postmortem: 'draft', residualRiskAcceptedBy: null })).toThrow(
      /published postmortem.*residual risk/,
    );
  });

  it('lets lesser severities, near misses and waived requirements close', () => {
    expect(closeGaps({ ...sev1, severity: 'SEV3', postmortem: null, residualRiskAcceptedBy: null })).toEqual([]);
    expect(closeGaps({ ...sev1, nearMiss: true, postmortem: null, residualRiskAcceptedBy: null })).toEqual([]);
    expect(
      closeGaps({ ...sev1, postmortem: null, residualRiskAcceptedBy: null, waived: new Set(['postmortem']) }),
    ).toHaveLength(1);
    expect(
      postmortemRequired({ severity: 'SEV3', nearMiss: false }, { requiredFor: ['SEV3'], dueBusinessDays: 5 }),
    ).toBe(true);
  });
});

describe('postmortem lifecycle', () => {
  it('moves draft → in review → published, and reopens only with a reason', () => {
    expect(() => assertPostmortemTransition('draft', 'in_review')).not.toThrow();
    expect(() => assertPostmortemTransition('in_review', 'published')).not.toThrow();
    expect(() => assertPostmortemTransition('published', 'in_review')).toThrow(/from published to draft/);
    expect(() => assertPostmortemTransition('published', 'draft')).toThrow(/reason/);
    expect(() => assertPostmortemTransition('published', 'draft', 'amend the impact')).not.toThrow();
  });
});

describe('actions', () => {
  it('follows up at 30, 60 and 90 days and is overdue past its due date while open', () => {
    expect(followUpDates(new Date('2026-01-01T00:00:00Z')).map((d) => d.toISOString().slice(0, 10))).toEqual([
      '2026-01-31',
      '2026-03-02',
      '2026-04-01',
    ]);
    const now = new Date('2026-02-01T00:00:00Z');
    expect(isActionOverdue({ status: 'open', dueAt: '2026-01-31T00:00:00Z' }, now)).toBe(true);
    expect(isActionOverdue({ status: 'closed', dueAt: '2026-01-31T00:00:00Z' }, now)).toBe(false);
    expect(isActionOverdue({ status: 'open', dueAt: null }, now)).toBe(false);
  });
});

describe('repeats', () => {
  it('needs a shared system and a shared type or factor category', () => {
    const current = { systems: ['support-copilot'], type: 'hallucination_spike', factors: ['prompt_guardrails'] };
    expect(isRepeat(current, { systems: ['fraud-model'], type: 'hallucination_spike', factors: [] })).toBeNull();
    expect(isRepeat(current, { systems: ['support-copilot'], type: 'privacy_leak', factors: ['data'] })).toBeNull();
    expect(
      isRepeat(current, { systems: ['support-copilot'], type: 'privacy_leak', factors: ['prompt_guardrails', 'data'] }),
    ).toEqual({ systems: ['support-copilot'], sameType: false, factors: ['prompt_guardrails'] });
  });
});
