import { invalid } from '../../errors';
import { aiidDraft } from './aiid';
import { atlasDraft } from './atlas';
import { DRAFT_FORMATS, type Draft, type DraftFormat, summarise } from './draft';
import { euArt73Draft } from './eu-art73';
import { gpaiDraft } from './gpai';
import { oecdDraft } from './oecd';
import type { BuildOptions, Drafted } from './options';
import type { RegulatoryRecord } from './record';

const BUILDERS: Record<DraftFormat, (record: RegulatoryRecord, options: BuildOptions) => Drafted> = {
  eu_art73: euArt73Draft,
  gpai: gpaiDraft,
  oecd: oecdDraft,
  aiid: aiidDraft,
  atlas: atlasDraft,
};

/**
 * Drafts a report in one recipient's fields from the canonical record: each field filled from
 * Firebreak's data (with its source), left for a person (with a hint), or not applicable (with
 * why). Pure: the same record gives the same draft.
 *
 * @example
 * const draft = buildDraft('oecd', record);
 * draft.summary; // { total: 29, filled: 14, needsPerson: 15, notApplicable: 0, mandatoryNeedsPerson: ['10'] }
 */
export function buildDraft(format: DraftFormat, record: RegulatoryRecord, options: BuildOptions = {}): Draft {
  if (!Object.hasOwn(BUILDERS, format))
    throw invalid('format', `"${format}" is not a report format; expected one of ${DRAFT_FORMATS.join(', ')}`);
  const drafted = BUILDERS[format](record, options);
  const { notApplicableReason, ...rest } = drafted;
  return {
    format,
    ...rest,
    incidentId: record.incidentId,
    title: record.title,
    draftedAt: record.generatedAt,
    applicable: notApplicableReason === undefined,
    ...(notApplicableReason === undefined ? {} : { notApplicableReason }),
    summary: summarise(drafted.sections),
  };
}
