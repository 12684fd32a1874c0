/**
 * An action's replay verification (ADR 25) on the throughput workload (bench/workload.ts: 50
 * monitors, one event every 100 ms): the incident's telemetry read back from the store's log and
 * judged by today's monitors, against the engine alone on the same events in memory, in the same
 * run. The ratio is what reading and decoding the log costs on top of detection; the events per
 * second say how long a verification of the largest replay (300,000 events) keeps a request.
 *
 * Run: npx tsx bench/replay-verification.ts [--events 100000] [--store pglite|postgres]
 * Prints one JSON object.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { type Incident, resolveAlertBudget, SystemCard, TelemetryEvent } from '@firebreak/contract';
import {
  type AlertEvent,
  closeAll,
  configure,
  createEngine,
  type EngineOptions,
  ingest,
  monitorsOf,
} from '@firebreak/detection';
import { appendTelemetry, insertSystem, openStore, replayIncident } from '@firebreak/server';
import { freshDatabase } from './postgres';
import { benchEvents, benchMonitors } from './workload';

const { values } = parseArgs({
  options: { events: { type: 'string', default: '100000' }, store: { type: 'string', default: 'pglite' } },
});
const total = Number(values.events);
const events = benchEvents(total).map((event) => TelemetryEvent.parse(event));
const card = SystemCard.parse(benchMonitors());
const first = Date.parse(events[0]!.ts);
const last = Date.parse(events.at(-1)!.ts);

const database = values.store === 'postgres' ? await freshDatabase({ prefix: 'firebreak_replay' }) : undefined;
const store = await openStore(database ? { databaseUrl: database.url } : {});
try {
  const at = new Date(last);
  await insertSystem(store.db, {
    id: card.id,
    name: card.name,
    owner: card.owner,
    riskTier: card.riskTier,
    card,
    revision: 1,
    createdAt: at,
    updatedAt: at,
    updatedBy: 'bench',
  });
  for (let from = 0; from < total; from += 5000)
    await store.db.transaction((tx) => appendTelemetry(tx, events.slice(from, from + 5000), new Date(last)));

  // The baseline: the engine alone, the same monitors, the same events, already in memory.
  const baseline = () => {
    const engine = createEngine([]);
    configure(engine, card.id, monitorsOf(card));
    const budget = resolveAlertBudget(card.alertBudget);
    const options: EngineOptions = { defaultOwner: card.owner, budgetOf: () => budget };
    const alerts: AlertEvent[] = [];
    for (let from = 0; from < total; from += 1000)
      alerts.push(...ingest(engine, events.slice(from, from + 1000), options));
    closeAll(engine, options, alerts);
    // Counted as the verification counts them: alerts opened or escalated, warnings and pages.
    return alerts.filter((alert) => alert.transition !== 'resolved' && alert.level !== 'ok').length;
  };
  // The verification: onset at the end, looking back over every event.
  const onset = new Date(last).toISOString();
  const incident = {
    id: 'INC-1',
    systems: [card.id],
    declaredAt: onset,
    metrics: { onsetAt: onset, detectedAt: onset },
  } as unknown as Incident;
  const lookback = `${Math.ceil((last - first) / 60_000) + 1}m`;
  const replay = () =>
    replayIncident(store.db, incident, { kind: 'replay', system: card.id, within: '5m', level: 'warn', lookback });
  // Alternated three times each, so warm-up and the machine's noise fall on both; medians reported.
  const baselineRuns: number[] = [];
  const replayRuns: number[] = [];
  let baselineAlerts = 0;
  let outcome: Awaited<ReturnType<typeof replay>> | undefined;
  for (let round = 0; round < 3; round++) {
    let start = performance.now();
    baselineAlerts = baseline();
    baselineRuns.push((performance.now() - start) / 1000);
    start = performance.now();
    outcome = await replay();
    replayRuns.push((performance.now() - start) / 1000);
  }
  const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[1]!;
  const seconds = median(replayRuns);
  const baselineSeconds = median(baselineRuns);
  console.log(
    JSON.stringify(
      {
        bench: 'replay-verification',
        store: store.kind,
        events: total,
        replayed: outcome?.details.events,
        alerts: outcome?.details.alerts,
        sameAlertsAsBaseline: outcome?.details.alerts === baselineAlerts,
        seconds: Number(seconds.toFixed(2)),
        eventsPerSecond: Math.round(total / seconds),
        baseline: {
          what: 'engine alone, events in memory',
          seconds: Number(baselineSeconds.toFixed(2)),
          alerts: baselineAlerts,
        },
        ratioToBaseline: Number((seconds / baselineSeconds).toFixed(2)),
        secondsFor300k: Number(((seconds / total) * 300_000).toFixed(1)),
      },
      null,
      2,
    ),
  );
} finally {
  await store.close();
  await database?.drop();
}
