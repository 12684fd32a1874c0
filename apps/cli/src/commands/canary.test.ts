import { describe, expect, it } from 'vitest';
import { harmRatioOption, planOption, seriesList } from './canary';

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
    // Number() reads these; a percent is written in plain decimals.
    expect(() => planOption('1,0x10,100')).toThrow('step 2 ("0x10"): "0x10" is not a percent');
    expect(() => planOption('1e1,100')).toThrow('step 1 ("1e1"): "1e1" is not a percent');
  });
});

describe('--harm-ratio', () => {
  it('reads a ratio per signal', () => {
    expect(harmRatioOption('hallucination_suspected=1.5, refusal=3')).toEqual({
      hallucination_suspected: 1.5,
      refusal: 3,
    });
  });

  it('names the part it cannot read', () => {
    expect(() => harmRatioOption('refusal')).toThrow('"refusal": expected <signal>=<ratio>');
    expect(() => harmRatioOption('refusal=1.5,=2')).toThrow('"=2": expected <signal>=<ratio>');
    expect(() => harmRatioOption('refusal=double')).toThrow('"refusal=double": expected');
  });
});

describe('--series', () => {
  it('splits series names outside their braces', () => {
    expect(seriesList('pii{tenant=a,region=eu}, secret{tenant=b}')).toEqual([
      'pii{tenant=a,region=eu}',
      'secret{tenant=b}',
    ]);
    expect(seriesList('pii{language=fr}')).toEqual(['pii{language=fr}']);
    expect(seriesList(' , ')).toEqual([]);
  });
});
