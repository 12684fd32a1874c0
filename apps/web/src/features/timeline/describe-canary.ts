import type { CanarySeriesEvidence } from '@firebreak/contract';
import { seriesName } from '@firebreak/core';

type Payload = Record<string, unknown>;
/** As describe-entry's EntryText (not imported: describe-entry imports this file). */
interface EntryText {
  title: string;
  detail?: string;
}

const str = (p: Payload, key: string): string => (typeof p[key] === 'string' ? (p[key] as string) : '?');
const pct = (rate: number | null | undefined) => (typeof rate === 'number' ? `${(rate * 100).toFixed(2)}%` : '—');
const reasonOf = (p: Payload) => (typeof p.reason === 'string' && p.reason !== '' ? p.reason : undefined);

/** `hallucination_suspected: 10.00% on the candidate vs 5.00% (×2.00)`. */
function seriesText(s: Partial<CanarySeriesEvidence>): string {
  const ratio = typeof s.ratio === 'number' ? ` (×${s.ratio.toFixed(2)})` : '';
  return `${seriesName(s)}: ${pct(s.candidateRate)} on the candidate vs ${pct(s.baselineRate)}${ratio}`;
}

function withDetail(title: string, detail: string | undefined): EntryText {
  return detail === undefined ? { title } : { title, detail };
}

/** What a canary's timeline entry says in the war room; undefined for other kinds. */
export function describeCanary(kind: string, p: Payload): EntryText | undefined {
  const run = `Canary ${str(p, 'run')} of ${str(p, 'candidate')} on ${str(p, 'key')}`;
  switch (kind) {
    case 'canary_started': {
      const plan = Array.isArray(p.plan) ? p.plan.map((x) => `${x}%`).join(' → ') : '?';
      return withDetail(
        `${run} started at ${String(p.percent)}%`,
        [`plan ${plan}`, reasonOf(p)].filter(Boolean).join(' · '),
      );
    }
    case 'canary_advanced': {
      const reasons =
        (p.reasons as Array<{ signal?: string; segment?: Record<string, string>; decision?: string }>) ?? [];
      const signals = reasons.filter((r) => r.signal !== undefined).map((r) => `${seriesName(r)} ${r.decision ?? '?'}`);
      return withDetail(`${run}: ${String(p.from)}% → ${String(p.to)}%`, signals.join(' · ') || undefined);
    }
    case 'canary_completed':
      return withDetail(`${run} completed: ${str(p, 'candidate')} is now active`, reasonOf(p));
    case 'canary_aborted': {
      const series = ((p.evidence as { series?: Partial<CanarySeriesEvidence>[] } | undefined)?.series ?? []).filter(
        (s) => s.decision === 'abort',
      );
      return withDetail(
        `${run} aborted at ${String(p.percent)}%: back to ${str(p, 'baseline')}`,
        series.map(seriesText).join(' · ') || reasonOf(p),
      );
    }
    case 'shadow_regressed': {
      const series = ((p.evidence as { series?: Partial<CanarySeriesEvidence>[] } | undefined)?.series ?? []).filter(
        (s) => s.decision === 'abort',
      );
      return withDetail(
        `Shadow ${str(p, 'run')} of ${str(p, 'candidate')} on ${str(p, 'key')} regressed and was stopped (users never saw it)`,
        series.map(seriesText).join(' · ') || reasonOf(p),
      );
    }
    case 'canary_cancelled':
      return withDetail(`${run} cancelled at ${String(p.percent)}%`, reasonOf(p));
    case 'canary_held': {
      const series = Array.isArray(p.series) ? p.series.map(String).join(', ') : '?';
      return withDetail(
        `${run} is held at ${String(p.percent)}% past its segment gate by ${series}`,
        'Wait for it to pass, or have a person accept the residual risk (firebreak canary accept-risk)',
      );
    }
    case 'canary_risk_accepted': {
      const series = Array.isArray(p.series) ? p.series.map(String).join(', ') : '?';
      return withDetail(`${run}: residual risk accepted at ${String(p.percent)}% for ${series}`, reasonOf(p));
    }
    default:
      return undefined;
  }
}
