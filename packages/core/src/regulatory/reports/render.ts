import { type Draft, type DraftField, type FieldValue, formatInstant, type OriginalValue } from './draft';
import {
  escapeMarkdownInline,
  escapeMarkdownLine,
  markdownCell,
  markdownList,
  markdownQuote,
  splitLines,
} from './markdown';

const STATE_LABEL: Record<DraftField['state'], string> = {
  filled: '✅ filled',
  needs_person: '✍ needs a person',
  not_applicable: '— not applicable',
};

function valueText(value: FieldValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** A value as a block: a list, a quote for text over several lines, an escaped line otherwise. */
function valueBlock(value: FieldValue): string {
  if (Array.isArray(value)) return value.length === 0 ? '_(none)_' : markdownList(value);
  const text = valueText(value);
  return /[\r\n\u2028\u2029]/.test(text) ? markdownQuote(text) : escapeMarkdownLine(text);
}

function inlineValue(value: FieldValue): string {
  return Array.isArray(value) ? value.map(escapeMarkdownInline).join('; ') : escapeMarkdownInline(valueText(value));
}

function originals(original: readonly OriginalValue[] | undefined): string[] {
  if (!original || original.length === 0) return [];
  const parts = original.map((o) => `${inlineValue(o.value)} (${escapeMarkdownInline(o.vocabulary)})`);
  return [`Firebreak’s own value: ${parts.join('; ')}`];
}

/** Text as a code span, the fence longer than any run of backticks inside it. */
function codeSpan(text: string): string {
  const flat = splitLines(text).join(' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function fieldBlock(field: DraftField): string {
  const heading = `### ${escapeMarkdownInline(field.id)} · ${escapeMarkdownInline(field.label)}${field.mandatory ? ' · required' : ''}`;
  const lines: string[] = [heading, ''];
  switch (field.state) {
    case 'filled':
      lines.push(valueBlock(field.value), '');
      // A code span: record paths such as `system.name` would otherwise be linkified by viewers.
      lines.push(`_Source: ${codeSpan(field.source)}_`);
      for (const line of originals(field.original)) lines.push('', line);
      if (field.note) lines.push('', `⚠ ${escapeMarkdownInline(field.note)}`);
      break;
    case 'needs_person':
      lines.push(`✍ **NEEDS A PERSON.** ${escapeMarkdownInline(field.hint)}`);
      if (field.suggestion !== undefined) lines.push('', 'Firebreak suggests:', '', valueBlock(field.suggestion));
      for (const line of originals(field.original)) lines.push('', line);
      break;
    case 'not_applicable':
      lines.push(`_Not applicable: ${escapeMarkdownInline(field.reason)}_`);
      break;
  }
  return lines.join('\n');
}

function checklist(draft: Draft): string {
  const rows = draft.sections.flatMap((section) =>
    section.fields.map(
      (field) =>
        `| ${markdownCell(field.id)} | ${markdownCell(field.label)} | ${field.mandatory ? 'yes' : ''} | ${STATE_LABEL[field.state]} |`,
    ),
  );
  return ['| Ref | Field | Required | Status |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/**
 * The draft as a Markdown document a person completes: a checklist of every field and its state,
 * then each section with the values Firebreak filled (and where from) and each field that needs a
 * person marked `✍ NEEDS A PERSON`. Text from the record is escaped, so it cannot add headings,
 * links, HTML or table cells.
 *
 * @example
 * const markdown = renderDraftMarkdown(buildDraft('eu_art73', record));
 */
export function renderDraftMarkdown(draft: Draft): string {
  const { summary } = draft;
  const out: string[] = [
    `# ${escapeMarkdownInline(draft.form)}: ${escapeMarkdownInline(draft.title)}`,
    '',
    `Draft for ${escapeMarkdownInline(draft.recipient)} · Firebreak incident ${escapeMarkdownInline(draft.incidentId)} · drafted ${escapeMarkdownInline(formatInstant(draft.draftedAt))}`,
    '',
    `Form: ${escapeMarkdownInline(draft.formVersion)}`,
    '',
  ];
  if (!draft.applicable) {
    out.push(`**Not applicable.** ${escapeMarkdownInline(draft.notApplicableReason ?? '')}`, '');
    return out.join('\n');
  }
  const mandatory = summary.mandatoryNeedsPerson.length;
  out.push(
    `**${summary.filled} of ${summary.total} fields filled from Firebreak; ${summary.needsPerson} need a person${mandatory > 0 ? ` (${mandatory} of them required)` : ''}; ${summary.notApplicable} not applicable.**`,
    '',
  );
  for (const note of draft.notes) out.push(`> ${escapeMarkdownInline(note)}`, '');
  out.push('## Checklist', '', checklist(draft), '');
  for (const section of draft.sections) {
    out.push(`## ${escapeMarkdownInline(section.title)}`, '');
    for (const field of section.fields) out.push(fieldBlock(field), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The draft as JSON: every field with its state, value, source and originals, and the summary. */
export function renderDraftJson(draft: Draft): string {
  return `${JSON.stringify(draft, null, 2)}\n`;
}
