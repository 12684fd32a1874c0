import type { Control } from '@firebreak/contract';
import { FILTER_LEVELS, type FilterLevel, isDuration, type ReviewRule } from '@firebreak/core';
import { type ActionType, type ControlAction, rollbackTargets } from './control-actions';

/** What the fields of a control dialog hold, as typed; `actionFromDraft` reads it. */
export interface ActionDraft {
  /** Rollback target ('' = last known-good), active version, or canary version. */
  version: string;
  percent: string;
  stickyBy: string;
  rate: string;
  per: string;
  by: string;
  /** Review share as a percentage. */
  share: string;
  when: ReviewRule[];
  level: FilterLevel;
  /** A paused queue's hint to workers ('' = none). */
  retryAfter: string;
  /** What a cache flush covers ('' = everything). */
  scope: string;
}

const ATTRIBUTE = /^[\w.-]{1,64}$/;

/** The fields a dialog opens with: the control's current values where it has them, else sensible ones. */
export function initialDraft(control: Pick<Control, 'state' | 'versions'>, type: ActionType): ActionDraft {
  const state = control.state;
  const draft: ActionDraft = {
    version: '',
    percent: '5',
    stickyBy: 'user',
    rate: '100',
    per: '1m',
    by: 'user',
    share: '0',
    when: [],
    level: 'strict',
    retryAfter: state.kind === 'queue' ? (state.retryAfter ?? '') : '',
    scope: '',
  };
  if (state.kind === 'route') {
    const newest = [...(control.versions ?? [])].reverse().find((v) => v !== state.active) ?? '';
    if (type === 'set-active') draft.version = rollbackTargets(control)[0] ?? newest;
    if (type === 'canary') {
      draft.version = state.canary?.version ?? newest;
      draft.percent = String(state.canary?.percent ?? 5);
      draft.stickyBy = state.canary?.stickyBy ?? 'user';
    }
  }
  if (state.kind === 'throttle' && state.limit) {
    draft.rate = String(state.limit.rate);
    draft.per = state.limit.per;
    draft.by = state.limit.by ?? '';
  }
  if (state.kind === 'human_review') {
    draft.share = String(Math.round(state.share * 1000) / 10);
    draft.when = state.when;
  }
  if (state.kind === 'output_filter')
    draft.level = state.level === 'strict' ? 'standard' : FILTER_LEVELS[FILTER_LEVELS.indexOf(state.level) + 1]!;
  return draft;
}

export type DraftResult =
  | { ok: true; action: ControlAction }
  | { ok: false; field: keyof ActionDraft; problem: string };

function numberIn(text: string, min: number, max: number): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}

/**
 * The action the fields describe, or the first field that does not make sense yet.
 *
 * @example
 * actionFromDraft('canary', { ...draft, version: 'v7', percent: '5', stickyBy: 'user' }); // { ok: true, action: { type: 'canary', version: 'v7', percent: 5, stickyBy: 'user' } }
 */
export function actionFromDraft(type: ActionType, draft: ActionDraft): DraftResult {
  switch (type) {
    case 'kill':
    case 'enable':
    case 'end-canary':
    case 'lift-throttle':
      return { ok: true, action: { type } };
    case 'rollback':
      return { ok: true, action: { type, to: draft.version || undefined } };
    case 'set-active':
      return draft.version
        ? { ok: true, action: { type, version: draft.version } }
        : { ok: false, field: 'version', problem: 'choose a version' };
    case 'canary': {
      const percent = numberIn(draft.percent, 0, 100);
      if (!draft.version) return { ok: false, field: 'version', problem: 'choose a version' };
      if (percent === undefined) return { ok: false, field: 'percent', problem: 'a percentage from 0 to 100' };
      if (!ATTRIBUTE.test(draft.stickyBy.trim()))
        return { ok: false, field: 'stickyBy', problem: 'an attribute name such as user or tenant' };
      return { ok: true, action: { type, version: draft.version, percent, stickyBy: draft.stickyBy.trim() } };
    }
    case 'throttle': {
      const rate = numberIn(draft.rate, 0, 1_000_000_000);
      if (rate === undefined || !Number.isInteger(rate))
        return { ok: false, field: 'rate', problem: 'a whole number of calls, 0 or more' };
      if (!isDuration(draft.per.trim()) || /^0+\D/.test(draft.per.trim()))
        return { ok: false, field: 'per', problem: 'a duration such as 1s, 1m or 1h' };
      const by = draft.by.trim();
      if (by && !ATTRIBUTE.test(by))
        return { ok: false, field: 'by', problem: 'an attribute name such as user or tenant, or nothing' };
      return { ok: true, action: { type, rate, per: draft.per.trim(), by: by || undefined } };
    }
    case 'review': {
      const share = numberIn(draft.share, 0, 100);
      if (share === undefined) return { ok: false, field: 'share', problem: 'a percentage from 0 to 100' };
      return { ok: true, action: { type, share: Math.round(share * 10) / 1000, when: draft.when } };
    }
    case 'filter':
      return { ok: true, action: { type, level: draft.level } };
    case 'resume':
      return { ok: true, action: { type } };
    case 'pause': {
      const retryAfter = draft.retryAfter.trim();
      if (retryAfter && (!isDuration(retryAfter) || /^0+\D/.test(retryAfter)))
        return { ok: false, field: 'retryAfter', problem: 'a duration such as 30s or 5m, or nothing' };
      return { ok: true, action: { type, retryAfter: retryAfter || undefined } };
    }
    case 'flush': {
      const scope = draft.scope.trim();
      if (scope && !/^[\w.:/*-]{1,200}$/.test(scope))
        return { ok: false, field: 'scope', problem: 'a scope such as tenant:acme or answers/, or nothing' };
      return { ok: true, action: { type, scope: scope || undefined } };
    }
  }
}
