import type { PlanFormat, ResponsePlan } from '@firebreak/contract';
import { resolveAlertBudget } from '@firebreak/contract';
import { buildResponsePlan, DomainError, type PlanFacts, renderPlanMarkdown } from '@firebreak/core';
import type { Ctx } from '../context';
import { markdownPage, renderPdf } from '../documents/page';
import { ACKNOWLEDGE_WITHIN_MS, UPDATE_EVERY_MS } from '../intake/presenter';
import { currentDirectory } from '../oncall/store';
import { rulePack } from '../regulatory/pack';
import { listRules } from '../triage/rules-store';
import { controlsOf, obligationsFor, peopleFor, rulesFor, settingsOf } from './facts';
import { actionCounts, openReportsNaming, realControls, realSystem, recentIncidents } from './store';

const hours = (ms: number) => `${ms / 3_600_000}h`;

/** Everything the plan of one system is built from, read in one pass. */
async function gatherFacts(ctx: Ctx, id: string): Promise<PlanFacts> {
  const row = await realSystem(ctx.db, id);
  if (!row) throw new DomainError('not_found', `system ${id} not found`, { details: { id } });
  const now = ctx.now();
  const card = row.card;
  const system = { ...card, monitors: card.monitors ?? [] };
  const { directory } = await currentDirectory(ctx.db);
  const [stored, rules, incidents, counts, reports, pack] = await Promise.all([
    realControls(ctx.db, id),
    listRules(ctx.db),
    recentIncidents(ctx.db, id, 20),
    actionCounts(ctx.db, id, now),
    openReportsNaming(ctx.db, id),
    rulePack(),
  ]);
  return {
    system,
    generatedAt: now.toISOString(),
    alertBudget: resolveAlertBudget(card.alertBudget),
    controls: controlsOf(row, stored),
    rules: rulesFor(rules, id),
    people: peopleFor(directory, system, now),
    ...settingsOf(directory, id),
    history: {
      incidents: incidents.map((incident) => ({
        ...incident,
        declaredAt: incident.declaredAt.toISOString(),
        postmortem: incident.postmortem ?? undefined,
      })),
      openActions: counts.open,
      overdueActions: counts.overdue,
    },
    obligations: obligationsFor(pack, row, system),
    disclosure: {
      formPath: '/report',
      acknowledgeWithin: hours(ACKNOWLEDGE_WITHIN_MS),
      updateEvery: hours(UPDATE_EVERY_MS),
      openReports: reports,
    },
  };
}

/** The system's AI incident response plan, with its gaps and the whole Markdown document. */
export async function getPlan({ ctx, id }: { ctx: Ctx; id: string }): Promise<ResponsePlan> {
  const plan = buildResponsePlan(await gatherFacts(ctx, id));
  return { ...plan, markdown: renderPlanMarkdown(plan) };
}

/** The plan as a document: Markdown, a standalone HTML page, or PDF where the server has Chromium. */
export async function exportPlan({
  ctx,
  id,
  format,
}: {
  ctx: Ctx;
  id: string;
  format: Exclude<PlanFormat, 'json'>;
}): Promise<{ content: string | Uint8Array; mediaType: string }> {
  const plan = await getPlan({ ctx, id });
  if (format === 'md') return { content: plan.markdown, mediaType: 'text/markdown; charset=utf-8' };
  const html = markdownPage(`AI incident response plan: ${plan.name}`, plan.markdown);
  if (format === 'html') return { content: html, mediaType: 'text/html; charset=utf-8' };
  return { content: await renderPdf(html), mediaType: 'application/pdf' };
}
