import type {
  DraftPostmortemRequest,
  EditPostmortemRequest,
  EditSectionRequest,
  Postmortem,
  PostmortemSection,
  PostmortemSettings,
  PostmortemTemplate,
  PostmortemTransitionRequest,
} from '@firebreak/contract';
import {
  assertPostmortemTransition,
  DomainError,
  invalid,
  POSTMORTEM_SECTIONS,
  type PostmortemSectionId,
  type PostmortemStatus,
  postmortemDueAt,
  postmortemRequired,
  type Severity,
} from '@firebreak/core';
import { actionsOfIncidents } from '../actions/store';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { changeIncident } from '../incidents/change';
import { loadIncident } from '../incidents/load';
import { getTimeline } from '../incidents/read';
import { presentDecision, presentEvidence, presentStatusUpdate } from '../incidents/records-presenter';
import { listDecisions, listEvidence, listStatusUpdates } from '../incidents/records-store';
import { currentRoles } from '../incidents/store';
import { displayNames, postmortemSettings, requirePerson } from '../oncall/people';
import { type DraftSources, draftSections, moments, responseFigures, timelineMarkdown } from './draft';
import { lintPostmortem, peopleOf } from './lint';
import { findPostmortem, insertPostmortem, type PostmortemRow, requirePostmortem, updatePostmortem } from './store';

/** Everything a draft is made from, read in the caller's transaction. */
export async function loadSources(tx: Tx, ctx: Ctx, id: string, now: Date): Promise<DraftSources> {
  const incident = await loadIncident(tx, id, now);
  const [timeline, decisions, evidence, updates] = await Promise.all([
    getTimeline({ ctx: { ...ctx, db: tx }, id }),
    listDecisions(tx, id),
    listEvidence(tx, id),
    listStatusUpdates(tx, id),
  ]);
  return {
    incident,
    timeline: timeline.entries,
    decisions: decisions.map(presentDecision),
    evidence: evidence.map(presentEvidence),
    updates: updates.map(presentStatusUpdate),
  };
}

/** The built-in templates: the full review for serious incidents, a brief one for the rest. */
export const BUILT_IN_TEMPLATES: PostmortemTemplate[] = [
  { id: 'standard', when: { severity: ['SEV1', 'SEV2'] }, omit: [], prompts: {} },
  {
    id: 'near-miss',
    when: { nearMiss: true },
    omit: ['impact', 'lucky'],
    prompts: { factors: 'What would have turned this near miss into an incident?' },
  },
  { id: 'brief', when: {}, omit: ['whys', 'lucky'], prompts: {} },
];

/** The template a name asks for, or the first whose `when` matches (the org's before the built-in ones). */
export function chooseTemplate(
  settings: PostmortemSettings,
  incident: { severity: Severity; type: string; nearMiss: boolean },
  name?: string,
): PostmortemTemplate {
  const all = [...settings.templates, ...BUILT_IN_TEMPLATES];
  if (name !== undefined) {
    const named = all.find((template) => template.id === name);
    if (!named)
      throw invalid('template', `no template "${name}"; there are ${[...new Set(all.map((t) => t.id))].join(', ')}`);
    return named;
  }
  const matches = (template: PostmortemTemplate) =>
    (template.when.severity === undefined || template.when.severity.includes(incident.severity)) &&
    (template.when.type === undefined || template.when.type.includes(incident.type as never)) &&
    (template.when.nearMiss === undefined || template.when.nearMiss === incident.nearMiss);
  // A near miss reads the near-miss template before a severity match.
  const ordered = incident.nearMiss
    ? [...settings.templates, BUILT_IN_TEMPLATES[1]!, BUILT_IN_TEMPLATES[0]!, BUILT_IN_TEMPLATES[2]!]
    : all;
  return ordered.find(matches) ?? BUILT_IN_TEMPLATES[2]!;
}

function templateOf(settings: PostmortemSettings, name: string): PostmortemTemplate {
  return (
    [...settings.templates, ...BUILT_IN_TEMPLATES].find((template) => template.id === name) ?? BUILT_IN_TEMPLATES[0]!
  );
}

