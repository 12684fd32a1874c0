import type { LintFindingView, Postmortem, ResponseFigures } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import {
  citation,
  dueLine,
  lintLine,
  renderDraft,
  renderFactors,
  renderFigures,
  renderPostmortem,
  renderPostmortemList,
  renderWhys,
} from './postmortem-report';

const NOW = new Date('2026-12-06T10:00:00Z');

const figures: ResponseFigures = {
  onsetAt: '2026-11-24T09:10:00Z',
  detectedAt: '2026-11-24T09:40:00Z',
  acknowledgedAt: '2026-11-24T09:45:00Z',
  isolatedAt: null,
  containedAt: '2026-11-24T10:05:00Z',
  resolvedAt: '2026-11-24T11:20:00Z',
  onsetToDetect: 1800,
  detectToAcknowledge: 300,
  acknowledgeToIsolate: null,
  isolateToContain: null,
  containToResolve: 4500,
  onsetToResolve: 7800,
};

const finding: LintFindingView = {
  rule: 'person-as-cause',
  message: '"Sam" is named as a cause',
  excerpt: 'Sam pushed v7',
  suggestion: 'say what the system allowed: "v7 shipped without the eval gate"',
  where: 'sections.summary',
  start: 0,
  end: 13,
  line: 2,
  column: 1,
};

function postmortem(overrides: Partial<Postmortem> = {}): Postmortem {
  const section = { generated: true, editedAt: null, editedBy: null, body: '' };
  return {
    incidentId: 'INC-2',
    incident: {
      title: 'Copilot misstates the refund window',
      severity: 'SEV1',
      type: 'hallucination_spike',
      status: 'resolved',
      nearMiss: false,
      systems: ['support-copilot'],
    },
    status: 'draft',
    owner: 'dana-reyes',
    ownerName: 'Dana Reyes',
    dueAt: '2026-12-18T16:00:00Z',
    overdue: false,
    required: true,
    template: 'standard',
    sections: [
      { ...section, id: 'summary', title: 'Summary', body: 'Answers stated a 90-day window.\nSam pushed v7.' },
      {
        ...section,
        id: 'timeline',
        title: 'Timeline (UTC)',
        moments: [
          { at: '2026-11-24T09:40:00Z', actor: 'alice', kind: 'declared', text: 'SEV1 declared', key: true, seq: 1 },
          { at: '2026-11-24T09:45:00Z', actor: 'dana', kind: 'acknowledged', text: 'acknowledged', key: false, seq: 2 },
        ],
      },
      {
        ...section,
        id: 'factors',
        title: 'Contributing factors',
        generated: false,
        editedAt: '2026-12-05T09:00:00Z',
        editedBy: 'dana-reyes',
        factors: [
          { category: 'detection_gap', description: 'No monitor on policy contradictions', citations: [] },
          {
            category: 'prompt_guardrails',
            description: 'Prompt v7 dropped the policy excerpt',
            citations: [
              { kind: 'evidence', ref: 'EV-2' },
              { kind: 'timeline', ref: '14', label: 'rollback' },
            ],
          },
        ],
      },
      { ...section, id: 'lucky', title: 'Where we got lucky' },
    ],
    figures,
    actions: ['ACT-1'],
    lint: [finding],
    version: 4,
    createdAt: '2026-12-01T10:00:00Z',
    createdBy: 'dana-reyes',
    updatedAt: '2026-12-05T09:00:00Z',
    updatedBy: 'dana-reyes',
    publishedAt: null,
    publishedBy: null,
    ...overrides,
  };
}

