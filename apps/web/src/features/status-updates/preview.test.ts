import { describe, expect, it } from 'vitest';
import { buildIncident } from '../../lib/test-fixtures';
import { internalTermsIn, placeholdersIn, previewText, previewUpdate } from './preview';

const fields = {
  whatHappened: 'Wrong answers.',
  impact: 'Some customers.',
  currentStatus: 'Fixing.',
  nextSteps: 'Update soon.',
  asks: '',
};

describe('previewUpdate', () => {
  it('heads an internal update with id, severity and status', () => {
    const preview = previewUpdate({
      audience: 'internal',
      fields,
      incident: buildIncident(),
      systemNames: ['Support copilot'],
      nextUpdateAt: '2026-11-24T11:00:00Z',
    });
    expect(preview.heading).toBe('[INC-7] SEV2 · active — Copilot quoted a refund policy that does not exist');
    expect(preview.meta).toEqual(['Next update by 2026-11-24 11:00 UTC']);
    expect(preview.sections.map((s) => s.label)).toEqual(['What happened', 'Impact', 'Current status', 'Next steps']);
  });

  it('shows customers a status-page notice with no internal id or severity', () => {
    const preview = previewUpdate({
      audience: 'customer',
      fields,
      incident: buildIncident({ status: 'contained' }),
      systemNames: ['Support copilot'],
      nextUpdateAt: undefined,
    });
    expect(preview.channel).toBe('Public status page');
    expect(preview.heading).toBe('Identified: issue affecting Support copilot');
    expect(previewText(preview)).not.toMatch(/INC-7|SEV2/);
    expect(preview.sections.map((s) => s.label)).toEqual([
      'What happened',
      'Who is affected',
      'What we are doing',
      'What is next',
    ]);
  });

  it('labels the brief for leadership', () => {
    const preview = previewUpdate({
      audience: 'executive',
      fields: { ...fields, asks: 'Approve the refund goodwill.' },
      incident: buildIncident(),
      systemNames: [],
      nextUpdateAt: undefined,
    });
    expect(preview.sections.at(-1)).toEqual({ label: 'Decisions needed', text: 'Approve the refund goodwill.' });
  });

  it('renders plain text for pasting', () => {
    const preview = previewUpdate({
      audience: 'support',
      fields,
      incident: buildIncident(),
      systemNames: [],
      nextUpdateAt: undefined,
    });
    expect(previewText(preview)).toBe(
      'Support briefing for INC-7: Copilot quoted a refund policy that does not exist\nSeverity SEV2\n\nWhat is happening\nWrong answers.\n\nWho is affected\nSome customers.\n\nWhere it stands\nFixing.\n\nWhat to do\nUpdate soon.',
    );
  });
});

describe('checks before posting', () => {
  it('finds placeholders left in brackets', () => {
    expect(placeholdersIn({ ...fields, impact: 'Some. [Who is affected.]', nextSteps: '[owner] does it' })).toEqual([
      '[Who is affected.]',
      '[owner]',
    ]);
  });

  it('finds internal terms a customer should not read', () => {
    const text = { ...fields, whatHappened: 'INC-7 (SEV2) on support-copilot; Dana Reyes is on it. P1 too.' };
    expect(internalTermsIn(text, buildIncident())).toEqual(['INC-7', 'support-copilot', 'Dana Reyes', 'SEV2', 'P1']);
  });
});
