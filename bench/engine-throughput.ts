/**
 * The detection engine alone on the throughput workload (bench/workload.ts: 50 monitors, one
 * event every 100 ms): no HTTP, no database, no snapshots. It isolates the engine's per-event
 * path from everything `throughput.ts` also measures, and counts events per CPU second of this
 * process, which a shared machine moves far less than wall time. The alerts and the final state
 * are hashed, so two versions of the engine can be checked to decide exactly alike.
 *
 * Run: npx tsx bench/engine-throughput.ts [--events 200000] [--step 20000]
 * Prints one JSON object.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SystemCard } from '@firebreak/contract';
import {
  type AlertEvent,
  configure,
  createEngine,
  type EngineOptions,
  ingest,
  monitorsOf,
  type TelemetryEvent,
} from '@firebreak/detection';
import { benchEvents, benchMonitors } from './workload';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    // Events per call, as the server's runtime reads them per step.
    step: { type: 'string', default: '20000' },
  },
});
const total = Number(values.events);
const step = Number(values.step);

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

// Through JSON, as the runtime gets them from the log.
const events = JSON.parse(JSON.stringify(benchEvents(total))) as TelemetryEvent[];
const card = SystemCard.parse(benchMonitors());
const state = createEngine([]);
configure(state, card.id, monitorsOf(card));
const options: EngineOptions = { defaultOwner: card.owner };

const alerts: AlertEvent[] = [];
const cpu = process.cpuUsage();
const start = performance.now();
for (let from = 0; from < total; from += step) alerts.push(...ingest(state, events.slice(from, from + step), options));
const seconds = (performance.now() - start) / 1000;
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
const snapshot = JSON.stringify(state);

console.log(
  JSON.stringify(
    {
      bench: 'engine-throughput',
      events: total,
      monitors: card.monitors?.length ?? 0,
      series: Object.keys(state.series).length,
      engine_events_per_s: Math.round(total / seconds),
      engine_events_per_cpu_s: Math.round(total / cpuSeconds),
      alert_transitions: alerts.length,
      alerts_sha256: digest(alerts),
      state_sha256: digest(state),
      snapshot_bytes: snapshot.length,
      snapshot_bytes_per_monitor: Math.round(snapshot.length / (card.monitors?.length || 1)),
    },
    null,
    2,
  ),
);
