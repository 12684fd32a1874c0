import type { ControlStateValue } from '@firebreak/core';
import { describe, expect, it } from 'vitest';
import { stateTone } from './control-tone';

describe('state tones', () => {
  it.each<[ControlStateValue, string]>([
    [{ kind: 'kill_switch', enabled: false }, 'bad'],
    [{ kind: 'kill_switch', enabled: true }, 'ok'],
    [{ kind: 'route', active: 'v6', canary: { version: 'v7', percent: 5, stickyBy: 'user' }, knownGood: [] }, 'warn'],
    [{ kind: 'human_review', share: 0, when: [] }, 'plain'],
    [{ kind: 'output_filter', level: 'off' }, 'warn'],
  ])('%j reads %s', (state, tone) => {
    expect(stateTone(state)).toBe(tone);
  });
});