/** A postmortem as the API shows it: figures fresh from the incident, lint run over its prose and actions. */
export async function presentPostmortem(tx: Tx, ctx: Ctx, row: PostmortemRow, now: Date): Promise<Postmortem> {
  const [incident, actionRows, name, settings] = await Promise.all([
    loadIncident(tx, row.incidentId, now),
    actionsOfIncidents(tx, [row.incidentId]),
    displayNames(tx),
    postmortemSettings(tx),
  ]);
  const sections = Object.values(row.sections).sort(
    (a, b) => POSTMORTEM_SECTIONS.indexOf(a.id) - POSTMORTEM_SECTIONS.indexOf(b.id),
  );
  const people = await peopleOf(tx, incident);
  const lint = await lintPostmortem({ sections, actions: actionRows, people });
  void ctx;
  return {
    incidentId: row.incidentId,
    incident: {
      title: incident.title,
      severity: incident.severity,
      type: incident.type,
      status: incident.status,
      nearMiss: incident.nearMiss,
      systems: incident.systems,
    },
    status: row.status as PostmortemStatus,
    owner: row.owner,
    ownerName: name(row.owner),
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: row.status !== 'published' && row.dueAt !== null && row.dueAt.getTime() < now.getTime(),
    required: postmortemRequired(incident, settings),
    template: row.template,
    sections,
    figures: responseFigures(incident),
    actions: actionRows.map((action) => action.id),
    lint,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedBy: row.publishedBy,
  };
}

function keyed(sections: readonly PostmortemSection[]): Record<string, PostmortemSection> {
  return Object.fromEntries(sections.map((section) => [section.id, section]));
}

async function defaultOwner(tx: Tx, id: string): Promise<string | null> {
  const roles = (await currentRoles(tx, [id])).get(id) ?? [];
  const holder =
    roles.find((role) => role.role === 'incident_commander') ?? roles.find((role) => role.role === 'tech_lead');
  if (!holder) return null;
  try {
    return (await requirePerson(tx, holder.person, 'owner')).id;
  } catch {
    return holder.person;
  }
}

/**
 * Drafts the incident's postmortem from its timeline, records and alerts: one per incident, owned
 * by the person named (default the commander), due the policy's business days after resolution.
 */
export function draftPostmortem({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: DraftPostmortemRequest;
}): Promise<Postmortem> {
  return changeIncident(ctx, id, async ({ tx, at, record, incident }) => {
    if (await findPostmortem(tx, id))
      throw new DomainError('conflict', `${id} already has a postmortem; edit it, or regenerate a section`, {
        details: { id },
      });
    if (incident.status === 'dismissed')
      throw new DomainError(
        'invalid_transition',
        `status: ${id} was dismissed as a false positive; it has no postmortem`,
      );
    const settings = await postmortemSettings(tx);
    const sources = await loadSources(tx, ctx, id, at);
    const template = chooseTemplate(settings, sources.incident, input.template);
    const owner =
      input.owner !== undefined ? (await requirePerson(tx, input.owner, 'owner')).id : await defaultOwner(tx, id);
    const resolvedAt = sources.incident.metrics.resolvedAt ? new Date(sources.incident.metrics.resolvedAt) : at;
    const dueAt = input.dueAt
      ? futureDate(input.dueAt, at, 'dueAt')
      : postmortemDueAt(resolvedAt, settings.dueBusinessDays);
    const sections = draftSections(sources, template);
    const row: PostmortemRow = {
      incidentId: id,
      status: 'draft',
      owner,
      dueAt,
      template: template.id,
      sections: keyed(sections),
      version: 1,
      createdAt: at,
      createdBy: ctx.actor.name,
      updatedAt: at,
      updatedBy: ctx.actor.name,
      publishedAt: null,
      publishedBy: null,
    };
    await insertPostmortem(tx, row);
    await record('postmortem_drafted', {
      owner,
      dueAt: dueAt.toISOString(),
      template: template.id,
      sections: sections.map((section) => section.id),
    });
    return presentPostmortem(tx, ctx, row, at);
  });
}

function futureDate(value: string, now: Date, field: string): Date {
  const date = new Date(value);
  if (date.getTime() <= now.getTime()) throw invalid(field, 'must be in the future');
  return date;
}

export async function getPostmortem({ ctx, id }: { ctx: Ctx; id: string }): Promise<Postmortem> {
  const now = ctx.now();
  await loadIncident(ctx.db, id, now);
  return presentPostmortem(ctx.db, ctx, await requirePostmortem(ctx.db, id), now);
}

function checkVersion(row: PostmortemRow, version: number | undefined): void {
  if (version !== undefined && version !== row.version)
    throw new DomainError(
      'conflict',
      `version: the postmortem is at version ${row.version}, not ${version}; someone else edited it, reload first`,
      { details: { issues: [{ path: 'version', message: 'stale' }], version: row.version } },
    );
}

/** Changes the owner or the due date. */
export function editPostmortem({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: EditPostmortemRequest;
}): Promise<Postmortem> {
  return changeIncident(ctx, id, async ({ tx, at, record }) => {
    const row = await requirePostmortem(tx, id);
    checkVersion(row, input.version);
    const patch: Partial<PostmortemRow> = { updatedAt: at, updatedBy: ctx.actor.name };
    const changes: Record<string, unknown> = {};
    if (input.owner !== undefined) {
      patch.owner = (await requirePerson(tx, input.owner, 'owner')).id;
      changes.owner = { from: row.owner, to: patch.owner };
    }
    if (input.dueAt !== undefined) {
      patch.dueAt = futureDate(input.dueAt, at, 'dueAt');
      changes.dueAt = { from: row.dueAt?.toISOString() ?? null, to: patch.dueAt.toISOString() };
    }
    await updatePostmortem(tx, id, row.version, patch);
    await record('postmortem_edited', { changes, reason: input.reason ?? null });
    return presentPostmortem(tx, ctx, { ...row, ...patch, version: row.version + 1 }, at);
  });
}

