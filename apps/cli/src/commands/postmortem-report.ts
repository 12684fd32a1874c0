import type {
  Citation,
  ContributingFactor,
  Impact,
  LintFindingView,
  Moment,
  Postmortem,
  PostmortemList,
  PostmortemSection,
  ResponseFigures,
  WhyChain,
} from '@firebreak/contract';
import { FACTOR_CATEGORIES, FACTOR_LABELS } from '@firebreak/core';
import { fields, table, truncate, wrap } from '../output';
import { formatDuration, relativeTime, utcMinute, when } from '../time';

/** `EV-2`, `#14` for a timeline entry, with its label when it has one: what a statement rests on. */
export function citation(cite: Citation): string {
  const ref = cite.kind === 'timeline' ? `#${cite.ref}` : cite.ref;
  return cite.label ? `${ref} (${cite.label})` : ref;
}

const cites = (list: readonly Citation[] | undefined): string =>
  list && list.length > 0 ? ` [${list.map(citation).join(', ')}]` : '';

/** `2026-12-18T16:00Z (in 12d)`, or `OVERDUE: was due … (2d ago)`. */
export function dueLine(dueAt: string | null, overdue: boolean, now: Date): string {
  if (!dueAt) return 'not set';
  return overdue ? `OVERDUE: was due ${utcMinute(dueAt)} (${relativeTime(dueAt, now)})` : when(dueAt, now);
}

const MOMENTS: ReadonlyArray<[keyof ResponseFigures, string, keyof ResponseFigures | null]> = [
  ['onsetAt', 'onset', null],
  ['detectedAt', 'detected', 'onsetToDetect'],
  ['acknowledgedAt', 'acknowledged', 'detectToAcknowledge'],
  ['isolatedAt', 'isolated', 'acknowledgeToIsolate'],
  ['containedAt', 'contained', 'isolateToContain'],
  ['resolvedAt', 'resolved', 'containToResolve'],
];

/** The response's moments, onset to resolved, each with the time it took from the one before. */
export function renderFigures(figures: ResponseFigures): string[] {
  const rows = MOMENTS.map(([at, label, took]) => {
    const time = figures[at] as string | null;
    const seconds = took ? (figures[took] as number | null) : null;
    const step = time && seconds !== null ? `  +${formatDuration(seconds)}` : '';
    return `  ${label.padEnd(13)} ${time ? utcMinute(time) : '—'}${step}`;
  });
  const total = figures.onsetToResolve === null ? '—' : formatDuration(figures.onsetToResolve);
  return ['Response (UTC, + the time since the moment before)', ...rows, `  ${'onset→resolved'.padEnd(13)} ${total}`];
}

/** Contributing factors grouped by category, in the categories' order, each with its citations. */
export function renderFactors(factors: readonly ContributingFactor[]): string[] {
  if (factors.length === 0) return ['  (no contributing factors yet)'];
  const rows = FACTOR_CATEGORIES.flatMap((category) =>
    factors
      .filter((factor) => factor.category === category)
      .map((factor) => [
        FACTOR_LABELS[category],
        truncate(factor.description, 70),
        factor.citations.map((c) => citation({ ...c, label: undefined })).join(', ') || '—',
      ]),
  );
  return indent(table(['CATEGORY', 'FACTOR', 'CITES'], rows).split('\n'));
}

/** Each why chain: its problem, then the numbered whys and their becauses. */
export function renderWhys(chains: readonly WhyChain[]): string[] {
  if (chains.length === 0) return ['  (no why chains yet)'];
  return chains.flatMap((chain, index) => [
    ...(index > 0 ? [''] : []),
    `  Problem: ${chain.problem}`,
    ...chain.steps.flatMap((step, n) => [
      `    ${n + 1}. ${step.why}`,
      ...hang(`Because ${step.because}${cites(step.citations)}`, '       '),
    ]),
  ]);
}

/** Who and what was affected, figure by figure. */
export function renderImpact(impact: Impact): string[] {
  const count = (value: number | null) => (value === null ? null : value.toLocaleString('en-US'));
  const rows = fields([
    ['users', count(impact.users)],
    ['conversations', count(impact.conversations)],
    ['decisions', count(impact.decisions)],
    ['segments', impact.segments.join(', ')],
    ['duration', impact.durationSeconds === null ? null : formatDuration(impact.durationSeconds)],
    ['money', impact.money ? `${impact.money.amount.toLocaleString('en-US')} ${impact.money.currency}` : null],
    ['sources', impact.citations.map(citation).join(', ')],
  ]);
  return rows.length > 0 ? rows : ['  (no figures yet)'];
}

/** The postmortem's timeline: one line per moment, ★ on the starred ones. */
export function renderMoments(moments: readonly Moment[]): string[] {
  return moments.map(
    (m) => `  ${m.key ? '★' : ' '} ${utcMinute(m.at).slice(11)}  #${String(m.seq).padEnd(3)} ${truncate(m.text, 80)}`,
  );
}

function sectionBody(section: PostmortemSection): string[] {
  const lines: string[] = [];
  if (section.impact) lines.push(...renderImpact(section.impact));
  if (section.moments) lines.push(...renderMoments(section.moments));
  if (section.factors) lines.push(...renderFactors(section.factors));
  if (section.chains) lines.push(...renderWhys(section.chains));
  const body = section.body.trim();
  if (body) lines.push(...(lines.length > 0 ? [''] : []), ...body.split('\n').map((line) => `  ${line}`.trimEnd()));
  return lines.length > 0 ? lines : ['  (to write)'];
}

