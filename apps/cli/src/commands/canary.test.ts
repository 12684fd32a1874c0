import { describe, expect, it } from 'vitest';
import { planOption } from './canary';

describe('--plan', () => {
  it('reads percents, each with an optional least duration, smoke gate and segment gate', () => {
    expect(planOption('1,5,25,100')).toEqual([{ percent: 1 }, { percent: 5 }, { percent: 25 }, { percent: 100 }]);
    expect(planOption('1:smoke:30m, 5:1h, 10:segments=12h, 25:segments, 100')).toEqual([
      { percent: 1, gate: 'no_abort', minDuration: '30m' },
      { percent: 5, minDuration: '1h' },
      { percent: 10, gateSegments: true, segmentGateMax: '12h' },
      { percent: 25, gateSegments: true },
      { percent: 100 },
    ]);
    expect(planOption('0.5,100')).toEqual([{ percent: 0.5 }, { percent: 100 }]);
  });

  it('names the step and what is wrong with it', () => {
    expect(() => planOption('1,,100')).toThrow('expected steps such as 1,5,25,100');
    expect(() => planOption('1,five,100')).toThrow('step 2 ("five"): "five" is not a percent');
    expect(() => planOption('1,5:soon,100')).toThrow('step 2 ("5:soon"): "soon" is neither a duration such as 30m');
    expect(() => planOption('1,10:segments=ever,100')).toThrow('step 2 ("10:segments=ever"): "ever" is neither');
  });
});
