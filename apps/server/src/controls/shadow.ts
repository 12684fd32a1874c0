import { DEFAULT_CANARY_SIGNALS, MAX_CANARY_SEGMENT_VALUES } from '@firebreak/contract';
import type { ControlStateValue, ShadowSplit } from '@firebreak/core';
import { canary } from '@firebreak/detection';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { cardOf } from '../systems/store';
import { zeroToleranceOf } from '../systems/zero-tolerance';
import { latestTelemetrySeq } from '../telemetry/store';
import { insertShadowRun, runningShadow, updateShadowRun } from './shadow-store';
import type { ControlRow } from './store';

/** The chance of stopping a shadow that is no worse than the active version, as a canary's (docs/canary-analysis.md). */
export const SHADOW_ALPHA = 1e-4;

/** What a shadow run compares: the route's active version and its shadow; another of either is another run. */
const runOf = (state: ControlStateValue): { baseline: string; shadow: ShadowSplit } | undefined =>
  state.kind === 'route' && state.shadow ? { baseline: state.active, shadow: state.shadow } : undefined;

const sameRun = (a: ReturnType<typeof runOf>, b: ReturnType<typeof runOf>) =>
  a !== undefined &&
  b !== undefined &&
  a.baseline === b.baseline &&
  a.shadow.version === b.shadow.version &&
  a.shadow.percent === b.shadow.percent &&
  a.shadow.stickyBy === b.shadow.stickyBy &&
  a.shadow.segmentBy === b.shadow.segmentBy;

/**
 * Keeps a route's shadow run in step with a change of the route, inside the change's
 * transaction: a change that ends or alters the shadow (or moves the active version it is
 * compared with) ends the run in progress, and one that sets a shadow starts a run counting the
 * telemetry accepted from now on. Whoever changed the route, by whatever path.
 */
export async function syncShadowRun(
  ctx: Ctx,
  tx: Tx,
  row: ControlRow,
  next: ControlStateValue,
  change: { reason: string | null; incidentId: string | null },
): Promise<void> {
  if (row.definition.kind !== 'route') return;
  const before = runOf(row.state);
  const after = runOf(next);
  if (sameRun(before, after) || (before === undefined && after === undefined)) return;
  const at = ctx.now();
  const running = await runningShadow(tx, row.key, true);
  if (running)
    await updateShadowRun(tx, running.id, {
      state: 'stopped',
      endedAt: at,
      endedBy: ctx.actor.name,
      endReason: change.reason ?? 'the route changed',
      steps: running.steps.map((s) => (s.endedAt ? s : { ...s, endedAt: at.toISOString() })),
    });
  if (!after) return;
  const signals = [...DEFAULT_CANARY_SIGNALS];
  // Judged as a canary of the route would be by default: zero tolerance where the card's monitors
  // say so, and the card's canary settings per signal.
  const card = await cardOf(tx, row.system);
  const zeroTolerance = zeroToleranceOf(card);
  const signalSettings = Object.fromEntries(
    signals.map((signal) => [
      signal,
      canary.resolveSignalSettings(signal, {
        ...(zeroTolerance.has(signal) ? { zeroTolerance: true } : {}),
        ...card?.canary?.signalSettings?.[signal],
      }),
    ]),
  );
  const segmentBy = after.shadow.segmentBy ?? null;
  const empty = () => ({ events: 0, flagged: {}, segments: {} });
  await insertShadowRun(tx, {
    key: row.key,
    system: row.system,
    target: row.definition.target,
    baseline: after.baseline,
    candidate: after.shadow.version,
    percent: after.shadow.percent,
    stickyBy: after.shadow.stickyBy,
    state: 'running',
    signals,
    signalSettings,
    segmentBy,
    alpha: SHADOW_ALPHA,
    tests: signals.length * (1 + (segmentBy ? MAX_CANARY_SEGMENT_VALUES : 0)),
    steps: [
      {
        step: 0,
        percent: after.shadow.percent,
        startedAt: at.toISOString(),
        endedAt: null,
        baseline: empty(),
        candidate: empty(),
        decision: null,
      },
    ],
    // Counts start with the telemetry accepted after this change.
    telemetrySeq: await latestTelemetrySeq(tx),
    reason: change.reason,
    incidentId: change.incidentId,
    startedAt: at,
    startedBy: ctx.actor.name,
    endedAt: null,
    endedBy: null,
    endReason: null,
  });
}