function sectionOrigin(section: PostmortemSection): string {
  if (section.generated) return 'drafted by Firebreak';
  return section.editedBy
    ? `edited by ${section.editedBy}${section.editedAt ? ` ${utcMinute(section.editedAt)}` : ''}`
    : 'edited';
}

/** `sections.summary:3:10 blame-word: … — suggestion`: one finding per line, where first, like a compiler. */
export function lintLine(finding: LintFindingView, where = finding.where): string {
  return `${where}:${finding.line}:${finding.column} ${finding.rule}: ${finding.message} — ${finding.suggestion}`;
}

/** The whole postmortem as a responder reads it in a terminal. */
export function renderPostmortem(pm: Postmortem, now: Date): string[] {
  const { incident } = pm;
  const owner = pm.owner
    ? pm.ownerName && pm.ownerName !== pm.owner
      ? `${pm.ownerName} (${pm.owner})`
      : pm.owner
    : 'nobody yet';
  const published = pm.publishedAt ? `${utcMinute(pm.publishedAt)} by ${pm.publishedBy ?? '?'}` : null;
  const lines = [
    `${pm.incidentId} · ${incident.severity} ${incident.type}${incident.nearMiss ? ' (near miss)' : ''} · postmortem ${pm.status.replace('_', ' ')}`,
    ...fields([
      ['incident', `${incident.title} (${incident.status}) on ${incident.systems.join(', ')}`],
      ['owner', owner],
      ['due', dueLine(pm.dueAt, pm.overdue, now)],
      ['required', pm.required ? 'yes: the incident cannot close until it is published' : 'no'],
      ['published', published],
      ['template', `${pm.template} (version ${pm.version})`],
      ['actions', pm.actions.join(', ') || 'none yet (firebreak action add)'],
    ]),
    '',
    ...renderFigures(pm.figures),
  ];
  for (const section of pm.sections) {
    lines.push('', `## ${section.title} (${section.id}; ${sectionOrigin(section)})`, ...sectionBody(section));
  }
  lines.push('', ...renderLint(pm.lint, pm.incidentId));
  return lines;
}

/** The lint findings, or that there are none. */
export function renderLint(findings: readonly LintFindingView[], incidentId?: string): string[] {
  if (findings.length === 0) return ['Blameless lint: no findings'];
  const fix = incidentId ? ` (edit with: firebreak postmortem edit ${incidentId} --section …)` : '';
  return [
    `Blameless lint: ${findings.length} finding${findings.length === 1 ? '' : 's'}${fix}`,
    ...findings.map((f) => `  ${lintLine(f)}`),
  ];
}

/** What `postmortem draft` says: the sections drafted and what is left to write. */
export function renderDraft(pm: Postmortem, now: Date): string[] {
  const written = (s: PostmortemSection) =>
    s.body.trim() !== '' ||
    (s.factors?.length ?? 0) > 0 ||
    (s.chains?.length ?? 0) > 0 ||
    (s.moments?.length ?? 0) > 0 ||
    s.impact !== undefined;
  const width = Math.max(...pm.sections.map((s) => s.id.length));
  return [
    `Drafted the postmortem of ${pm.incidentId} (template ${pm.template}): owner ${pm.ownerName ?? pm.owner ?? 'nobody yet'}, due ${dueLine(pm.dueAt, pm.overdue, now)}`,
    ...pm.sections.map((s) => `  ${s.id.padEnd(width)}  ${written(s) ? 'drafted' : 'to write'}${sectionCount(s)}`),
    pm.lint.length === 0
      ? 'Blameless lint: no findings'
      : `Blameless lint: ${pm.lint.length} finding${pm.lint.length === 1 ? '' : 's'} (firebreak postmortem lint ${pm.incidentId})`,
    `Read it: firebreak postmortem show ${pm.incidentId}`,
  ];
}

function sectionCount(section: PostmortemSection): string {
  if (section.moments)
    return ` (${plural(section.moments.length, 'moment')}, ${section.moments.filter((m) => m.key).length} starred)`;
  if (section.factors) return ` (${plural(section.factors.length, 'factor')})`;
  if (section.chains) return ` (${plural(section.chains.length, 'why chain')})`;
  return '';
}

/** The postmortems table of `postmortem list`. */
export function renderPostmortemList(list: PostmortemList, now: Date): string {
  if (list.postmortems.length === 0) return 'No postmortems match.';
  return table(
    ['INCIDENT', 'SEV', 'STATUS', 'OWNER', 'DUE', 'TITLE'],
    list.postmortems.map((p) => [
      p.incidentId,
      p.severity,
      p.status,
      p.owner ?? '—',
      p.dueAt ? (p.overdue ? `OVERDUE ${relativeTime(p.dueAt, now)}` : relativeTime(p.dueAt, now)) : '—',
      truncate(p.title, 50),
    ]),
  );
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const indent = (lines: string[]): string[] => lines.map((line) => `  ${line}`);
const hang = (text: string, prefix: string): string[] =>
  wrap(text, 100 - prefix.length).map((line) => `${prefix}${line}`);
