import { createHash } from 'node:crypto';
import type { TelemetryEvent } from '@firebreak/contract';
import { deriveResponseMetrics, invalid, type Scenario } from '@firebreak/core';
import type { Tx } from '../db/connect';
import { getBlob, putBlob } from '../incidents/records-store';
import { findCitedIncident } from '../incidents/store';
import { telemetryAround } from '../telemetry/store';
import { readTimeline } from '../timeline/store';

const MINUTE = 60_000;
/** How much recording before the onset the drill shows live (the rest is the monitors' warm-up). */
const LEAD_MS = 10 * MINUTE;
/** The most warm-up a replay takes from the recording. */
const WARMUP_MS = 2 * 24 * 60 * MINUTE;
/** How long after the onset the replay runs at most. */
const AFTER_MS = 90 * MINUTE;
/** The most recorded events a replay keeps. */
export const MAX_REPLAY_DRILL_EVENTS = 200_000;

export interface Recording {
  sha256: string;
  recordedStartMs: number;
  events: number;
}

/**
 * A past incident as a drill: its recorded telemetry becomes the failure, replayed on the drill
 * clock from ten minutes before its onset (the two days before that are the monitors' warm-up),
 * and the targets are the defaults for its type and severity as finally classified.
 */
export async function scenarioFromIncident(
  tx: Tx,
  incidentId: string,
  at: Date,
): Promise<{ scenario: Scenario; recording: Recording }> {
  const incident = await findCitedIncident(tx, incidentId, 'replayOf');
  if (incident.exerciseId) throw invalid('replayOf', `${incidentId} is itself a drill's incident`);
  const timeline = await readTimeline(tx, incidentId);
  const metrics = deriveResponseMetrics(timeline);
  const onsetIso = metrics.onsetAt ?? metrics.detectedAt ?? incident.declaredAt.toISOString();
  const onset = Date.parse(onsetIso);
  const system = incident.systems[0];
  if (!system) throw invalid('replayOf', `${incidentId} names no system`);
  const recordedStartMs = onset - LEAD_MS;
  const events = await telemetryAround(
    tx,
    system,
    new Date(recordedStartMs - WARMUP_MS),
    new Date(onset + AFTER_MS),
    MAX_REPLAY_DRILL_EVENTS,
  );
  const live = events.filter((event) => Date.parse(event.ts) >= recordedStartMs);
  if (live.length === 0)
    throw invalid(
      'replayOf',
      `no recorded telemetry of ${system} around ${incidentId}'s onset (${onsetIso}); a replay needs the telemetry log to still hold it`,
    );
  const first = Date.parse(events[0]!.ts);
  const last = Date.parse(events.at(-1)!.ts);
  const minutes = (ms: number) => `${Math.max(1, Math.ceil(ms / MINUTE))}m`;
  const content = new TextEncoder().encode(JSON.stringify(events));
  const sha256 = createHash('sha256').update(content).digest('hex');
  await putBlob(tx, sha256, content, at);
  const durationMs = Math.max(last - recordedStartMs + MINUTE, LEAD_MS + MINUTE);
  const scenario: Scenario = {
    id: `replay-${incidentId.toLowerCase()}`,
    title: `Replay of ${incidentId}: ${incident.title}`,
    summary: `${incidentId} as it happened: its recorded telemetry, through today's monitors.`,
    kind: incident.type as Scenario['kind'],
    system,
    background:
      `${incident.summary ?? incident.title}\n\nThis drill replays the telemetry ${system} sent around ${incidentId} ` +
      `(${live.length} events from ten minutes before its onset). Respond as if it were happening now.`,
    roles: ['incident_commander', 'tech_lead', 'comms_lead'],
    objectives: [
      `Detect the failure from today's monitors and declare it`,
      `Classify it as ${incident.type} at ${incident.severity}`,
      'Contain it with a control of the exercise space',
      'Keep stakeholders updated',
    ],
    constraints: [],
    injects: [],
    expected: {
      declare: { within: '10m' },
      classify: { type: incident.type as Scenario['kind'], severity: incident.severity as 'SEV1', within: '20m' },
      contain: {
        within: '45m',
        controls: ['kill_switch', 'route', 'throttle', 'human_review', 'output_filter', 'preset'],
      },
      statusUpdate: { within: '30m' },
      evidence: { min: 1 },
      decisions: { min: 1 },
    },
    telemetry: {
      rate: Math.max(0.1, Math.round((live.length / Math.max(1, durationMs / MINUTE)) * 10) / 10),
      warmup: minutes(Math.max(0, recordedStartMs - first)),
      onset: minutes(LEAD_MS),
      duration: minutes(durationMs),
      // A replay's events are its recording; the generator's description is kept for the record only.
      baseline: { kind: 'generation', latency: { median: 500, sigma: 0.5 } },
      failure: { shape: 'abrupt', changes: {} },
    },
  };
  return { scenario, recording: { sha256, recordedStartMs, events: events.length } };
}

const recordings = new Map<string, TelemetryEvent[]>();

/** A replay's recorded events, read from its blob once per process. */
export async function recordingOf(tx: Tx, recording: Recording): Promise<TelemetryEvent[]> {
  const cached = recordings.get(recording.sha256);
  if (cached) return cached;
  const content = await getBlob(tx, recording.sha256);
  const events = content ? (JSON.parse(new TextDecoder().decode(content)) as TelemetryEvent[]) : [];
  recordings.set(recording.sha256, events);
  return events;
}
