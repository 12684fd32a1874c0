import type { Approval, Control, ControlChange, Incident } from '@firebreak/contract';
import {
  type BundleStatus,
  type ControlStateValue,
  describeChange,
  durationMs,
  isDuration,
  isOpen,
  type ReviewRule,
} from '@firebreak/core';
import { previewAction } from './control-actions';

/** How long a temporary change lasts; empty means until someone changes it again. */
export const EXPIRY_CHOICES: ReadonlyArray<{ value: string; label: string }> = [
  { value: '', label: 'Until changed' },
  { value: '15m', label: '15 minutes' },
  { value: '1h', label: '1 hour' },
  { value: '4h', label: '4 hours' },
  { value: 'custom', label: 'Custom' },
];

export type Expiry = { ok: true; value: string | undefined } | { ok: false; problem: string };

/**
 * The `expiresIn` a choice means: nothing, a preset, or a typed duration checked as the server will.
 *
 * @example
 * expiryValue('custom', '90m'); // { ok: true, value: '90m' }
 * expiryValue('custom', 'soon'); // { ok: false, problem: 'write a duration such as 30m, 2h or 1d' }
 */
export function expiryValue(choice: string, custom: string): Expiry {
  if (choice === '') return { ok: true, value: undefined };
  const value = choice === 'custom' ? custom.trim() : choice;
  if (!isDuration(value)) return { ok: false, problem: 'write a duration such as 30m, 2h or 1d' };
  if (durationMs(value) < 60_000) return { ok: false, problem: 'at least a minute, so there is time to renew it' };
  return { ok: true, value };
}

/** When a change made now for `expiresIn` reverts. */
export function revertAt(expiresIn: string, now: Date): string {
  return new Date(now.getTime() + durationMs(expiresIn)).toISOString();
}

/**
 * What a temporary control goes back to when it expires: the state before the run of
 * temporary changes (and renewals) that ends with the latest one. History is newest first.
 */
export function revertState(history: readonly ControlChange[]): ControlStateValue | undefined {
  let before: ControlStateValue | undefined;
  for (const change of history) {
    if (change.expiresAt === null) break;
    before = (change.before ?? undefined) as ControlStateValue | undefined;
  }
  return before;
}

/**
 * What a pending approval would do, as one line against the control's current state.
 *
 * @example
 * approvalLine({ key: 'support-copilot.auto-send', change: { type: 'set', enabled: true } }, control); // 'support-copilot.auto-send: off (killed) → on'
 */
export function approvalLine(
  approval: Pick<Approval, 'key' | 'change'>,
  control: Pick<Control, 'key' | 'state' | 'versions'> | undefined,
): string {
  const change = approval.change;
  if (!control) return approval.key;
  if (change.type === 'revert' && change.state)
    return describeChange(control.key, control.state as ControlStateValue, change.state as ControlStateValue);
  const preview =
    change.type === 'rollback'
      ? previewAction(control, { type: 'rollback', to: typeof change.to === 'string' ? change.to : undefined })
      : previewPatch(control, change);
  return preview.ok ? preview.line : `${approval.key} (${preview.problem})`;
}

function previewPatch(control: Pick<Control, 'key' | 'state' | 'versions'>, change: Record<string, unknown>) {
  const { type: _type, reason: _reason, incident: _incident, expiresIn: _expiresIn, ...patch } = change;
  if ('enabled' in patch) return previewAction(control, { type: patch.enabled ? 'enable' : 'kill' });
  if (typeof patch.active === 'string') return previewAction(control, { type: 'set-active', version: patch.active });
  if ('canary' in patch) {
    const canary = patch.canary as { version: string; percent: number; stickyBy?: string } | null;
    return previewAction(
      control,
      canary
        ? { type: 'canary', version: canary.version, percent: canary.percent, stickyBy: canary.stickyBy ?? 'user' }
        : { type: 'end-canary' },
    );
  }
  return { ok: false as const, problem: Object.keys(patch).join(', ') || 'no change' };
}

/**
 * A review condition as a responder reads it.
 *
 * @example
 * conditionText({ segment: { topic: 'refund' } }); // 'segment topic=refund'
 */
export function conditionText(rule: ReviewRule): string {
  if ('flag' in rule) return `flag ${rule.flag}`;
  if ('segment' in rule)
    return `segment ${Object.entries(rule.segment)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`;
  return `confidence below ${rule.confidenceBelow}`;
}

