import { describe, expect, it } from 'vitest';
import { summarizeEntry } from './summarize-entry';

const run = { run: 'CAN-2', key: 'support-copilot.model', baseline: 'm-12', candidate: 'm-13', step: 1, percent: 5 };

describe('timeline lines for canaries', () => {
  it.each([
    [
      'canary_started',
      { ...run, percent: 1, plan: [1, 5, 25, 100], reason: 'new model' },
      'canary CAN-2 of m-13 on support-copilot.model started at 1% against m-12 (plan 1% → 5% → 25% → 100%) — new model',
    ],
    [
      'canary_advanced',
      {
        ...run,
        from: 5,
        to: 25,
        reasons: [{ kind: 'signal', signal: 'refusal', decision: 'pass' }, { kind: 'min_duration' }],
      },
      'canary CAN-2 of m-13 on support-copilot.model: 5% → 25% (refusal pass)',
    ],
    [
      'canary_aborted',
      {
        ...run,
        evidence: {
          series: [
            {
              signal: 'hallucination_suspected',
              segment: { language: 'de' },
              decision: 'abort',
              candidateRate: 0.1,
              baselineRate: 0.05,
              ratio: 2,
              logLikelihoodRatio: 11.43,
              abortAt: 11.16,
            },
          ],
        },
      },
      'canary CAN-2 of m-13 on support-copilot.model aborted at 5%, route back to m-12: hallucination_suspected{language=de} 10.00% vs 5.00% (×2.00; evidence 11.4 of 11.2 to abort)',
    ],
    [
      'canary_completed',
      run,
      'canary CAN-2 of m-13 on support-copilot.model completed: m-13 is now active, m-12 retired from the route',
    ],
    [
      'canary_cancelled',
      { ...run, reason: 'pulled' },
      'canary CAN-2 of m-13 on support-copilot.model cancelled at 5% — pulled',
    ],
    [
      'canary_held',
      { ...run, percent: 10, series: ['pii{tenant=initech}'] },
      'canary CAN-2 of m-13 on support-copilot.model held at 10% past its segment gate by pii{tenant=initech}: wait, or accept the risk with firebreak canary accept-risk support-copilot.model',
    ],
    [
      'canary_risk_accepted',
      { ...run, percent: 10, series: ['pii{tenant=initech}'], reason: 'reviewed offline' },
      'canary CAN-2 of m-13 on support-copilot.model: residual risk accepted at 10% for pii{tenant=initech} — reviewed offline',
    ],
  ] as const)('says what %s did, not JSON', (kind, payload, line) => {
    expect(summarizeEntry({ kind, payload })).toBe(line);
  });
});
