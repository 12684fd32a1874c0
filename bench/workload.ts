/**
 * A synthetic but realistic telemetry workload for benchmarks: a fraud-scoring system with
 * 50 monitors over every kind of signal, and a seeded event stream (one event every 100 ms of
 * event time) with a few failures injected part-way.
 */
import type { SystemCardInput, TelemetryEventInput } from '@firebreak/contract';
import { mulberry32 } from '@firebreak/detection';

const prng = mulberry32;

const FLAGS = ['pii', 'secret', 'policy_violation', 'refusal', 'injection_suspected', 'hallucination_suspected'];
const FEATURES = Array.from({ length: 14 }, (_, i) => `f${i}`);

export function benchMonitors(): SystemCardInput & { monitors: NonNullable<SystemCardInput['monitors']> } {
  const monitors: NonNullable<SystemCardInput['monitors']> = [
    ...FLAGS.map((flag) => ({ id: `flag-${flag}`, signal: `flag:${flag}` })),
    ...FLAGS.map((flag) => ({ id: `flag-${flag}-by-region`, signal: `flag:${flag}`, segmentBy: 'region' })),
    { id: 'negative-feedback', signal: 'feedback:negative', detector: 'rate' as const },
    {
      id: 'negative-feedback-by-language',
      signal: 'feedback:negative',
      detector: 'rate' as const,
      segmentBy: 'language',
    },
    { id: 'error-rate', signal: 'error_rate', detector: 'rate' as const },
    { id: 'error-rate-by-region', signal: 'error_rate', detector: 'rate' as const, segmentBy: 'region' },
    { id: 'confidence-drift', signal: 'confidence', detector: 'drift' as const },
    { id: 'confidence-shewhart', signal: 'confidence', detector: 'shewhart' as const },
    { id: 'confidence-ewma', signal: 'confidence', detector: 'ewma' as const },
    { id: 'confidence-cusum', signal: 'confidence', detector: 'cusum' as const },
    { id: 'confidence-drift-by-region', signal: 'confidence', detector: 'drift' as const, segmentBy: 'region' },
    { id: 'latency-ewma', signal: 'latency_ms', detector: 'ewma' as const },
    { id: 'latency-cusum', signal: 'latency_ms', detector: 'cusum' as const },
    { id: 'latency-shewhart', signal: 'latency_ms', detector: 'shewhart' as const },
    { id: 'latency-ewma-by-region', signal: 'latency_ms', detector: 'ewma' as const, segmentBy: 'region' },
    { id: 'latency-drift', signal: 'latency_ms', detector: 'drift' as const },
    { id: 'confidence-ewma-by-language', signal: 'confidence', detector: 'ewma' as const, segmentBy: 'language' },
    { id: 'amount-shewhart', signal: 'feature:amount', detector: 'drift' as const, segmentBy: 'region' },
    { id: 'output-mix-by-language', signal: 'prediction', detector: 'drift' as const, segmentBy: 'language' },
    { id: 'output-mix', signal: 'prediction', detector: 'drift' as const },
    { id: 'output-mix-by-region', signal: 'prediction', detector: 'drift' as const, segmentBy: 'region' },
    { id: 'approval-parity-region', signal: 'selection:region', detector: 'fairness' as const },
    { id: 'approval-parity-group', signal: 'selection:group', detector: 'fairness' as const },
    { id: 'approval-parity-language', signal: 'selection:language', detector: 'fairness' as const },
    { id: 'amount-drift', signal: 'feature:amount', detector: 'drift' as const },
    { id: 'merchant-drift', signal: 'feature:merchant', detector: 'drift' as const },
    ...FEATURES.map((feature) => ({
      id: `${feature}-drift`,
      signal: `feature:${feature}`,
      detector: 'drift' as const,
    })),
  ];
  return {
    id: 'fraud-bench',
    name: 'Fraud scoring (benchmark)',
    owner: 'risk-ml',
    model: { name: 'fraud-gbm', version: 'v12' },
    riskTier: 'high',
    monitors,
  };
}

const REGIONS = ['EU', 'US', 'UK', 'APAC'];
const LANGUAGES = ['en', 'de', 'fr', 'es'];
const MERCHANTS = ['grocery', 'travel', 'electronics', 'fuel', 'gaming'];

// PII and secrets never appear but once, late in the stream; the other harm flags have base rates.
function flagRaised(flag: string, i: number, count: number, random: () => number): boolean {
  if (flag === 'pii' || flag === 'secret') return i === Math.floor(count * 0.8);
  return random() < (flag === 'refusal' ? 0.02 : 0.001);
}

/** `count` events, one per 100 ms from 2026-11-24T00:00Z; after 60% the model degrades in the EU. */
export function benchEvents(count: number, seed = 7311): Array<TelemetryEventInput & { id: string }> {
  const random = prng(seed);
  const start = Date.UTC(2026, 10, 24);
  const events: Array<TelemetryEventInput & { id: string }> = [];
  for (let i = 0; i < count; i++) {
    const region = REGIONS[Math.floor(random() * REGIONS.length)]!;
    const degraded = i > count * 0.6 && region === 'EU';
    const confidence = Math.min(1, Math.max(0, (degraded ? 0.62 : 0.8) + (random() - 0.5) * 0.3));
    const features: Record<string, number | string> = {
      amount: Math.round(random() * 500 * 100) / 100,
      merchant: MERCHANTS[Math.floor(random() * MERCHANTS.length)]!,
    };
    for (const feature of FEATURES)
      features[feature] = Math.round((random() * 2 - 1 + (degraded ? 0.5 : 0)) * 1000) / 1000;
    const id = `e-${i}`;
    events.push({
      system: 'fraud-bench',
      ts: new Date(start + i * 100).toISOString(),
      id,
      model: 'fraud-v12',
      segment: {
        region,
        group: random() < 0.5 ? 'A' : 'B',
        language: LANGUAGES[Math.floor(random() * LANGUAGES.length)]!,
      },
      features,
      prediction: random() < (degraded ? 0.3 : 0.1) ? 'decline' : 'approve',
      confidence,
      flags: Object.fromEntries(FLAGS.map((flag) => [flag, flagRaised(flag, i, count, random)])),
      latency_ms: Math.round(120 + random() * 60 + (degraded ? 80 : 0)),
      feedback: random() < (degraded ? 0.08 : 0.03) ? -1 : 1,
    });
  }
  return events;
}
