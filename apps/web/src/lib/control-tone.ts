import type { ControlStateValue } from '@firebreak/core';

export type Tone = 'ok' | 'bad' | 'warn' | 'info' | 'plain';

/**
 * How a state reads at a glance: a killed capability is bad news, a canary or a throttle is in
 * flux, review routing and strict filtering are containment at work, a paused queue holds work
 * back; a cache's generation is history, not a state to worry about.
 *
 * @example
 * stateTone({ kind: 'kill_switch', enabled: false }); // 'bad'
 */
export function stateTone(state: ControlStateValue): Tone {
  switch (state.kind) {
    case 'kill_switch':
      return state.enabled ? 'ok' : 'bad';
    case 'route':
      return state.canary ? 'warn' : 'plain';
    case 'throttle':
      return state.limit ? 'warn' : 'plain';
    case 'human_review':
      return state.share > 0 || state.when.length > 0 ? 'info' : 'plain';
    case 'output_filter':
      return state.level === 'off' ? 'warn' : state.level === 'strict' ? 'info' : 'plain';
    case 'queue':
      return state.paused ? 'bad' : 'ok';
    case 'cache':
      return 'plain';
  }
}
