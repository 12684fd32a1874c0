export * from './build';
export * from './crosswalk';
export {
  DRAFT_FORMATS,
  type Draft,
  type DraftField,
  type DraftFormat,
  type DraftSection,
  type DraftSummary,
  dated,
  type FieldValue,
  type FilledField,
  formatDated,
  type NeedsPersonField,
  type NotApplicableField,
  type OriginalValue,
} from './draft';
export { escapeMarkdownInline, escapeMarkdownLine } from './markdown';
export type { BuildOptions } from './options';
export * from './record';
export * from './render';
