import { describe, expect, it } from 'vitest';
import { chosenSystems, EMPTY_DRAFT, missingInDraft, toDeclareRequest } from './declare-draft';

describe('declare draft', () => {
  it('merges ticked and typed systems without repeats', () => {
    expect(chosenSystems(['fraud-model'], ' hiring-model, fraud-model  ranker ')).toEqual([
      'fraud-model',
      'hiring-model',
      'ranker',
    ]);
  });

  it('leaves out what was not given, so the server defaults apply', () => {
    const request = toDeclareRequest({
      ...EMPTY_DRAFT,
      title: '  PII in answers ',
      type: 'privacy_leak',
      severity: 'SEV1',
      selected: ['support-copilot'],
    });
    expect(request).toEqual({
      title: 'PII in answers',
      type: 'privacy_leak',
      severity: 'SEV1',
      systems: ['support-copilot'],
      nearMiss: false,
    });
  });

  it('sends overrides, the commander and the onset read as UTC', () => {
    const request = toDeclareRequest({
      ...EMPTY_DRAFT,
      title: 'Bias',
      type: 'bias',
      severity: 'SEV2',
      other: 'hiring-model',
      nearMiss: true,
      onset: '2026-11-24T08:30',
      commander: 'Dana Reyes',
      driver: 'policy',
      summary: 'Group B selected at half the rate.',
    });
    expect(request).toMatchObject({
      systems: ['hiring-model'],
      nearMiss: true,
      onsetAt: '2026-11-24T08:30:00.000Z',
      commander: 'Dana Reyes',
      driver: 'policy',
      summary: 'Group B selected at half the rate.',
    });
    expect(request).not.toHaveProperty('category');
  });

  it('names the required choices still missing, before asking the server', () => {
    expect(missingInDraft(EMPTY_DRAFT).map((issue) => issue.path)).toEqual(['title', 'type', 'severity', 'systems']);
    expect(
      missingInDraft({ ...EMPTY_DRAFT, title: 'x', type: 'bias', severity: 'SEV3', other: 'hiring-model' }),
    ).toEqual([]);
  });
});
