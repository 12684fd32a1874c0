import type { Control } from '@firebreak/contract';
import {
  applyPatch,
  approvalNeeded,
  type ControlPatch,
  type ControlStateValue,
  describeChange,
  type FilterLevel,
  type ReviewRule,
  rollbackState,
} from '@firebreak/core';
import type { ControlRequest } from '../../data/controls';

/** What a responder can ask of a control, one dialog each. */
export type ControlAction =
  | { type: 'kill' }
  | { type: 'enable' }
  | { type: 'rollback'; to?: string | undefined }
  | { type: 'set-active'; version: string }
  | { type: 'canary'; version: string; percent: number; stickyBy: string }
  | { type: 'end-canary' }
  | { type: 'throttle'; rate: number; per: string; by?: string | undefined }
  | { type: 'lift-throttle' }
  | { type: 'review'; share: number; when: ReviewRule[] }
  | { type: 'filter'; level: FilterLevel }
  | { type: 'pause'; retryAfter?: string | undefined }
  | { type: 'resume' }
  | { type: 'flush'; scope?: string | undefined };
export type ActionType = ControlAction['type'];

/** Button labels; the dialog's title says the same with the control's key. */
export const ACTION_LABELS: Record<ActionType, string> = {
  kill: 'Kill',
  enable: 'Re-enable',
  rollback: 'Roll back',
  'set-active': 'Set version',
  canary: 'Canary',
  'end-canary': 'End canary',
  throttle: 'Throttle',
  'lift-throttle': 'Lift throttle',
  review: 'Change review',
  filter: 'Filter level',
  pause: 'Pause',
  resume: 'Resume',
  flush: 'Flush',
};

/**
 * The actions a control offers in its current state: a kill switch is killed or re-enabled, a
 * route rolled back only when it has somewhere to go, a canary ended only while one runs.
 *
 * @example
 * actionsFor({ kind: 'kill_switch', state: { kind: 'kill_switch', enabled: true }, versions: null }); // ['kill']
 */
export function actionsFor(control: Pick<Control, 'kind' | 'state' | 'versions'>): ActionType[] {
  const state = control.state;
  switch (state.kind) {
    case 'kill_switch':
      return [state.enabled ? 'kill' : 'enable'];
    case 'route': {
      const versions = control.versions ?? [];
      const others = versions.filter((v) => v !== state.active);
      if (others.length === 0) return [];
      return ['rollback', 'set-active', 'canary', ...(state.canary ? (['end-canary'] as const) : [])];
    }
    case 'throttle':
      return state.limit ? ['throttle', 'lift-throttle'] : ['throttle'];
    case 'human_review':
      return ['review'];
    case 'output_filter':
      return ['filter'];
    case 'queue':
      // A paused queue may also change its hint to workers.
      return state.paused ? ['resume', 'pause'] : ['pause'];
    case 'cache':
      return ['flush'];
  }
}

/** The part of the state an action sets (rollback is its own request). */
export function patchFor(action: ControlAction): ControlPatch | undefined {
  switch (action.type) {
    case 'kill':
      return { enabled: false };
    case 'enable':
      return { enabled: true };
    case 'rollback':
      return undefined;
    case 'set-active':
      return { active: action.version };
    case 'canary':
      return { canary: { version: action.version, percent: action.percent, stickyBy: action.stickyBy } };
    case 'end-canary':
      return { canary: null };
    case 'throttle':
      return { limit: { rate: action.rate, per: action.per, ...(action.by ? { by: action.by } : {}) } };
    case 'lift-throttle':
      return { limit: null };
    case 'review':
      return { share: action.share, when: action.when };
    case 'filter':
      return { level: action.level };
    case 'pause':
      return { paused: true, retryAfter: action.retryAfter ?? null };
    case 'resume':
      return { paused: false };
    case 'flush':
      return { flush: action.scope ? { scope: action.scope } : {} };
  }
}

export interface Common {
  reason: string;
  incident?: string | undefined;
  expiresIn?: string | undefined;
}

/**
 * The request for an action, with the reason trimmed and empty options left out.
 *
 * @example
 * requestFor({ type: 'kill' }, { reason: ' PII ', incident: 'INC-2' }); // { kind: 'change', body: { enabled: false, reason: 'PII', incident: 'INC-2' } }
 */
export function requestFor(action: ControlAction, common: Common): ControlRequest {
  const shared = {
    reason: common.reason.trim(),
    ...(common.incident ? { incident: common.incident } : {}),
    ...(common.expiresIn ? { expiresIn: common.expiresIn } : {}),
  };
  if (action.type === 'rollback')
    return { kind: 'rollback', body: { ...(action.to ? { to: action.to } : {}), ...shared } };
  return { kind: 'change', body: { ...patchFor(action), ...shared } };
}

export type Preview = { ok: true; line: string; after: ControlStateValue } | { ok: false; problem: string };

/**
 * What the action would do, by the same rules the server applies:
 * `support-copilot.auto-send: on → off (killed)`, or why it cannot be done.
 */
export function previewAction(control: Pick<Control, 'key' | 'state' | 'versions'>, action: ControlAction): Preview {
  const state = control.state as ControlStateValue;
  const versions = control.versions ?? [];
  if (
    action.type === 'rollback' &&
    !action.to &&
    state.kind === 'route' &&
    !state.knownGood.some((v) => v !== state.active && versions.includes(v))
  ) {
    return {
      ok: false,
      problem: `no known-good version recorded before ${state.active}: choose the version to roll back to`,
    };
  }
  try {
    const after =
      action.type === 'rollback'
        ? rollbackState(state, versions, action.to)
        : applyPatch(state, patchFor(action) ?? {}, versions);
    return { ok: true, line: describeChange(control.key, state, after), after };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Why the server will hold this change for a second person, judged from the open SEV1/SEV2
 * incidents on the system that this page knows of; the server has the last word.
 */
export function approvalHint(
  control: Pick<Control, 'state' | 'versions'>,
  after: ControlStateValue,
  openHighSeverity: readonly string[],
): string | undefined {
  return approvalNeeded(control.state as ControlStateValue, after, control.versions ?? [], openHighSeverity);
}

/** Versions a rollback may name: the deployable ones other than the active, known-good first. */
export function rollbackTargets(control: Pick<Control, 'state' | 'versions'>): string[] {
  if (control.state.kind !== 'route') return [];
  const { active, knownGood } = control.state;
  const versions = control.versions ?? [];
  const good = knownGood.filter((v) => v !== active && versions.includes(v));
  return [...good, ...[...versions].reverse().filter((v) => v !== active && !good.includes(v))];
}
