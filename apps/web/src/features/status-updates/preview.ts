import type { Incident } from '@firebreak/contract';
import { utcMinute } from '../../lib/time';
import { CUSTOMER_PHASE } from './plain-language';
import type { Audience, UpdateFields } from './templates';

export interface PreviewSection {
  label: string;
  text: string;
}

/** A status update as its audience will read it. */
export interface UpdatePreview {
  /** Where it is read: `Incident channel`, `Email to leadership`… */
  channel: string;
  heading: string;
  meta: string[];
  sections: PreviewSection[];
}

type FieldKey = keyof UpdateFields;
const ORDER: readonly FieldKey[] = ['whatHappened', 'impact', 'currentStatus', 'nextSteps', 'asks'];

/** The headings each audience reads the five fields under. */
export const SECTION_LABELS: Record<Audience, Record<FieldKey, string>> = {
  internal: {
    whatHappened: 'What happened',
    impact: 'Impact',
    currentStatus: 'Current status',
    nextSteps: 'Next steps',
    asks: 'Asks',
  },
  executive: {
    whatHappened: 'Summary',
    impact: 'Business impact',
    currentStatus: 'Status',
    nextSteps: 'Next steps',
    asks: 'Decisions needed',
  },
  support: {
    whatHappened: 'What is happening',
    impact: 'Who is affected',
    currentStatus: 'Where it stands',
    nextSteps: 'What to do',
    asks: 'Asks',
  },
  customer: {
    whatHappened: 'What happened',
    impact: 'Who is affected',
    currentStatus: 'What we are doing',
    nextSteps: 'What is next',
    asks: 'What we ask of you',
  },
};

export interface PreviewInput {
  audience: Audience;
  fields: UpdateFields;
  incident: Pick<Incident, 'id' | 'title' | 'severity' | 'status'>;
  /** Names of the affected systems, for the customer's heading. */
  systemNames: readonly string[];
  nextUpdateAt: string | undefined;
}

/**
 * The update laid out for its audience: internal ids and severity for responders, a brief for
 * leadership, a status-page notice with none of the internals for customers.
 */
export function previewUpdate(input: PreviewInput): UpdatePreview {
  const { audience, fields, incident, nextUpdateAt } = input;
  const labels = SECTION_LABELS[audience];
  const sections = ORDER.filter((key) => fields[key].trim() !== '').map((key) => ({
    label: labels[key],
    text: fields[key].trim(),
  }));
  const next = nextUpdateAt ? `Next update by ${utcMinute(nextUpdateAt)}` : undefined;
  const meta = (items: Array<string | undefined>) => items.filter((item): item is string => item !== undefined);
  switch (audience) {
    case 'internal':
      return {
        channel: 'Incident channel',
        heading: `[${incident.id}] ${incident.severity} · ${incident.status} — ${incident.title}`,
        meta: meta([next]),
        sections,
      };
    case 'executive':
      return {
        channel: 'Email to leadership',
        heading: `${incident.id} executive brief (${incident.severity}, ${incident.status}): ${incident.title}`,
        meta: meta([next]),
        sections,
      };
    case 'support':
      return {
        channel: 'Support team briefing',
        heading: `Support briefing for ${incident.id}: ${incident.title}`,
        meta: meta([`Severity ${incident.severity}`, next]),
        sections,
      };
    case 'customer':
      return {
        channel: 'Public status page',
        heading: `${CUSTOMER_PHASE[incident.status]}: issue affecting ${input.systemNames.join(', ')}`,
        meta: meta([next]),
        sections,
      };
  }
}

/** The preview as plain text, for pasting into chat or email. */
export function previewText(preview: UpdatePreview): string {
  const body = preview.sections.map((section) => `${section.label}\n${section.text}`);
  return [preview.heading, ...preview.meta, '', body.join('\n\n')].join('\n').replace(/\n{3,}/g, '\n\n');
}

/**
 * The [bracketed] parts a template left for the author to fill in.
 *
 * @example
 * placeholdersIn({ impact: 'Some. [Who is affected.]', … }); // ['[Who is affected.]']
 */
export function placeholdersIn(fields: UpdateFields): string[] {
  return ORDER.flatMap((key) => fields[key].match(/\[[^\]\n]{2,}\]/g) ?? []);
}

/**
 * Internal words a customer should not read: the incident id, severity labels, system ids and
 * the responders' names.
 */
export function internalTermsIn(fields: UpdateFields, incident: Pick<Incident, 'id' | 'systems' | 'roles'>): string[] {
  const text = ORDER.map((key) => fields[key]).join('\n');
  const found = new Set<string>();
  const literal = [incident.id, ...incident.systems, ...incident.roles.map((holder) => holder.person)];
  for (const term of literal) {
    if (term && text.toLowerCase().includes(term.toLowerCase())) found.add(term);
  }
  for (const match of text.match(/\b(?:SEV[1-4]|P[0-3])\b/g) ?? []) found.add(match);
  return [...found];
}
