import type { Citation, LintFindingView, Moment, ResponseFigures } from '@firebreak/contract';

/** One moment of the response figures and how long it took from the one before. */
export interface FigureStep {
  label: string;
  at: string | null;
  /** Seconds since the previous step, when both are known. */
  since: number | null;
}

/**
 * The response figures as a chain: onset → detected → acknowledged → isolated → contained →
 * resolved, each with the duration the server measured from the step before.
 *
 * @example
 * figureSteps(figures)[1]; // { label: 'Detected', at: '2026-12-06T09:10:00.000Z', since: 600 }
 */
export function figureSteps(figures: ResponseFigures): FigureStep[] {
  return [
    { label: 'Onset', at: figures.onsetAt, since: null },
    { label: 'Detected', at: figures.detectedAt, since: figures.onsetToDetect },
    { label: 'Acknowledged', at: figures.acknowledgedAt, since: figures.detectToAcknowledge },
    { label: 'Isolated', at: figures.isolatedAt, since: figures.acknowledgeToIsolate },
    { label: 'Contained', at: figures.containedAt, since: figures.isolateToContain },
    { label: 'Resolved', at: figures.resolvedAt, since: figures.containToResolve },
  ];
}

/**
 * The moments the timeline section shows: the starred ones first, in time order, then (when all
 * are asked for) the rest. With none starred every moment shows, as the export prints them.
 */
export function momentsToShow(moments: readonly Moment[], all: boolean): Moment[] {
  const byTime = [...moments].sort((a, b) => a.seq - b.seq);
  const key = byTime.filter((moment) => moment.key);
  if (key.length === 0) return byTime;
  return all ? [...key, ...byTime.filter((moment) => !moment.key)] : key;
}

/** A run of text, marked when a lint finding covers it. */
export interface MarkedSegment {
  text: string;
  finding?: LintFindingView;
}

/**
 * Cuts text into runs at the findings' `start`/`end` offsets, to highlight them. Findings that
 * overlap an earlier one, or fall outside the text, are left unmarked (they still list below).
 *
 * @example
 * markSegments('Dana should have checked.', [{ start: 5, end: 16, … }]);
 * // [{ text: 'Dana ' }, { text: 'should have', finding }, { text: ' checked.' }]
 */
export function markSegments(text: string, findings: readonly LintFindingView[]): MarkedSegment[] {
  const sorted = [...findings]
    .filter((finding) => finding.start >= 0 && finding.end > finding.start && finding.end <= text.length)
    .sort((a, b) => a.start - b.start);
  const segments: MarkedSegment[] = [];
  let at = 0;
  for (const finding of sorted) {
    if (finding.start < at) continue;
    if (finding.start > at) segments.push({ text: text.slice(at, finding.start) });
    segments.push({ text: text.slice(finding.start, finding.end), finding });
    at = finding.end;
  }
  if (at < text.length || segments.length === 0) segments.push({ text: text.slice(at) });
  return segments;
}

/** A block of Markdown as the preview renders it. */
export type MarkdownBlock =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'code'; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][] };

const TABLE_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

const LIST_ITEM = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/;

/**
 * The blocks of the Markdown a postmortem section holds: headings, paragraphs, lists, tables,
 * fenced code and quotes. Rendered as React elements, never as HTML, so a section cannot inject markup.
 */
export function markdownBlocks(markdown: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (line.startsWith('```')) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').startsWith('```'); i++) code.push(lines[i] ?? '');
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    if (line.trimStart().startsWith('|')) {
      flush();
      const table: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trimStart().startsWith('|')) table.push(lines[i++] ?? '');
      i--;
      const rows = table.filter((row) => !TABLE_SEPARATOR.test(row)).map(tableCells);
      blocks.push({ kind: 'table', header: rows[0] ?? [], rows: rows.slice(1) });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '' });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flush();
      const ordered = item[1] !== undefined;
      const last = blocks.at(-1);
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(item[2] ?? '');
      else blocks.push({ kind: 'list', ordered, items: [item[2] ?? ''] });
      continue;
    }
    if (line.startsWith('>')) {
      flush();
      const last = blocks.at(-1);
      const text = line.replace(/^>\s?/, '');
      if (last?.kind === 'quote') last.text = `${last.text} ${text}`;
      else blocks.push({ kind: 'quote', text });
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  return blocks;
}

/** A run of inline Markdown: plain, **strong**, *emphasis* or `code`. */
export interface InlineRun {
  kind: 'text' | 'strong' | 'em' | 'code';
  text: string;
}

/** Splits a line into plain, strong, emphasised and code runs. */
export function inlineRuns(text: string): InlineRun[] {
  const runs: InlineRun[] = [];
  const pattern = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*|_[^_\s][^_]*_)/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    const token = match[0];
    const start = match.index ?? 0;
    if (start > at) runs.push({ kind: 'text', text: text.slice(at, start) });
    if (token.startsWith('`')) runs.push({ kind: 'code', text: token.slice(1, -1) });
    else if (token.startsWith('**')) runs.push({ kind: 'strong', text: token.slice(2, -2) });
    else runs.push({ kind: 'em', text: token.slice(1, -1) });
    at = start + token.length;
  }
  if (at < text.length) runs.push({ kind: 'text', text: text.slice(at) });
  return runs;
}

/** Something a statement of the postmortem can cite, as the picker offers it. */
export interface CitationOption extends Citation {
  label: string;
}

/** A citation's identity, for pickers and keys: `timeline:14`, `evidence:EV-2`. */
export function citationKey(citation: Pick<Citation, 'kind' | 'ref'>): string {
  return `${citation.kind}:${citation.ref}`;
}

/** How a citation reads in a chip: `#14`, `EV-2`. */
export function citationText(citation: Pick<Citation, 'kind' | 'ref'>): string {
  return citation.kind === 'timeline' ? `#${citation.ref}` : citation.ref;
}

/**
 * What the incident offers to cite: its timeline entries (as described), its evidence, alerts and
 * decisions, each once.
 */
export function citationOptions(sources: {
  timeline: readonly { seq: number; title: string }[];
  evidence: readonly { id: string; title: string }[];
  alerts: readonly { id: string; title: string }[];
  decisions: readonly { id: string; decision: string }[];
}): CitationOption[] {
  const options: CitationOption[] = [
    ...sources.timeline.map((entry) => ({
      kind: 'timeline' as const,
      ref: String(entry.seq),
      label: `#${entry.seq} ${entry.title}`,
    })),
    ...sources.evidence.map((ev) => ({ kind: 'evidence' as const, ref: ev.id, label: `${ev.id} ${ev.title}` })),
    ...sources.alerts.map((alert) => ({ kind: 'alert' as const, ref: alert.id, label: `${alert.id} ${alert.title}` })),
    ...sources.decisions.map((decision) => ({
      kind: 'decision' as const,
      ref: decision.id,
      label: `${decision.id} ${decision.decision}`,
    })),
  ];
  const seen = new Set<string>();
  return options.filter((option) => {
    const key = citationKey(option);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Findings stored on the postmortem for one place (`sections.summary`, `sections.factors[2].description`). */
export function findingsAt(findings: readonly LintFindingView[], where: string): LintFindingView[] {
  return findings.filter((finding) => finding.where === where);
}
