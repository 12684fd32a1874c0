import { seriesName } from '@firebreak/core';

type Payload = Record<string, unknown>;

interface Series {
  signal?: string;
  segment?: Record<string, string>;
  decision?: string;
  logLikelihoodRatio?: number;
  abortAt?: number;
  baselineRate?: number | null;
  candidateRate?: number | null;
  ratio?: number | null;
}

const str = (p: Payload, key: string): string => (typeof p[key] === 'string' ? (p[key] as string) : '?');
const pct = (rate: number | null | undefined) => (typeof rate === 'number' ? `${(rate * 100).toFixed(2)}%` : '—');

/** `hallucination_suspected 10.00% vs 5.00% (×2.00; evidence 11.4 of 11.2 to abort)`. */
export function seriesLine(s: Series): string {
  const ratio = typeof s.ratio === 'number' ? `×${s.ratio.toFixed(2)}; ` : '';
  const llr = typeof s.logLikelihoodRatio === 'number' ? s.logLikelihoodRatio.toFixed(1) : '?';
  const limit = typeof s.abortAt === 'number' ? s.abortAt.toFixed(1) : '?';
  return `${seriesName(s)} ${pct(s.candidateRate)} vs ${pct(s.baselineRate)} (${ratio}evidence ${llr} of ${limit} to abort)`;
}

const because = (p: Payload) => (typeof p.reason === 'string' && p.reason ? ` — ${p.reason}` : '');

/** One line for a canary's timeline entry (started, advanced, completed, aborted, cancelled, risk accepted); undefined for other kinds. */
export function summarizeCanary(kind: string, p: Payload): string | undefined {
  const run = `canary ${str(p, 'run')} of ${str(p, 'candidate')} on ${str(p, 'key')}`;
  switch (kind) {
    case 'canary_started': {
      const plan = Array.isArray(p.plan) ? p.plan.map((x) => `${x}%`).join(' → ') : '?';
      return `${run} started at ${String(p.percent)}% against ${str(p, 'baseline')} (plan ${plan})${because(p)}`;
    }
    case 'canary_advanced': {
      const reasons = (p.reasons as Series[] | undefined) ?? [];
      const signals = reasons.filter((r) => r.signal !== undefined).map((r) => `${seriesName(r)} ${r.decision}`);
      return `${run}: ${String(p.from)}% → ${String(p.to)}%${signals.length > 0 ? ` (${signals.join(', ')})` : ''}`;
    }
    case 'canary_completed':
      return `${run} completed: ${str(p, 'candidate')} is now active, ${str(p, 'baseline')} retired from the route`;
    case 'canary_aborted': {
      const series = ((p.evidence as { series?: Series[] } | undefined)?.series ?? []).filter(
        (s) => s.decision === 'abort',
      );
      return `${run} aborted at ${String(p.percent)}%, route back to ${str(p, 'baseline')}: ${series.map(seriesLine).join('; ') || str(p, 'reason')}`;
    }
    case 'canary_cancelled':
      return `${run} cancelled at ${String(p.percent)}%${because(p)}`;
    case 'canary_held': {
      const series = Array.isArray(p.series) ? p.series.map(String).join(', ') : '?';
      return `${run} held at ${String(p.percent)}% past its segment gate by ${series}: wait, or accept the risk with firebreak canary accept-risk ${str(p, 'key')}`;
    }
    case 'canary_risk_accepted': {
      const series = Array.isArray(p.series) ? p.series.map(String).join(', ') : '?';
      return `${run}: residual risk accepted at ${String(p.percent)}% for ${series}${because(p)}`;
    }
    default:
      return undefined;
  }
}