export type ConditionType = 'flag' | 'segment' | 'confidenceBelow';
const SLUG = /^[\w.-]{1,64}$/;

/**
 * A review condition from what was typed: a flag name, `key=value`, or a number in 0..1.
 *
 * @example
 * parseCondition('segment', 'topic=refund'); // { ok: true, rule: { segment: { topic: 'refund' } } }
 */
export function parseCondition(
  type: ConditionType,
  text: string,
): { ok: true; rule: ReviewRule } | { ok: false; problem: string } {
  const value = text.trim();
  if (type === 'flag')
    return SLUG.test(value)
      ? { ok: true, rule: { flag: value } }
      : { ok: false, problem: 'a flag name such as pii or policy_violation' };
  if (type === 'segment') {
    const match = /^([\w.-]{1,64})\s*=\s*(.{1,200})$/.exec(value);
    return match
      ? { ok: true, rule: { segment: { [match[1]!]: match[2]!.trim() } } }
      : { ok: false, problem: 'key=value, such as region=EU' };
  }
  const number = Number(value);
  return value !== '' && Number.isFinite(number) && number >= 0 && number <= 1
    ? { ok: true, rule: { confidenceBelow: number } }
    : { ok: false, problem: 'a confidence between 0 and 1, such as 0.6' };
}

/**
 * A clause from the server (`re-enabling … needs a second person’s approval`) as a sentence.
 *
 * @example
 * sentence('needs approval'); // 'Needs approval.'
 */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * The open SEV1/SEV2 incidents on a system, named as the server names them (`INC-2 (SEV1)`):
 * while there is one, re-enabling or rolling forward waits for a second person.
 */
export function seriousOn(
  incidents: ReadonlyArray<Pick<Incident, 'id' | 'severity' | 'status' | 'systems'>>,
  system: string,
): string[] {
  return incidents
    .filter(
      (incident) =>
        incident.systems.includes(system) &&
        isOpen(incident.status) &&
        (incident.severity === 'SEV1' || incident.severity === 'SEV2'),
    )
    .map((incident) => `${incident.id} (${incident.severity})`);
}

/** A few controls as they are declared on a system card, for empty states. */
export const CONTROLS_EXAMPLE = `controls:
  - { id: auto-send, kind: kill_switch, description: Send answers without an agent }
  - { id: prompt, kind: route, target: prompt, versions: [v5, v6, v7] }
  - { id: review, kind: human_review, when: [{ flag: pii }] }
  - { id: ingest, kind: queue, description: Documents waiting to be indexed }
  - { id: answers, kind: cache, description: Answers cached per tenant }`;

/**
 * Where a rollback would go, for the route's row.
 *
 * @example
 * knownGoodText(['v5', 'v4']); // 'known-good: v5, v4'
 */
export function knownGoodText(knownGood: readonly string[]): string {
  return knownGood.length > 0 ? `known-good: ${knownGood.join(', ')}` : 'no known-good version recorded';
}

const KIND_ORDER = ['kill_switch', 'route', 'human_review', 'output_filter', 'throttle', 'queue', 'cache'];

/** Controls in the order a responder reaches for them: kill switches, routes, review, filters, throttles, queues, caches; by name within a kind. */
export function byUrgency<T extends Pick<Control, 'kind' | 'name'>>(controls: readonly T[]): T[] {
  return [...controls].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name),
  );
}

/** What each bundle status means, on hover over its badge. */
export const BUNDLE_STATUS_TITLES: Record<BundleStatus, string> = {
  active: 'What apps run now',
  canary: 'The canary’s candidate: a share of traffic runs it',
  'known-good': 'Was active before: a rollback goes here',
  available: 'Deployable, not in use (not yet rolled out, or rolled back from)',
  retired: 'Deleted or pruned: its version can never name other contents',
};

const BUNDLE_ORDER: Record<BundleStatus, number> = { active: 0, canary: 1, 'known-good': 2, available: 3, retired: 4 };

/** A route's bundles as the control page shows them: the ones in use first, newest first; retired ones apart. */
export function bundleGroups<T extends { status: BundleStatus }>(bundles: readonly T[]): { live: T[]; retired: T[] } {
  const newestFirst = [...bundles].reverse();
  const live = newestFirst
    .filter((bundle) => bundle.status !== 'retired')
    .sort((a, b) => BUNDLE_ORDER[a.status] - BUNDLE_ORDER[b.status]);
  return { live, retired: newestFirst.filter((bundle) => bundle.status === 'retired') };
}
