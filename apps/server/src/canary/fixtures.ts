import pino from 'pino';
import { type Ctx, systemCtx } from '../context';
import { copilotCard } from '../controls/fixtures';
import { type Harness, harness } from '../test/harness';
import type { StoreTarget } from '../test/stores';
import { CANARY_ACTOR } from './runner';

/** The controls card with a model route on m-12 and a newer m-13 to canary. */
export const canaryCard = {
  ...copilotCard,
  controls: copilotCard.controls.map((control) =>
    control.id === 'model' ? { ...control, versions: ['m-10', 'm-11', 'm-12', 'm-13'], active: 'm-12' } : control,
  ),
};

export const MODEL = 'support-copilot.model';

/** The runner's context on the harness' store and clock. */
export function canaryCtx(h: Harness): Ctx {
  return systemCtx({
    db: h.store.db,
    log: pino({ level: 'silent' }),
    events: h.events,
    now: h.now,
    actor: CANARY_ACTOR,
    requestId: 'canary-test',
  });
}

/** Flag rates per signal for one version, e.g. `{ hallucination_suspected: 0.1 }`. */
export type Rates = Record<string, number>;

/**
 * `total` events of support-copilot split between m-12 and m-13 at the candidate's `percent`,
 * with exactly the given share of each version's events flagged (every k-th), so the counts are
 * known in advance.
 */
export function traffic(
  h: Harness,
  options: { total: number; percent: number; baseline: Rates; candidate: Rates; segment?: string },
) {
  const candidateEvents = Math.round((options.total * options.percent) / 100);
  const events: Record<string, unknown>[] = [];
  const version = (model: string, n: number, rates: Rates) => {
    const flaggedBy = Object.entries(rates).map(([signal, rate]) => [signal, Math.round(n * rate)] as const);
    for (let i = 0; i < n; i += 1) {
      const flags: Record<string, boolean> = {};
      let error = false;
      for (const [signal, count] of flaggedBy) {
        if (i >= count) continue;
        if (signal === 'error') error = true;
        else flags[signal] = true;
      }
      events.push({
        system: 'support-copilot',
        ts: h.now().toISOString(),
        kind: 'generation',
        model,
        ...(Object.keys(flags).length > 0 ? { flags } : {}),
        ...(error ? { error } : {}),
        ...(options.segment ? { segment: { language: options.segment } } : {}),
      });
    }
  };
  version('m-12', options.total - candidateEvents, options.baseline);
  version('m-13', candidateEvents, options.candidate);
  return events;
}

/** Sends events through the ingest route, in batches the route accepts. */
export async function send(h: Harness, events: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < events.length; i += 5000) {
    const sent = await h.call('POST', '/api/v1/telemetry', { body: events.slice(i, i + 5000) });
    if (sent.status !== 202) throw new Error(`telemetry refused: ${sent.status} ${JSON.stringify(sent.body)}`);
  }
}

/** A harness on `target` with the canary card (or `card`) applied, and `directory` when given. */
export async function canaryHarness(
  target: StoreTarget,
  directory?: Record<string, unknown>,
  card: Record<string, unknown> = canaryCard,
): Promise<Harness> {
  const h = await harness(target);
  const applied = await h.call('POST', '/api/v1/systems/apply', {
    token: h.tokens.admin,
    body: { systems: [card], ...(directory ? { directory } : {}) },
  });
  if (applied.status !== 200) throw new Error(`applying the canary card failed: ${JSON.stringify(applied.body)}`);
  return h;
}