const STRUCTURED: Partial<Record<PostmortemSectionId, 'impact' | 'factors' | 'chains'>> = {
  impact: 'impact',
  factors: 'factors',
  whys: 'chains',
};

/**
 * Replaces a section's prose and, for the impact, factors and whys sections, its structured part.
 * The new content goes on the timeline with who and why; citations must point at what exists.
 */
export function editSection({
  ctx,
  id,
  section,
  input,
}: {
  ctx: Ctx;
  id: string;
  section: PostmortemSectionId;
  input: EditSectionRequest;
}): Promise<Postmortem> {
  return changeIncident(ctx, id, async ({ tx, at, record }) => {
    const row = await requirePostmortem(tx, id);
    checkVersion(row, input.version);
    if (row.status === 'published')
      throw new DomainError(
        'invalid_transition',
        'status: the postmortem is published; reopen it (move it to draft with a reason) to edit',
      );
    const current = row.sections[section];
    if (!current)
      throw invalid('section', `the ${row.template} template has no ${section} section`, {
        sections: Object.keys(row.sections),
      });
    const allowed = STRUCTURED[section];
    for (const field of ['impact', 'factors', 'chains'] as const)
      if (input[field] !== undefined && allowed !== field)
        throw invalid(field, `belongs to the ${field === 'chains' ? 'whys' : field} section, not ${section}`);
    if (
      input.body === undefined &&
      input.impact === undefined &&
      input.factors === undefined &&
      input.chains === undefined
    )
      throw invalid('body', 'give the new body (or the section’s structured field)');
    await checkCitations(tx, ctx, id, input);
    // A drafted section's body is a prompt for what to write; once its structure is written, it goes.
    const body = input.body ?? (current.generated && allowed !== undefined ? '' : current.body);
    const next: PostmortemSection = {
      ...current,
      body,
      ...(input.impact !== undefined ? { impact: input.impact } : {}),
      ...(input.factors !== undefined ? { factors: input.factors } : {}),
      ...(input.chains !== undefined ? { chains: input.chains } : {}),
      generated: false,
      editedAt: at.toISOString(),
      editedBy: ctx.actor.name,
    };
    const sections = { ...row.sections, [section]: next };
    await updatePostmortem(tx, id, row.version, { sections, updatedAt: at, updatedBy: ctx.actor.name });
    const { reason, version: _version, ...content } = input;
    await record('postmortem_edited', { section, content, reason: reason ?? null });
    return presentPostmortem(tx, ctx, { ...row, sections, version: row.version + 1 }, at);
  });
}

/** Citations must name an entry or record of this incident; the first that does not is the error. */
async function checkCitations(tx: Tx, ctx: Ctx, id: string, input: EditSectionRequest): Promise<void> {
  const cited: Array<{ path: string; kind: string; ref: string }> = [];
  for (const [i, c] of (input.impact?.citations ?? []).entries()) cited.push({ path: `impact.citations[${i}]`, ...c });
  for (const [i, factor] of (input.factors ?? []).entries())
    for (const [j, c] of factor.citations.entries()) cited.push({ path: `factors[${i}].citations[${j}]`, ...c });
  for (const [i, chain] of (input.chains ?? []).entries())
    for (const [j, step] of chain.steps.entries())
      for (const [k, c] of step.citations.entries())
        cited.push({ path: `chains[${i}].steps[${j}].citations[${k}]`, ...c });
  if (cited.length === 0) return;
  const sources = await loadSources(tx, ctx, id, ctx.now());
  const known: Record<string, Set<string>> = {
    timeline: new Set(sources.timeline.map((entry) => String(entry.seq))),
    evidence: new Set(sources.evidence.map((item) => item.id)),
    decision: new Set(sources.decisions.map((item) => item.id)),
    update: new Set(sources.updates.map((item) => item.id)),
    alert: new Set(
      sources.timeline.filter((entry) => entry.kind === 'alert_linked').map((entry) => String(entry.payload.alertId)),
    ),
    control: new Set(
      sources.timeline.filter((entry) => entry.kind === 'control_changed').map((entry) => String(entry.payload.key)),
    ),
  };
  for (const citation of cited)
    if (!known[citation.kind]?.has(citation.ref))
      throw invalid(
        `${citation.path}.ref`,
        `${id} has no ${citation.kind === 'timeline' ? 'timeline entry' : citation.kind} ${citation.ref}`,
      );
}

