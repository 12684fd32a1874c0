import { planGaps } from './gaps';
import { SECTION_BODIES } from './sections';
import { PLAN_SECTION_IDS, PLAN_SECTIONS, type PlanFacts, type ResponsePlan, type ResponsePlanGap } from './types';

const gapLine = (gap: ResponsePlanGap) => `- **Gap \`${gap.id}\`**: ${gap.message}. Fix: ${gap.fix}.`;

/**
 * A system's AI incident response plan: every section the plan needs, filled from what Firebreak
 * knows, with every gap called out in the section it belongs to. Pure: time comes in the facts.
 *
 * @example
 * const plan = buildResponsePlan(facts);
 * plan.gaps.length === 0; // ready to gate a release on
 */
export function buildResponsePlan(facts: PlanFacts): ResponsePlan {
  const gaps = planGaps(facts);
  const sections = PLAN_SECTION_IDS.map((id) => {
    const own = gaps.filter((gap) => gap.section === id);
    const body = SECTION_BODIES[id](facts).trim();
    return {
      id,
      title: PLAN_SECTIONS[id],
      body: own.length > 0 ? `${body}\n\n${own.map(gapLine).join('\n')}` : body,
    };
  });
  return { system: facts.system.id, name: facts.system.name, generatedAt: facts.generatedAt, sections, gaps };
}

/** The plan as one Markdown document: a title, the gaps up front, then the sections in order. */
export function renderPlanMarkdown(plan: ResponsePlan): string {
  const summary =
    plan.gaps.length === 0
      ? 'No gaps: every section is covered.'
      : [
          `**${plan.gaps.length} gap${plan.gaps.length === 1 ? '' : 's'}:**`,
          '',
          ...plan.gaps.map((g) => `- \`${g.id}\`: ${g.message}`),
        ].join('\n');
  const body = plan.sections.map((section, i) => `## ${i + 1}. ${section.title}\n\n${section.body}`).join('\n\n');
  return `# AI incident response plan: ${plan.name} (${plan.system})\n\nGenerated ${plan.generatedAt.slice(0, 16).replace('T', ' ')} UTC by Firebreak from the system card, its controls, monitors, triage rules, directory and rule pack.\n\n${summary}\n\n${body}\n`.replace(
    /\n{3,}/g,
    '\n\n',
  );
}