describe('postmortem rendering', () => {
  it('cites timeline entries by number and records by id, with their label', () => {
    expect(citation({ kind: 'timeline', ref: '14' })).toBe('#14');
    expect(citation({ kind: 'evidence', ref: 'EV-2', label: 'the leaking answer' })).toBe('EV-2 (the leaking answer)');
  });

  it('walks the response from onset to resolved with the time each step took, — where a moment is missing', () => {
    expect(renderFigures(figures)).toEqual([
      'Response (UTC, + the time since the moment before)',
      '  onset         2026-11-24T09:10Z',
      '  detected      2026-11-24T09:40Z  +30m',
      '  acknowledged  2026-11-24T09:45Z  +5m',
      '  isolated      —',
      '  contained     2026-11-24T10:05Z',
      '  resolved      2026-11-24T11:20Z  +1h 15m',
      '  onset→resolved 2h 10m',
    ]);
  });

  it('groups factors by category in the categories’ order, with their citations', () => {
    const lines = renderFactors(postmortem().sections[2]!.factors!);
    expect(lines[0]).toMatch(/^ {2}CATEGORY\s+FACTOR\s+CITES$/);
    expect(lines[1]).toMatch(/^ {2}Prompt and guardrails\s+Prompt v7 dropped the policy excerpt\s+EV-2, #14$/);
    expect(lines[2]).toMatch(/^ {2}Detection gaps\s+No monitor on policy contradictions\s+—$/);
  });

  it('numbers the whys under their problem', () => {
    const lines = renderWhys([
      {
        problem: 'The copilot stated a 90-day window',
        steps: [
          {
            why: 'Why did it say 90 days?',
            because: 'the excerpt was not in context',
            citations: [{ kind: 'evidence', ref: 'EV-2' }],
          },
          { why: 'Why was it missing?', because: 'v7 changed retrieval', citations: [] },
        ],
      },
    ]);
    expect(lines).toEqual([
      '  Problem: The copilot stated a 90-day window',
      '    1. Why did it say 90 days?',
      '       Because the excerpt was not in context [EV-2]',
      '    2. Why was it missing?',
      '       Because v7 changed retrieval',
    ]);
  });

  it('prints lint findings compiler-style: where:line:column rule: message — suggestion', () => {
    expect(lintLine(finding)).toBe(
      'sections.summary:2:1 person-as-cause: "Sam" is named as a cause — say what the system allowed: "v7 shipped without the eval gate"',
    );
    expect(lintLine(finding, 'draft.md')).toMatch(/^draft\.md:2:1 person-as-cause: /);
  });

  it('marks an overdue due date', () => {
    expect(dueLine('2026-12-04T16:00:00Z', true, NOW)).toBe('OVERDUE: was due 2026-12-04T16:00Z (1d 18h ago)');
    expect(dueLine('2026-12-18T16:00:00Z', false, NOW)).toBe('2026-12-18T16:00Z (in 12d 6h)');
    expect(dueLine(null, false, NOW)).toBe('not set');
  });

  it('shows status, owner, figures, every section with who wrote it, the ★ moments, and the findings', () => {
    const text = renderPostmortem(postmortem({ overdue: true, dueAt: '2026-12-04T16:00:00Z' }), NOW).join('\n');
    expect(text).toMatch(/^INC-2 · SEV1 hallucination_spike · postmortem draft\n/);
    expect(text).toContain('  owner     Dana Reyes (dana-reyes)');
    expect(text).toContain('  due       OVERDUE: was due 2026-12-04T16:00Z');
    expect(text).toContain('  required  yes: the incident cannot close until it is published');
    expect(text).toContain('  detected      2026-11-24T09:40Z  +30m');
    expect(text).toContain(
      '## Summary (summary; drafted by Firebreak)\n  Answers stated a 90-day window.\n  Sam pushed v7.',
    );
    expect(text).toContain('## Contributing factors (factors; edited by dana-reyes 2026-12-05T09:00Z)');
    expect(text).toContain('  ★ 09:40Z  #1   SEV1 declared');
    expect(text).toContain('    09:45Z  #2   acknowledged');
    expect(text).toContain('## Where we got lucky (lucky; drafted by Firebreak)\n  (to write)');
    expect(text).toContain('Blameless lint: 1 finding (edit with: firebreak postmortem edit INC-2 --section …)');
    expect(text).toContain('  sections.summary:2:1 person-as-cause:');
  });

  it('summarises a fresh draft: each section drafted or to write, and the findings count', () => {
    const lines = renderDraft(postmortem(), NOW);
    expect(lines[0]).toBe(
      'Drafted the postmortem of INC-2 (template standard): owner Dana Reyes, due 2026-12-18T16:00Z (in 12d 6h)',
    );
    expect(lines).toContain('  summary   drafted');
    expect(lines).toContain('  timeline  drafted (2 moments, 1 starred)');
    expect(lines).toContain('  factors   drafted (2 factors)');
    expect(lines).toContain('  lucky     to write');
    expect(lines).toContain('Blameless lint: 1 finding (firebreak postmortem lint INC-2)');
  });

  it('lists postmortems with OVERDUE marked', () => {
    const out = renderPostmortemList(
      {
        postmortems: [
          {
            incidentId: 'INC-2',
            title: 'Copilot misstates the refund window',
            severity: 'SEV1',
            systems: ['support-copilot'],
            status: 'draft',
            owner: 'dana-reyes',
            dueAt: '2026-12-04T16:00:00Z',
            overdue: true,
            publishedAt: null,
          },
        ],
      },
      NOW,
    );
    expect(out.split('\n')[1]).toMatch(/^INC-2\s+SEV1\s+draft\s+dana-reyes\s+OVERDUE 1d 18h ago\s+Copilot/);
    expect(renderPostmortemList({ postmortems: [] }, NOW)).toBe('No postmortems match.');
  });
});
