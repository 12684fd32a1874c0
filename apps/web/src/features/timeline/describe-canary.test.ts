import { describe, expect, it } from 'vitest';
import { describeEntry } from './describe-entry';

const run = { run: 'CAN-2', key: 'support-copilot.model', baseline: 'm-12', candidate: 'm-13', step: 1, percent: 5 };

describe('describeEntry for canaries', () => {
  it.each([
    [
      'canary_started',
      { ...run, step: 0, percent: 1, plan: [1, 5, 25, 100], reason: 'new model' },
      {
        title: 'Canary CAN-2 of m-13 on support-copilot.model started at 1%',
        detail: 'plan 1% → 5% → 25% → 100% · new model',
      },
    ],
    [
      'canary_advanced',
      { ...run, from: 1, to: 5, reasons: [{ kind: 'signal', signal: 'refusal', decision: 'continue' }] },
      { title: 'Canary CAN-2 of m-13 on support-copilot.model: 1% → 5%', detail: 'refusal continue' },
    ],
    [
      'canary_aborted',
      {
        ...run,
        reason: 'm-13 did more harm',
        evidence: {
          series: [
            { signal: 'hallucination_suspected', decision: 'abort', candidateRate: 0.1, baselineRate: 0.05, ratio: 2 },
            { signal: 'refusal', decision: 'continue', candidateRate: 0, baselineRate: 0, ratio: null },
          ],
        },
      },
      {
        title: 'Canary CAN-2 of m-13 on support-copilot.model aborted at 5%: back to m-12',
        detail: 'hallucination_suspected: 10.00% on the candidate vs 5.00% (×2.00)',
      },
    ],
    [
      'canary_completed',
      { ...run, step: 2, percent: 25, reason: 'm-13 passed every step' },
      {
        title: 'Canary CAN-2 of m-13 on support-copilot.model completed: m-13 is now active',
        detail: 'm-13 passed every step',
      },
    ],
    [
      'canary_cancelled',
      { ...run, reason: 'release pulled' },
      { title: 'Canary CAN-2 of m-13 on support-copilot.model cancelled at 5%', detail: 'release pulled' },
    ],
    [
      'canary_held',
      { ...run, percent: 10, series: ['pii{tenant=initech}'] },
      {
        title:
          'Canary CAN-2 of m-13 on support-copilot.model is held at 10% past its segment gate by pii{tenant=initech}',
        detail: 'Wait for it to pass, or have a person accept the residual risk (firebreak canary accept-risk)',
      },
    ],
    [
      'canary_risk_accepted',
      { ...run, percent: 10, series: ['pii{tenant=initech}'], reason: 'tenant reviewed the candidate offline' },
      {
        title: 'Canary CAN-2 of m-13 on support-copilot.model: residual risk accepted at 10% for pii{tenant=initech}',
        detail: 'tenant reviewed the candidate offline',
      },
    ],
  ] as const)('says what %s did, in words', (kind, payload, text) => {
    expect(describeEntry({ kind, payload })).toEqual(text);
  });
});
