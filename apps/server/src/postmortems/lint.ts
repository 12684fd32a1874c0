import { lintProse } from '@firebreak/blameless';
import type { Incident, LintFindingView, PostmortemSection } from '@firebreak/contract';
import type { ActionRow } from '../actions/store';
import type { Tx } from '../db/connect';
import { currentRoles } from '../incidents/store';
import { everyoneNamed } from '../oncall/people';

/** How roles are spoken of in prose; naming one as a cause is naming a person. */
const ROLE_WORDS = [
  'incident commander',
  'commander',
  'tech lead',
  'comms lead',
  'scribe',
  'on-call engineer',
  'on-call',
  'the engineer',
  'the operator',
  'the reviewer',
  'the analyst',
];

/** Who counts as a person in this incident's prose: its role holders, its actors and the directory. */
export async function peopleOf(tx: Tx, incident: Pick<Incident, 'id' | 'declaredBy' | 'roles'>): Promise<string[]> {
  const roles = (await currentRoles(tx, [incident.id])).get(incident.id) ?? [];
  const names = new Set<string>([
    ...incident.roles.map((role) => role.person),
    ...roles.map((role) => role.person),
    ...(await everyoneNamed(tx)),
    ...ROLE_WORDS,
  ]);
  if (!incident.declaredBy.startsWith('rule:')) names.add(incident.declaredBy);
  return [...names].filter((name) => name.length >= 2);
}

interface Prose {
  where: string;
  text: string;
}

/** Every piece of prose in the sections a reader will see. */
function proseOf(sections: readonly PostmortemSection[]): Prose[] {
  const pieces: Prose[] = [];
  for (const section of sections) {
    // The timeline is the record's own words; a generated one quotes reasons people typed at 3 a.m.
    if (section.id !== 'timeline' || !section.generated)
      pieces.push({ where: `sections.${section.id}`, text: section.body });
    for (const [index, factor] of (section.factors ?? []).entries())
      pieces.push({ where: `sections.factors[${index}].description`, text: factor.description });
    for (const [i, chain] of (section.chains ?? []).entries()) {
      pieces.push({ where: `sections.whys.chains[${i}].problem`, text: chain.problem });
      for (const [j, step] of chain.steps.entries())
        pieces.push({ where: `sections.whys.chains[${i}].steps[${j}].because`, text: step.because });
    }
  }
  return pieces;
}

/**
 * Lints a postmortem: blameless findings in its prose and in its actions' titles (a "be more
 * careful" action), and actions that lack an owner, a due date or a verification.
 */
export async function lintPostmortem({
  sections,
  actions,
  people,
}: {
  sections: readonly PostmortemSection[];
  actions: readonly ActionRow[];
  people: readonly string[];
}): Promise<LintFindingView[]> {
  const findings: LintFindingView[] = [];
  const pieces = [
    ...proseOf(sections),
    ...actions
      .filter((action) => action.status !== 'cancelled')
      .map((action) => ({ where: `actions.${action.id}.title`, text: action.title })),
  ];
  for (const piece of pieces) {
    for (const finding of await lintProse(piece.text, { people: [...people] }))
      findings.push({ ...finding, where: piece.where });
  }
  for (const action of actions) {
    if (action.status === 'cancelled' || action.status === 'closed') continue;
    const missing = [
      action.owner === null ? 'owner' : null,
      action.dueAt === null ? 'due date' : null,
      action.verification === null ? 'verification' : null,
    ].filter((item): item is string => item !== null);
    if (missing.length > 0)
      findings.push({
        rule: 'action-incomplete',
        message: `${action.id} has no ${missing.join(', no ')}`,
        excerpt: action.title,
        suggestion: `Give ${action.id} ${missing.map((item) => (item === 'owner' ? 'an owner' : `a ${item}`)).join(', ')}: an action nobody owns, with no date and no check, rarely happens.`,
        where: `actions.${action.id}`,
        start: 0,
        end: action.title.length,
        line: 1,
        column: 1,
      });
  }
  return findings;
}