/** Drafts one section again from the incident's data, replacing what was written (on the timeline). */
export function regenerateSection({
  ctx,
  id,
  section,
  reason,
}: {
  ctx: Ctx;
  id: string;
  section: PostmortemSectionId;
  reason?: string | undefined;
}): Promise<Postmortem> {
  return changeIncident(ctx, id, async ({ tx, at, record }) => {
    const row = await requirePostmortem(tx, id);
    if (row.status === 'published')
      throw new DomainError('invalid_transition', 'status: the postmortem is published; reopen it to regenerate');
    if (!row.sections[section]) throw invalid('section', `the ${row.template} template has no ${section} section`);
    const settings = await postmortemSettings(tx);
    const template = templateOf(settings, row.template);
    const fresh = draftSections(await loadSources(tx, ctx, id, at), { ...template, omit: [] }).find(
      (candidate) => candidate.id === section,
    )!;
    const sections = { ...row.sections, [section]: fresh };
    await updatePostmortem(tx, id, row.version, { sections, updatedAt: at, updatedBy: ctx.actor.name });
    await record('postmortem_edited', { section, regenerated: true, reason: reason ?? null });
    return presentPostmortem(tx, ctx, { ...row, sections, version: row.version + 1 }, at);
  });
}

/**
 * Moves the postmortem along draft → in review → published. Publishing needs an owner, every
 * contributing factor and why-step citing something, and no blameless-lint findings unless the
 * publisher accepts them with a reason; reopening a published one needs a reason.
 */
export function transitionPostmortem({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: PostmortemTransitionRequest;
}): Promise<Postmortem> {
  return changeIncident(ctx, id, async ({ tx, at, record }) => {
    const row = await requirePostmortem(tx, id);
    const from = row.status as PostmortemStatus;
    assertPostmortemTransition(from, input.status, input.reason);
    let accepted: number | null = null;
    if (input.status === 'published') {
      const present = await presentPostmortem(tx, ctx, row, at);
      const issues = publishIssues(present);
      if (issues.length > 0)
        throw new DomainError(
          'validation_failed',
          `status: publishing needs ${issues.map((i) => i.message).join('; ')}`,
          {
            details: { issues },
          },
        );
      if (present.lint.length > 0) {
        if (!input.acceptFindings || !input.reason?.trim())
          throw new DomainError(
            'validation_failed',
            `status: ${present.lint.length} blameless-lint finding(s) remain; rewrite them, or publish with acceptFindings and a reason`,
            {
              details: {
                issues: [{ path: 'acceptFindings', message: `${present.lint.length} finding(s) remain` }],
                findings: present.lint,
              },
            },
          );
        accepted = present.lint.length;
      }
    }
    const patch: Partial<PostmortemRow> = {
      status: input.status,
      updatedAt: at,
      updatedBy: ctx.actor.name,
      ...(input.status === 'published' ? { publishedAt: at, publishedBy: ctx.actor.name } : {}),
      ...(from === 'published' ? { publishedAt: null, publishedBy: null } : {}),
    };
    await updatePostmortem(tx, id, row.version, patch);
    await record('postmortem_status_changed', {
      from,
      to: input.status,
      reason: input.reason ?? null,
      ...(accepted !== null ? { acceptedFindings: accepted } : {}),
    });
    return presentPostmortem(tx, ctx, { ...row, ...patch, version: row.version + 1 }, at);
  });
}

function publishIssues(postmortem: Postmortem): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  if (!postmortem.owner) issues.push({ path: 'owner', message: 'an owner' });
  const factors = postmortem.sections.find((section) => section.id === 'factors')?.factors;
  if (factors !== undefined && factors.length === 0)
    issues.push({ path: 'sections.factors', message: 'at least one contributing factor' });
  factors?.forEach((factor, index) => {
    if (factor.citations.length === 0)
      issues.push({
        path: `sections.factors[${index}].citations`,
        message: `factor ${index + 1} to cite evidence or the timeline`,
      });
  });
  const chains = postmortem.sections.find((section) => section.id === 'whys')?.chains ?? [];
  for (const [i, chain] of chains.entries())
    for (const [j, step] of chain.steps.entries())
      if (step.citations.length === 0)
        issues.push({
          path: `sections.whys.chains[${i}].steps[${j}].citations`,
          message: `why ${j + 1} of chain ${i + 1} to cite evidence or the timeline`,
        });
  return issues;
}

/** The timeline section's Markdown for an export: key moments, or all of them. */
export function exportedTimeline(postmortem: Postmortem, all: boolean): string {
  const section = postmortem.sections.find((candidate) => candidate.id === 'timeline');
  if (!section) return '';
  if (!section.generated && !all) return section.body;
  return timelineMarkdown(section.moments ?? [], all);
}

export { moments };
