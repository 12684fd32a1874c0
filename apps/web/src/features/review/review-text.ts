import { REFUSAL_MESSAGES, type RefusalMessageId } from '@firebreak/core';

export const REVIEW_STATUSES = ['pending', 'escalated', 'approved', 'edited', 'refused'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewFilter {
  status: ReviewStatus;
  system?: string;
  incident?: string;
}

const INCIDENT = /^INC-[1-9][0-9]*$/;

/** The queue's filter from the URL: pending unless asked, a system, an incident id (other text is ignored). */
export function readReviewFilter(params: URLSearchParams): ReviewFilter {
  const status = params.get('status');
  const system = params.get('system')?.trim();
  const incident = params.get('incident')?.trim().toUpperCase();
  return {
    status: (REVIEW_STATUSES as readonly string[]).includes(status ?? '') ? (status as ReviewStatus) : 'pending',
    ...(system ? { system } : {}),
    ...(incident && INCIDENT.test(incident) ? { incident } : {}),
  };
}

/** The URL query of a filter, leaving the defaults out so links stay short. */
export function writeReviewFilter(filter: ReviewFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.status !== 'pending') params.set('status', filter.status);
  if (filter.system) params.set('system', filter.system);
  if (filter.incident) params.set('incident', filter.incident);
  return params;
}

/**
 * Why an item was routed to review, in words (the SDK's reasons: `flag:pii`, `segment:k=v`,
 * `confidence<0.55`, `sampled`).
 *
 * @example
 * routedText('confidence<0.55'); // 'confidence below 0.55'
 */
export function routedText(reason: string | null): string {
  if (!reason) return 'not said by the app';
  if (reason === 'sampled') return 'sampled (the review share)';
  if (reason.startsWith('flag:')) return `flagged ${reason.slice(5)}`;
  if (reason.startsWith('segment:')) return `segment ${reason.slice(8).replaceAll(',', ', ')}`;
  if (reason.startsWith('confidence<')) return `confidence below ${reason.slice(11)}`;
  return reason;
}

/** The standard refusals, with the text the user sees. */
export const REFUSALS = Object.entries(REFUSAL_MESSAGES).map(([id, text]) => ({ id: id as RefusalMessageId, text }));

type Content = Record<string, unknown>;

/** The fields of the content a reviewer can edit as text: its top-level strings. */
export function textFields(content: Content): string[] {
  return Object.keys(content).filter((key) => typeof content[key] === 'string');
}

/**
 * Edited content typed as JSON: an object, or what is wrong with it.
 *
 * @example
 * parseContent('{"answer":"Hi"}'); // { ok: true, content: { answer: 'Hi' } }
 * parseContent('[1]'); // { ok: false, problem: 'the content must be a JSON object ({…})' }
 */
export function parseContent(text: string): { ok: true; content: Content } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, problem: 'the content must be a JSON object ({…})' };
  return { ok: true, content: value as Content };
}

/** The keys whose values an edit changed, to show the reviewer before sending. */
export function changedKeys(before: Content, after: Content): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** A content value shown in the queue: strings as they are, the rest as compact JSON. */
export function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** What the user asked comes before what the app answered, whatever order the store kept the keys in. */
const ASKED = ['prompt', 'question', 'input', 'message', 'request'];

/**
 * The content's fields in reading order: the ask first, then the rest as given.
 *
 * @example
 * contentEntries({ answer: 'Hi', prompt: 'Hello?' }).map(([key]) => key); // ['prompt', 'answer']
 */
export function contentEntries(content: Content): Array<[string, unknown]> {
  const rank = (key: string) => (ASKED.includes(key.toLowerCase()) ? 0 : 1);
  return Object.entries(content).sort(([a], [b]) => rank(a) - rank(b));
}
