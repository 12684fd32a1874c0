import { describe, expect, it } from 'vitest';
import { describeEntry, RESPONSE_KINDS } from './describe';

const run = { run: 'CAN-2', key: 'support-copilot.model', baseline: 'm-12', candidate: 'm-13', percent: 5 };

describe('canary entries in a postmortem', () => {
  it.each([
    [
      'canary_started',
      { ...run, percent: 1, reason: 'new model' },
      'dana started a canary of m-13 on 1% of support-copilot.model, against m-12: new model',
    ],
    ['canary_advanced', { ...run, from: 1, to: 5 }, 'The canary of m-13 on support-copilot.model moved from 1% to 5%'],
    [
      'canary_aborted',
      { ...run, reason: 'm-13 did more harm than m-12: hallucination_suspected' },
      'The canary of m-13 aborted at 5%, support-copilot.model back to m-12: m-13 did more harm than m-12: hallucination_suspected',
    ],
    ['canary_completed', run, 'The canary of m-13 completed: it is now the active version of support-copilot.model'],
    [
      'canary_cancelled',
      { ...run, reason: 'release pulled' },
      'dana cancelled the canary of m-13 on support-copilot.model at 5%: release pulled',
    ],
    [
      'canary_held',
      { ...run, percent: 10, series: ['pii{tenant=initech}'] },
      'The canary of m-13 on support-copilot.model was held at 10% past its segment gate by pii{tenant=initech}',
    ],
    [
      'canary_risk_accepted',
      { ...run, percent: 10, series: ['pii{tenant=initech}'], reason: 'reviewed offline' },
      'dana accepted the residual risk of the canary of m-13 on support-copilot.model at 10% (pii{tenant=initech}): reviewed offline',
    ],
  ] as const)('says what %s did in a sentence', (kind, payload, sentence) => {
    expect(describeEntry({ kind, payload, actor: 'dana' })).toBe(sentence);
  });

  it('keeps an abort in the response timeline, and a step up out of it', () => {
    expect(RESPONSE_KINDS.has('canary_aborted')).toBe(true);
    expect(RESPONSE_KINDS.has('canary_risk_accepted')).toBe(true);
    expect(RESPONSE_KINDS.has('canary_advanced')).toBe(false);
  });
});
