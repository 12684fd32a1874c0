import type { Action, VerificationInput, VerificationResult } from '@firebreak/contract';
import type { VerificationKind } from '@firebreak/core';
import type { ActionQuery } from '../../data/actions';

/** The tabs of the Actions page and what each asks the API for. */
export const ACTION_TABS = ['mine', 'overdue', 'system', 'open'] as const;
export type ActionTab = (typeof ACTION_TABS)[number];

export const TAB_LABELS: Record<ActionTab, string> = {
  mine: 'Mine',
  overdue: 'Overdue',
  system: 'By system',
  open: 'All open',
};

/**
 * The query of a tab: mine is the caller's open actions, overdue every overdue one, by system the
 * open actions on the chosen system, all open every open one.
 */
export function queryForTab(tab: ActionTab, system: string | undefined): ActionQuery {
  switch (tab) {
    case 'mine':
      return { owner: 'me', open: true };
    case 'overdue':
      return { overdue: true };
    case 'system':
      return system ? { system, open: true } : { open: true };
    case 'open':
      return { open: true };
  }
}

/** The fields of the verification editor, as typed: every kind's fields, strings throughout. */
export interface VerificationDraft {
  kind: VerificationKind | 'none';
  system: string;
  signal: string;
  monitor: string;
  within: string;
  level: 'warn' | 'page';
  evidence: string;
  lookback: string;
  control: string;
  enabled: '' | 'true' | 'false';
  active: string;
  filterLevel: '' | 'off' | 'standard' | 'strict';
  minShare: string;
  url: string;
  what: string;
}

export const EMPTY_VERIFICATION: VerificationDraft = {
  kind: 'none',
  system: '',
  signal: '',
  monitor: '',
  within: '10m',
  level: 'warn',
  evidence: '',
  lookback: '2d',
  control: '',
  enabled: '',
  active: '',
  filterLevel: '',
  minShare: '',
  url: '',
  what: '',
};

/** The editor's fields for a stored verification (to edit it). */
export function draftOf(verification: Action['verification']): VerificationDraft {
  if (!verification) return EMPTY_VERIFICATION;
  switch (verification.kind) {
    case 'monitor':
      return {
        ...EMPTY_VERIFICATION,
        kind: 'monitor',
        system: verification.system,
        signal: verification.signal ?? '',
        monitor: verification.monitor ?? '',
      };
    case 'replay':
      return {
        ...EMPTY_VERIFICATION,
        kind: 'replay',
        system: verification.system ?? '',
        within: verification.within,
        level: verification.level,
        monitor: verification.monitor ?? '',
        evidence: verification.evidence ?? '',
        lookback: verification.lookback,
      };
    case 'control':
      return {
        ...EMPTY_VERIFICATION,
        kind: 'control',
        control: verification.control,
        enabled: verification.enabled === undefined ? '' : verification.enabled ? 'true' : 'false',
        active: verification.active ?? '',
        filterLevel: verification.level ?? '',
        minShare: verification.minShare === undefined ? '' : String(verification.minShare),
      };
    case 'attestation':
      return { ...EMPTY_VERIFICATION, kind: 'attestation', url: verification.url, what: verification.what };
  }
}

/** Adds `key: value` when the typed value is not blank. */
function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const trimmed = value.trim();
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {};
}

/**
 * The verification to send for what the editor holds, or undefined for none. Only the chosen
 * kind's fields go; blanks are left out so the server's defaults apply and its messages name
 * the field.
 *
 * @example
 * toVerification({ ...EMPTY_VERIFICATION, kind: 'replay', within: '10m' });
 * // { kind: 'replay', within: '10m', level: 'warn', lookback: '2d' }
 */
export function toVerification(draft: VerificationDraft): VerificationInput | undefined {
  switch (draft.kind) {
    case 'none':
      return undefined;
    case 'monitor':
      return {
        kind: 'monitor',
        system: draft.system.trim(),
        ...optional('signal', draft.signal),
        ...optional('monitor', draft.monitor),
      };
    case 'replay':
      return {
        kind: 'replay',
        ...optional('system', draft.system),
        ...optional('within', draft.within),
        level: draft.level,
        ...optional('monitor', draft.monitor),
        ...optional('evidence', draft.evidence),
        ...optional('lookback', draft.lookback),
      };
    case 'control': {
      const share = draft.minShare.trim();
      return {
        kind: 'control',
        control: draft.control.trim(),
        ...(draft.enabled ? { enabled: draft.enabled === 'true' } : {}),
        ...optional('active', draft.active),
        ...(draft.filterLevel ? { level: draft.filterLevel } : {}),
        ...(share ? { minShare: Number(share) } : {}),
      };
    }
    case 'attestation':
      return { kind: 'attestation', url: draft.url.trim(), what: draft.what.trim() };
  }
}

/** One line saying what an action must pass. */
export function describeVerification(verification: Action['verification']): string {
  if (!verification) return 'none set';
  switch (verification.kind) {
    case 'monitor':
      return `monitor on ${verification.system}: ${verification.monitor ?? verification.signal ?? 'any'}`;
    case 'replay':
      return `replay: a ${verification.level} alert within ${verification.within} of onset${
        verification.monitor ? ` from ${verification.monitor}` : ''
      }`;
    case 'control':
      return `control ${verification.control}`;
    case 'attestation':
      return `attestation: ${verification.what}`;
  }
}

/** A verification result's verdict as the page writes it. */
export function verdict(
  result: Pick<VerificationResult, 'passed'> | null | undefined,
): 'PASSED' | 'FAILED' | 'not run' {
  if (!result) return 'not run';
  return result.passed ? 'PASSED' : 'FAILED';
}

/** `eventsReplayed` → `events replayed`. */
function detailLabel(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/;

function detailValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' && ISO.test(value)) return value.replace(ISO, '$1 $2 UTC');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null)) return value.join(', ');
  return JSON.stringify(value);
}

/**
 * The figures behind a verification result as label/value rows, in the order the server gave
 * them: events replayed, the first alert (one row per field of it), its delay…
 */
export function detailRows(details: Record<string, unknown>, prefix = ''): Array<[string, string]> {
  return Object.entries(details).flatMap(([key, value]): Array<[string, string]> => {
    const label = `${prefix}${detailLabel(key)}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return detailRows(value as Record<string, unknown>, `${label} `);
    return [[label, detailValue(value)]];
  });
}
