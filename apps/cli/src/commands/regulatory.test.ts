import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { describeObligation, describeRegulatory, factBody } from './regulatory';

describe('firebreak regulatory fact', () => {
  it('sends a moment with its time, and refuses a value for it', () => {
    expect(factBody('aware', undefined, { at: '2026-12-07T09:30:00Z', reason: 'DPO told' })).toEqual({
      fact: 'aware',
      at: '2026-12-07T09:30:00Z',
      reason: 'DPO told',
    });
    expect(() => factBody('aware', 'yes', { reason: 'x' })).toThrow(InvalidArgumentError);
  });

  it('reads lists, numbers, yes/no and risk levels, naming what is wrong', () => {
    expect(factBody('harms', 'death, personal_data', { reason: 'r' })).toMatchObject({
      value: ['death', 'personal_data'],
    });
    expect(() => factBody('harms', 'sadness', { reason: 'r' })).toThrow(/unknown harm "sadness"/);
    expect(factBody('jurisdictions', 'de,fr', { reason: 'r' })).toMatchObject({ value: ['DE', 'FR'] });
    expect(factBody('people_affected', '1200', { reason: 'r' })).toMatchObject({ value: 1200 });
    expect(() => factBody('people_affected', 'many', { reason: 'r' })).toThrow(/whole number/);
    expect(factBody('imminent_risk', 'no', { reason: 'r' })).toMatchObject({ value: false });
    expect(() => factBody('imminent_risk', 'maybe', { reason: 'r' })).toThrow(/yes or no/);
    expect(() => factBody('personal_data_risk', 'huge', { reason: 'r' })).toThrow(/unlikely, risk or high/);
    expect(() => factBody('harms', undefined, { reason: 'r' })).toThrow(/needs a value/);
    expect(() => factBody('harms', 'death', { at: '2026-12-07T09:30:00Z', reason: 'r' })).toThrow(/not a moment/);
  });
});

describe('how obligations read', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  const base = {
    id: 'OB-1',
    incidentId: 'INC-6',
    system: 'fraud-model',
    ruleId: 'gdpr.33',
    stage: 'notification',
    regime: 'GDPR',
    article: 'Art. 33(1)',
    title: 'Personal data breach notification',
    recipient: 'Lead supervisory authority',
    trigger: 'aware',
    clockStart: '2026-12-07T09:00:00.000Z',
    counting: 'hours',
    due: '2026-12-10T09:00:00.000Z',
    source: { citation: 'GDPR Art. 33', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
    applicability: 'in_force' as const,
    state: 'pending' as const,
    overdue: false,
    openedAt: '2026-12-07T09:05:00.000Z',
    packVersion: 'builtin@1.0.0',
  };

  it('gives a pending one its deadline and time left, a filed one its reference, an overdue one in capitals', () => {
    expect(describeObligation(base, now)).toContain('due 2026-12-10T09:00Z (in 2d 23h)');
    expect(
      describeObligation(
        { ...base, state: 'filed', submittedAt: '2026-12-08T09:00:00Z', reference: 'BfDI-1', decidedBy: 'lena' },
        now,
      ),
    ).toContain('filed 2026-12-08T09:00Z ref BfDI-1 by lena');
    expect(describeObligation({ ...base, due: '2026-12-07T08:00:00.000Z', overdue: true }, now)).toContain('OVERDUE');
    expect(describeObligation({ ...base, applicability: 'not_yet_applicable' }, now)).toContain('[not yet applicable]');
  });

  it('says how to start when no fact is set', () => {
    const lines = describeRegulatory({ incidentId: 'INC-6', facts: [], obligations: [] }, now);
    expect(lines.join('\n')).toContain('firebreak regulatory fact <id> aware');
    expect(lines.join('\n')).toContain('none opened');
  });
});
