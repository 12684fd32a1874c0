import type { Dated, DatePrecision } from './record';

/** The report formats Firebreak drafts. */
export const DRAFT_FORMATS = ['eu_art73', 'gpai', 'oecd', 'aiid', 'atlas'] as const;
export type DraftFormat = (typeof DRAFT_FORMATS)[number];

/** A field's value: text, a number, a yes/no, or a list of lines. Dates are ISO-8601 cut to their precision. */
export type FieldValue = string | number | boolean | string[];

/** A value as Firebreak holds it, kept beside the value mapped into the form's vocabulary. */
export interface OriginalValue {
  value: FieldValue;
  /** Whose words: `Firebreak severity`, `Firebreak harm category`, `Firebreak incident type`… */
  vocabulary: string;
}

interface FieldBase {
  /** The recipient's own number or key: `1.2(a)`, `10`, `incident_date`. */
  id: string;
  /** The recipient's label. */
  label: string;
  /** The form requires it. */
  mandatory: boolean;
}

/** Filled from Firebreak's data; `source` names the record's fields it came from. */
export interface FilledField extends FieldBase {
  state: 'filled';
  value: FieldValue;
  source: string;
  /** Firebreak's own values, when the value was mapped into the form's vocabulary. */
  original?: OriginalValue[];
  /** Something the reader should check before sending. */
  note?: string;
}

/** Only a person can write it; `hint` says what, and `suggestion` is Firebreak's proposal when it has one. */
export interface NeedsPersonField extends FieldBase {
  state: 'needs_person';
  hint: string;
  suggestion?: FieldValue;
  original?: OriginalValue[];
}

/** The field does not apply to this incident or record, and why. */
export interface NotApplicableField extends FieldBase {
  state: 'not_applicable';
  reason: string;
}

export type DraftField = FilledField | NeedsPersonField | NotApplicableField;

export interface DraftSection {
  id: string;
  title: string;
  fields: DraftField[];
}

export interface DraftSummary {
  total: number;
  filled: number;
  needsPerson: number;
  notApplicable: number;
  /** Mandatory fields still waiting for a person, by id. */
  mandatoryNeedsPerson: string[];
}

/** A report in one recipient's fields, drafted from a regulatory record. */
export interface Draft {
  format: DraftFormat;
  /** The form's name and the version of it the draft follows. */
  form: string;
  formVersion: string;
  recipient: string;
  incidentId: string;
  title: string;
  /** The record's `generatedAt`. */
  draftedAt: string;
  /** False when the format does not fit the incident (an ATLAS case study of a non-security incident). */
  applicable: boolean;
  /** Why it does not apply, when it does not. */
  notApplicableReason?: string;
  /** What a reader should know about the draft as a whole (scope, applicability, versions). */
  notes: string[];
  sections: DraftSection[];
  summary: DraftSummary;
}

type Base = { mandatory?: boolean };

export function filled(
  id: string,
  label: string,
  value: FieldValue,
  source: string,
  extra: Base & { original?: OriginalValue[]; note?: string } = {},
): FilledField {
  const { mandatory = false, ...rest } = extra;
  return { id, label, mandatory, state: 'filled', value, source, ...rest };
}

export function needsPerson(
  id: string,
  label: string,
  hint: string,
  extra: Base & { suggestion?: FieldValue | undefined; original?: OriginalValue[] } = {},
): NeedsPersonField {
  const { mandatory = false, suggestion, ...rest } = extra;
  return {
    id,
    label,
    mandatory,
    state: 'needs_person',
    hint,
    ...(suggestion === undefined ? {} : { suggestion }),
    ...rest,
  };
}

export function notApplicable(id: string, label: string, reason: string, extra: Base = {}): NotApplicableField {
  return { id, label, mandatory: extra.mandatory ?? false, state: 'not_applicable', reason };
}

/**
 * Fills a field from a value when Firebreak has one, else asks a person: the common case.
 * Empty strings and empty lists count as missing.
 */
export function fillOrAsk(
  id: string,
  label: string,
  value: FieldValue | undefined,
  source: string,
  hint: string,
  extra: Base & { suggestion?: FieldValue | undefined; original?: OriginalValue[]; note?: string } = {},
): DraftField {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    const { note: _note, ...rest } = extra;
    return needsPerson(id, label, hint, rest);
  }
  const { suggestion: _suggestion, ...rest } = extra;
  return filled(id, label, value, source, rest);
}

export function summarise(sections: readonly DraftSection[]): DraftSummary {
  const fields = sections.flatMap((section) => section.fields);
  return {
    total: fields.length,
    filled: fields.filter((field) => field.state === 'filled').length,
    needsPerson: fields.filter((field) => field.state === 'needs_person').length,
    notApplicable: fields.filter((field) => field.state === 'not_applicable').length,
    mandatoryNeedsPerson: fields
      .filter((field) => field.state === 'needs_person' && field.mandatory)
      .map((field) => field.id),
  };
}

/**
 * A stored timestamp as a record's moment, for mapping nullable columns: nothing stays nothing.
 *
 * @example
 * dated(metrics.detectedAt); // { at: '2026-11-24T10:00:00.000Z', precision: 'exact' }, or undefined for null
 */
export function dated(iso: string | null | undefined, precision: DatePrecision = 'exact'): Dated | undefined {
  return iso === null || iso === undefined || iso === '' ? undefined : { at: iso, precision };
}

const CUT: Record<DatePrecision, number> = { exact: 16, day: 10, month: 7, year: 4 };

/**
 * A moment as ISO-8601 cut to what is known: `2026-11-24T10:15Z`, `2026-11-24`, `2026-11`, `2026`.
 *
 * @example
 * formatDated({ at: '2026-11-24T10:15:30.000Z', precision: 'day' }); // '2026-11-24'
 */
export function formatDated(dated: Dated): string {
  const time = Date.parse(dated.at);
  // A record is built by the server from stored timestamps; should one not parse, show it as it is.
  if (Number.isNaN(time)) return dated.at;
  const iso = new Date(time).toISOString();
  const cut = iso.slice(0, CUT[dated.precision]);
  return dated.precision === 'exact' ? `${cut}Z` : cut;
}

/** A start and an end as an ISO-8601 interval, or the start alone while the end is unknown. */
export function formatRange(start: Dated, end: Dated | undefined): string {
  return end ? `${formatDated(start)}/${formatDated(end)}` : formatDated(start);
}

/** An exact instant (a record's plain ISO string) to the minute. */
export function formatInstant(iso: string): string {
  return formatDated({ at: iso, precision: 'exact' });
}

/** A day of an instant. */
export function formatDay(iso: string): string {
  return formatDated({ at: iso, precision: 'day' });
}

/** Names joined for a field, leaving out the blanks. */
export function joined(parts: ReadonlyArray<string | undefined>, separator = ' '): string | undefined {
  const kept = parts.filter((part): part is string => part !== undefined && part.trim() !== '');
  return kept.length > 0 ? kept.join(separator) : undefined;
}
