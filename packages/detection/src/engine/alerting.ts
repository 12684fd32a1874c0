import type { Level } from '../detector';

/** Where one series' alert stands; part of the engine snapshot. */
export interface AlertState {
  firing: boolean;
  level: Level;
  /** Window end at which the current alert opened (ms). */
  since: number | null;
  /** Consecutive quiet windows while firing: the alert re-arms after `rearmWindows` of them. */
  quietStreak: number;
}

export type AlertTransition = 'opened' | 'escalated' | 'resolved';

export const INITIAL_ALERT: AlertState = { firing: false, level: 'ok', since: null, quietStreak: 0 };

/**
 * Deduplication with hysteresis: a series alerts once when it starts firing, again only if it
 * escalates from warn to page, and resolves (re-arms) only after `rearmWindows` quiet windows
 * in a row, so a signal hovering at its threshold does not flap.
 */
export function nextAlert(
  state: AlertState,
  level: Level,
  at: number,
  rearmWindows: number,
): { state: AlertState; transition?: AlertTransition } {
  if (level !== 'ok') {
    if (!state.firing) return { state: { firing: true, level, since: at, quietStreak: 0 }, transition: 'opened' };
    if (level === 'page' && state.level === 'warn')
      return { state: { ...state, level, quietStreak: 0 }, transition: 'escalated' };
    return { state: { ...state, quietStreak: 0 } };
  }
  if (!state.firing) return { state };
  const quietStreak = state.quietStreak + 1;
  if (quietStreak >= rearmWindows) return { state: { ...INITIAL_ALERT }, transition: 'resolved' };
  return { state: { ...state, quietStreak } };
}
