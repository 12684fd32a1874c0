import type { DeclareIncidentRequest, z } from '@firebreak/contract';
import type { Category, Driver, IncidentType, Severity } from '@firebreak/core';
import { fromUtcInput } from '../../lib/time';

/** The declare form as typed, before it becomes a request. */
export interface DeclareDraft {
  title: string;
  summary: string;
  type: IncidentType | undefined;
  severity: Severity | undefined;
  /** Catalog systems ticked. */
  selected: string[];
  /** Ids typed for systems not catalogued yet. */
  other: string;
  nearMiss: boolean;
  /** `datetime-local` value, read as UTC. */
  onset: string;
  commander: string;
  category: Category | '';
  driver: Driver | '';
}

export const EMPTY_DRAFT: DeclareDraft = {
  title: '',
  summary: '',
  type: undefined,
  severity: undefined,
  selected: [],
  other: '',
  nearMiss: false,
  onset: '',
  commander: '',
  category: '',
  driver: '',
};

/**
 * The systems a declarer picked and typed, in order, without repeats.
 *
 * @example
 * chosenSystems(['fraud-model'], 'hiring-model, fraud-model'); // ['fraud-model', 'hiring-model']
 */
export function chosenSystems(selected: readonly string[], other: string): string[] {
  const typed = other
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter(Boolean);
  return [...new Set([...selected, ...typed])];
}

/**
 * The request for a draft: empty optional fields left out, so the server's defaults apply and
 * its messages name only what was actually given. Type and severity go as chosen (the server
 * names them if missing).
 */
export function toDeclareRequest(draft: DeclareDraft): z.input<typeof DeclareIncidentRequest> {
  const request: z.input<typeof DeclareIncidentRequest> = {
    title: draft.title.trim(),
    type: draft.type as IncidentType,
    severity: draft.severity as Severity,
    systems: chosenSystems(draft.selected, draft.other),
    nearMiss: draft.nearMiss,
  };
  if (draft.summary.trim()) request.summary = draft.summary.trim();
  if (draft.commander.trim()) request.commander = draft.commander.trim();
  if (draft.category) request.category = draft.category;
  if (draft.driver) request.driver = draft.driver;
  const onset = fromUtcInput(draft.onset);
  if (onset) request.onsetAt = onset;
  return request;
}

/**
 * What the form can tell before asking the server: the required choices. Messages read like the
 * server's (`field: message`), and everything else is left to the server to judge.
 */
export function missingInDraft(draft: DeclareDraft): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  if (!draft.title.trim()) issues.push({ path: 'title', message: 'say what is wrong, in a line' });
  if (!draft.type) issues.push({ path: 'type', message: 'choose the incident type' });
  if (!draft.severity) issues.push({ path: 'severity', message: 'choose a severity' });
  if (chosenSystems(draft.selected, draft.other).length === 0)
    issues.push({ path: 'systems', message: 'name at least one affected system' });
  return issues;
}
