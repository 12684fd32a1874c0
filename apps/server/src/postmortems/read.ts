import type { LintRequest, LintResult, PostmortemList, PostmortemListQuery } from '@firebreak/contract';
import { presentActions } from '../actions/service';
import { actionsOfIncidents } from '../actions/store';
import type { Ctx } from '../context';
import { renderPdf } from '../documents/page';
import { loadIncident } from '../incidents/load';
import { findIncidents } from '../incidents/store';
import { namesOf, namesOfCaller, postmortemSettings } from '../oncall/people';
import { lintPostmortem, peopleOf } from './lint';
import { renderHtml, renderMarkdown } from './render';
import { getPostmortem } from './service';
import { listPostmortems } from './store';

/** Lints text as a postmortem's prose; with an incident, its people count as people. */
export async function lintText({ ctx, input }: { ctx: Ctx; input: LintRequest }): Promise<LintResult> {
  const people = input.incident ? await peopleOf(ctx.db, await loadIncident(ctx.db, input.incident, ctx.now())) : [];
  const findings = await lintPostmortem({
    sections: [{ id: 'summary', title: '', body: input.text, generated: false, editedAt: null, editedBy: null }],
    actions: [],
    people,
  });
  return { findings: findings.map((finding) => ({ ...finding, where: 'text' })) };
}

export async function listPostmortemsView({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: PostmortemListQuery;
}): Promise<PostmortemList> {
  const now = ctx.now();
  const owners = query.owner
    ? new Set(query.owner === 'me' ? await namesOfCaller(ctx.db, ctx.actor.name) : await namesOf(ctx.db, query.owner))
    : null;
  const rows = (await listPostmortems(ctx.db, { status: query.status })).filter(
    (row) => owners === null || (row.owner !== null && owners.has(row.owner)),
  );
  // One query for every row's incident, not one per row.
  const incidents = await findIncidents(
    ctx.db,
    rows.map((row) => row.incidentId),
  );
  const list: PostmortemList['postmortems'] = [];
  for (const row of rows) {
    const incident = incidents.get(row.incidentId);
    if (!incident) continue;
    const overdue = row.status !== 'published' && row.dueAt !== null && row.dueAt.getTime() < now.getTime();
    if (query.overdue !== undefined && overdue !== query.overdue) continue;
    list.push({
      incidentId: row.incidentId,
      title: incident.title,
      severity: incident.severity as PostmortemList['postmortems'][number]['severity'],
      systems: incident.systems,
      status: row.status as PostmortemList['postmortems'][number]['status'],
      owner: row.owner,
      dueAt: row.dueAt?.toISOString() ?? null,
      overdue,
      publishedAt: row.publishedAt?.toISOString() ?? null,
    });
  }
  return { postmortems: list };
}

/** The postmortem as Markdown, HTML or PDF, with its template (the org's, where it wrote one). */
export async function exportPostmortem({
  ctx,
  id,
  format,
  allMoments,
}: {
  ctx: Ctx;
  id: string;
  format: 'markdown' | 'html' | 'pdf';
  allMoments: boolean;
}): Promise<{ content: string | Uint8Array; mediaType: string }> {
  const postmortem = await getPostmortem({ ctx, id });
  const actions = await presentActions(ctx.db, await actionsOfIncidents(ctx.db, [id]), ctx.now());
  const settings = await postmortemSettings(ctx.db);
  const template = settings.templates.find((candidate) => candidate.id === postmortem.template)?.markdown;
  const options = { template, allMoments };
  if (format === 'markdown')
    return { content: renderMarkdown(postmortem, actions, options), mediaType: 'text/markdown; charset=utf-8' };
  const html = renderHtml(postmortem, actions, options);
  if (format === 'html') return { content: html, mediaType: 'text/html; charset=utf-8' };
  return { content: await renderPdf(html), mediaType: 'application/pdf' };
}
