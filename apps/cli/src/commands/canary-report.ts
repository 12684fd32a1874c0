import type { CanaryDecision, CanaryReason, CanaryRun, CanarySeriesEvidence } from '@firebreak/contract';
import { segmentGateText, seriesName, signalSettingsText } from '@firebreak/core';
import { fields, table } from '../output';
import { utcMinute } from '../time';

const pct = (n: number, of: number) => (of > 0 ? `${((100 * n) / of).toFixed(2)}% (${n}/${of})` : '— (0/0)');
const minutes = (ms: number) => `${Math.ceil(ms / 60_000)} min`;

/** `1% (smoke, at least 30 min)`, `10% (segments must pass, up to 720 min)`. */
function planStep(s: CanaryRun['plan'][number]): string {
  const notes: string[] = [];
  if (s.gate === 'no_abort') notes.push('smoke');
  if (s.minDurationMs > 0) notes.push(`at least ${minutes(s.minDurationMs)}`);
  if (s.minCandidateEvents > 0) notes.push(`${s.minCandidateEvents} candidate events`);
  if (s.gateSegments)
    notes.push(`segments must pass${s.segmentGateMaxMs === undefined ? '' : `, up to ${minutes(s.segmentGateMaxMs)}`}`);
  return notes.length > 0 ? `${s.percent}% (${notes.join(', ')})` : `${s.percent}%`;
}

/** A decision in words: what the runner did at a step, and why. */
export function decisionInWords(decision: CanaryDecision | null, gate: 'pass' | 'no_abort' | undefined): string {
  if (!decision) return 'not judged yet';
  const signals = decision.reasons.filter((r) => r.kind === 'signal');
  const aborted = signals.filter((r) => r.decision === 'abort').map(seriesName);
  switch (decision.action) {
    case 'abort':
      return `aborted: ${aborted.join(', ')} did more harm on the candidate`;
    case 'complete':
      return 'completed: every gating signal passed; the candidate is now active';
    case 'advance': {
      const lapsed = decision.reasons.find((r) => r.kind === 'segment_gate');
      const base =
        gate === 'no_abort'
          ? 'advanced: minimums met and no signal aborted'
          : 'advanced: minimums met and every gating signal passed';
      return lapsed ? `${base} (${segmentGateText(lapsed)})` : base;
    }
    case 'hold':
      return `holding: ${waitingFor(decision.reasons, gate).join('; ') || 'not decided yet'}`;
  }
}

function waitingFor(reasons: readonly CanaryReason[], gate: 'pass' | 'no_abort' | undefined): string[] {
  const out: string[] = [];
  for (const r of reasons) {
    if (r.kind === 'min_duration') out.push(`${minutes(r.remainingMs ?? 0)} more`);
    else if (r.kind === 'min_candidate_events') out.push(`${r.remaining} more candidate events`);
    else if (r.kind === 'approval_needed') out.push(r.message ?? 'a second person must approve');
    else if (r.kind === 'segment_gate') out.push(segmentGateText(r));
  }
  if (gate !== 'no_abort') {
    const open = reasons.filter((r) => r.kind === 'signal' && r.gates && r.decision === 'continue').map(seriesName);
    if (open.length > 0) out.push(`${open.join(', ')} not yet shown to pass`);
  }
  return out;
}

const VERDICTS: Record<string, string> = {
  harm_ratio: 'harm ratio reached',
  zero_tolerance: 'zero-tolerance flag on the candidate only',
  ratio_below: 'no worse than the baseline',
  below_floor: 'rate shown under the floor',
  insufficient_evidence: 'not enough evidence yet',
};

/** `abort (harm ratio reached; evidence 11.4, abort at 11.2, pass at -4.6)`; EVIDENCE is the log-likelihood ratio after each step. */
function verdict(s: CanarySeriesEvidence): string {
  const evidence =
    s.reason === 'zero_tolerance' && s.zeroToleranceLogLikelihoodRatio !== null
      ? `candidate-only evidence ${s.zeroToleranceLogLikelihoodRatio.toFixed(1)}`
      : `evidence ${s.logLikelihoodRatio.toFixed(1)}`;
  return `${s.decision} (${VERDICTS[s.reason] ?? s.reason}; ${evidence}, abort at ${s.abortAt.toFixed(1)}, pass at ${s.passAt.toFixed(1)})`;
}

/** A run for a person: what it is, each step with its decision in words, each signal's rates per step. */
export function describeCanaryRun(run: CanaryRun): string[] {
  const ended = run.endedAt ? ` by ${run.endedBy} at ${utcMinute(run.endedAt)}` : '';
  const lines = [
    `${run.id} ${run.key}: ${run.candidate} against ${run.baseline} — ${run.state.toUpperCase()}${ended}`,
    ...fields([
      ['started', `${utcMinute(run.startedAt)} by ${run.startedBy}: ${run.reason}`],
      ['incident', run.incidentId],
      ['ended', run.endReason],
      ['plan', run.plan.map(planStep).join(' → ')],
      [
        'signals',
        `${run.signals.map((s) => signalSettingsText(s, run.signalSettings[s])).join(', ')}${run.segmentBy ? ` (and by ${run.segmentBy})` : ''}`,
      ],
    ]),
    '',
    table(
      ['STEP', 'SHARE', 'STATE', 'STARTED', 'DECISION'],
      run.steps.map((s) => [
        s.step + 1,
        `${s.percent}%`,
        s.endedAt ? 'done' : 'current',
        utcMinute(s.startedAt),
        decisionInWords(s.decision, run.plan[s.step]?.gate),
      ]),
    ),
    ...run.steps.flatMap((s) =>
      (s.risksAccepted ?? []).map(
        (r) =>
          `step ${s.step + 1}: residual risk of ${r.series.join(', ')} accepted by ${r.by} at ${utcMinute(r.at)}: ${r.reason}`,
      ),
    ),
  ];
  const current = run.steps.at(-1)?.decision;
  const waiting = run.state === 'running' && current?.reasons.some((r) => (r.zeroTolerance ?? 0) > 0);
  if (waiting)
    lines.push(
      '',
      `To move on without waiting, a person accepts the residual risk: firebreak canary accept-risk ${run.key} --reason "…"`,
    );
  // Every signal overall; a segment only when it decided something.
  const shown = run.evidence.series.filter((s) => !s.segment || s.decision !== 'continue');
  const rows = shown.flatMap((s) =>
    s.steps.map((p, i) => [
      i === 0 ? seriesName(s) : '',
      `${p.step + 1} (${p.percent}%)`,
      pct(p.baselineFlagged, p.baselineEvents),
      pct(p.candidateFlagged, p.candidateEvents),
      p.logLikelihoodRatio.toFixed(1),
      i === s.steps.length - 1 ? verdict(s) : '',
    ]),
  );
  if (rows.length > 0) lines.push('', table(['SIGNAL', 'STEP', 'BASELINE', 'CANDIDATE', 'EVIDENCE', 'VERDICT'], rows));
  return lines;
}
