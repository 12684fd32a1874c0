import type { Action, Postmortem } from '@firebreak/contract';
import { FACTOR_CATEGORIES, FACTOR_LABELS, formatDuration, invalid } from '@firebreak/core';
import Handlebars from 'handlebars';
import { markdownPage } from '../documents/page';
import { timelineMarkdown } from './draft';

// Exporting a postmortem: a Handlebars template (the built-in one, or the org's from its
// firebreak.yaml) renders Markdown; markdown-it turns that into HTML with raw HTML escaped, so
// nothing a writer typed runs in a reader's browser; Chromium, where the server has one, prints PDF.

const DEFAULT_TEMPLATE = `# Postmortem: {{incident.title}}

{{incidentId}} · {{incident.severity}} {{typeLabel}} · {{systems}} · **{{statusLabel}}**{{#if publishedAt}} {{utc publishedAt}}{{/if}}
Owner: {{ownerLabel}} · Due: {{#if dueAt}}{{utc dueAt}}{{else}}—{{/if}}

{{#each sections}}
## {{title}}

{{#if isFactors}}
{{#each ../factorTable}}
### {{label}}

{{#each items}}
- {{description}}{{#if cites}} [{{cites}}]{{/if}}
{{/each}}

{{/each}}
{{body}}
{{else if isWhys}}
{{#each chains}}
**{{problem}}**

{{#each steps}}
{{add @index 1}}. {{why}} — {{because}}{{#if cites}} [{{cites}}]{{/if}}
{{/each}}

{{/each}}
{{body}}
{{else}}
{{body}}
{{/if}}

{{/each}}
## Action items

{{#if actions.length}}
| Action | Type | Category | Owner | Due | Status | Verification |
|---|---|---|---|---|---|---|
{{#each actions}}
| {{id}} {{title}} | {{type}} | {{category}} | {{owner}} | {{due}} | {{status}} | {{verification}} |
{{/each}}
{{else}}
_No actions yet._
{{/if}}
`;

interface RenderOptions {
  /** The org's Handlebars template for this postmortem's template, when it has one. */
  template?: string | undefined;
  /** The whole timeline, not only the starred moments. */
  allMoments: boolean;
}

const cites = (citations: ReadonlyArray<{ kind: string; ref: string }>) =>
  citations.map((c) => (c.kind === 'timeline' ? `#${c.ref}` : c.ref)).join(', ');

function context(postmortem: Postmortem, actions: readonly Action[], allMoments: boolean) {
  const sections = postmortem.sections.map((section) => ({
    ...section,
    body:
      section.id === 'timeline' && (section.generated || allMoments)
        ? timelineMarkdown(section.moments ?? [], allMoments)
        : section.body,
    isFactors: section.id === 'factors',
    isWhys: section.id === 'whys',
    chains: (section.chains ?? []).map((chain) => ({
      ...chain,
      steps: chain.steps.map((step) => ({ ...step, cites: cites(step.citations) })),
    })),
  }));
  const factors = postmortem.sections.find((section) => section.id === 'factors')?.factors ?? [];
  return {
    ...postmortem,
    sections,
    systems: postmortem.incident.systems.join(', '),
    typeLabel: postmortem.incident.type.replaceAll('_', ' '),
    statusLabel: postmortem.status.replace('_', ' '),
    ownerLabel: postmortem.ownerName ?? postmortem.owner ?? 'nobody yet',
    factorTable: FACTOR_CATEGORIES.map((category) => ({
      label: FACTOR_LABELS[category],
      items: factors
        .filter((factor) => factor.category === category)
        .map((factor) => ({ ...factor, cites: cites(factor.citations) })),
    })).filter((group) => group.items.length > 0),
    figures: postmortem.figures,
    actions: actions.map((action) => ({
      id: action.id,
      title: action.title.replaceAll('|', '\\|'),
      type: action.type,
      category: action.category.replaceAll('_', ' '),
      owner: action.ownerName ?? action.owner ?? '—',
      due: action.dueAt ? action.dueAt.slice(0, 10) : '—',
      status: action.status.replace('_', ' '),
      verification: action.verification
        ? `${action.verification.kind}${action.lastVerification ? (action.lastVerification.passed ? ' ✔ passed' : ' ✘ failed') : ''}`
        : '—',
    })),
  };
}

function engine(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('utc', (iso: unknown) =>
    typeof iso === 'string' ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '',
  );
  hb.registerHelper('duration', (seconds: unknown) => (typeof seconds === 'number' ? formatDuration(seconds) : '—'));
  hb.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));
  return hb;
}

/** The postmortem as a Markdown document. */
export function renderMarkdown(postmortem: Postmortem, actions: readonly Action[], options: RenderOptions): string {
  const hb = engine();
  let compiled: HandlebarsTemplateDelegate;
  try {
    compiled = hb.compile(options.template ?? DEFAULT_TEMPLATE, { noEscape: true, strict: false });
    return `${compiled(context(postmortem, actions, options.allMoments))
      .replace(/\n{3,}/g, '\n\n')
      .trim()}\n`;
  } catch (error) {
    throw invalid('template', `the postmortem template does not render: ${(error as Error).message}`);
  }
}

/** The postmortem as a standalone HTML page (raw HTML in the text is escaped, not rendered). */
export function renderHtml(postmortem: Postmortem, actions: readonly Action[], options: RenderOptions): string {
  return markdownPage(
    `Postmortem ${postmortem.incidentId}: ${postmortem.incident.title}`,
    renderMarkdown(postmortem, actions, options),
  );
}
