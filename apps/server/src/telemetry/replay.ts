import { resolveAlertBudget, type SystemCard, type TelemetryEvent } from '@firebreak/contract';
import {
  type AlertEvent,
  closeAll,
  configure,
  createEngine,
  type EngineOptions,
  ingest,
  monitorsOf,
} from '@firebreak/detection';

/**
 * Runs events (sorted by time) through a fresh engine holding the system's monitors as its card
 * has them today, on the events' own clock, as `firebreak detect` does, and returns every alert
 * event it raised (opened, escalated, resolved), closing what is still open at the end. Other
 * requests are served between batches, so a long replay never holds the event loop.
 */
export async function replayThroughMonitors(
  system: string,
  card: SystemCard,
  events: readonly TelemetryEvent[],
): Promise<AlertEvent[]> {
  const engine = createEngine([]);
  configure(engine, system, monitorsOf(card));
  const budget = resolveAlertBudget(card.alertBudget);
  const options: EngineOptions = { defaultOwner: card.owner, ownerOf: () => card.owner, budgetOf: () => budget };
  const alerts: AlertEvent[] = [];
  for (let start = 0; start < events.length; start += 1000) {
    alerts.push(...ingest(engine, events.slice(start, start + 1000), options));
    if (start % 10_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  closeAll(engine, options, alerts);
  return alerts;
}
