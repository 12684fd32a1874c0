import { type Incident, SIGNAL_PATTERN, type SystemCard, TelemetryEvent, type Verification } from '@firebreak/contract';
import { durationMs, invalid } from '@firebreak/core';
import { findControl } from '../controls/store';
import type { Tx } from '../db/connect';
import { findEvidence, getBlob } from '../incidents/records-store';
import { findSystem } from '../systems/store';
import { replayThroughMonitors } from '../telemetry/replay';
import { telemetryAround } from '../telemetry/store';

/** What a verification found: passed or not, in words, and the figures behind it. */
export interface VerificationOutcome {
  passed: boolean;
  summary: string;
  details: Record<string, unknown>;
}

/** The most events a replay reads; past it, the earliest of the look-back are left out. */
export const MAX_REPLAY_EVENTS = 300_000;

async function cardOf(tx: Tx, system: string, field: string): Promise<SystemCard> {
  const row = await findSystem(tx, system);
  if (!row) throw invalid(field, `no system ${system} in the catalog`);
  return row.card;
}

/** The monitors a system has today: those its card lists, or the defaults on every standard signal. */
function monitorsToday(card: SystemCard): { configured: boolean; monitors: Array<{ id: string; signal: string }> } {
  return {
    configured: card.monitors.length > 0,
    monitors: card.monitors.map((monitor) => ({ id: monitor.id, signal: monitor.signal })),
  };
}

/** A default monitor watches a signal when the engine has a detector for it. */
function defaultWatches(signal: string): boolean {
  return SIGNAL_PATTERN.test(signal);
}

/**
 * Checks a verification can be run at all, when it is set: its system, control, evidence and
 * named monitor exist. A monitor named by id must exist now (name the signal instead when the
 * action is to create it).
 */
export async function checkVerification(
  tx: Tx,
  incident: Incident,
  spec: Verification,
  prefix = 'verification',
): Promise<void> {
  switch (spec.kind) {
    case 'monitor':
    case 'replay': {
      const system = spec.system ?? incident.systems[0];
      if (!system) throw invalid(`${prefix}.system`, 'the incident names no system; say which');
      const card = await cardOf(tx, system, `${prefix}.system`);
      if (spec.monitor !== undefined) {
        const { configured, monitors } = monitorsToday(card);
        const known = configured
          ? monitors.some((monitor) => monitor.id === spec.monitor)
          : spec.monitor.startsWith('default:') && defaultWatches(spec.monitor.slice('default:'.length));
        if (!known)
          throw invalid(
            `${prefix}.monitor`,
            `${system} has no monitor ${spec.monitor} (${configured ? `it has ${monitors.map((m) => m.id).join(', ')}` : 'it uses default monitors, named default:<signal>'}); name the signal instead if the action is to add one`,
          );
      }
      if (spec.kind === 'replay' && spec.evidence !== undefined) {
        const evidence = await findEvidence(tx, incident.id, spec.evidence);
        if (!evidence) throw invalid(`${prefix}.evidence`, `${incident.id} has no evidence ${spec.evidence}`);
        if (evidence.kind !== 'telemetry_sample' || evidence.storage !== 'server')
          throw invalid(
            `${prefix}.evidence`,
            `${spec.evidence} is not telemetry held by the server (kind telemetry_sample)`,
          );
      }
      return;
    }
    case 'control': {
      const control = await findControl(tx, spec.control);
      if (!control) throw invalid(`${prefix}.control`, `no control ${spec.control}`);
      return;
    }
    case 'attestation':
      return;
  }
}

/** Runs a verification now. Attestations are checked by the caller (they need a second person). */
export async function runCheck(
  tx: Tx,
  incident: Incident,
  spec: Exclude<Verification, { kind: 'attestation' }>,
): Promise<VerificationOutcome> {
  switch (spec.kind) {
    case 'monitor':
      return checkMonitor(tx, spec);
    case 'control':
      return checkControl(tx, spec);
    case 'replay':
      return replayIncident(tx, incident, spec);
  }
}

async function checkMonitor(tx: Tx, spec: Extract<Verification, { kind: 'monitor' }>): Promise<VerificationOutcome> {
  const row = await findSystem(tx, spec.system);
  if (!row) return { passed: false, summary: `${spec.system} is no longer in the catalog`, details: {} };
  const { configured, monitors } = monitorsToday(row.card);
  if (!configured) {
    const signal = spec.signal ?? spec.monitor?.replace(/^default:/, '');
    const watched = signal !== undefined && defaultWatches(signal);
    return {
      passed: watched,
      summary: watched
        ? `${spec.system} uses default monitors; default:${signal} watches ${signal}`
        : `${spec.system} uses default monitors, and none watches ${signal ?? spec.monitor}`,
      details: { configured: false, signal },
    };
  }
  const found = monitors.filter(
    (monitor) =>
      (spec.monitor === undefined || monitor.id === spec.monitor) &&
      (spec.signal === undefined || monitor.signal === spec.signal),
  );
  const wanted = [spec.monitor, spec.signal].filter(Boolean).join(' on ');
  return {
    passed: found.length > 0,
    summary:
      found.length > 0
        ? `${spec.system} has ${found.map((m) => `${m.id} (${m.signal})`).join(', ')}`
        : `${spec.system} has no monitor ${wanted}; it has ${monitors.map((m) => m.id).join(', ')}`,
    details: { configured: true, found, monitors },
  };
}

async function checkControl(tx: Tx, spec: Extract<Verification, { kind: 'control' }>): Promise<VerificationOutcome> {
  const control = await findControl(tx, spec.control);
  if (!control) return { passed: false, summary: `${spec.control} does not exist (any more)`, details: {} };
  const state = control.state;
  const failures: string[] = [];
  if (spec.enabled !== undefined) {
    if (state.kind !== 'kill_switch') failures.push(`it is a ${state.kind}, not a kill switch`);
    else if (state.enabled !== spec.enabled) failures.push(`it is ${state.enabled ? 'on' : 'off'}`);
  }
  if (spec.active !== undefined) {
    if (state.kind !== 'route') failures.push(`it is a ${state.kind}, not a route`);
    else if (state.active !== spec.active) failures.push(`it serves ${state.active}`);
  }
  if (spec.level !== undefined) {
    if (state.kind !== 'output_filter') failures.push(`it is a ${state.kind}, not an output filter`);
    else if (state.level !== spec.level) failures.push(`it is at ${state.level}`);
  }
  if (spec.minShare !== undefined) {
    if (state.kind !== 'human_review') failures.push(`it is a ${state.kind}, not a review control`);
    else if (state.share < spec.minShare && state.when.length === 0) failures.push(`it holds ${state.share}`);
  }
  const expected = [
    spec.enabled !== undefined ? (spec.enabled ? 'on' : 'off') : null,
    spec.active !== undefined ? `serving ${spec.active}` : null,
    spec.level !== undefined ? `at ${spec.level}` : null,
    spec.minShare !== undefined ? `holding at least ${spec.minShare}` : null,
  ].filter(Boolean);
  return {
    passed: failures.length === 0,
    summary:
      failures.length === 0
        ? `${spec.control} exists${expected.length > 0 ? `, ${expected.join(', ')}` : ''}`
        : `${spec.control} exists, but ${failures.join('; ')}`,
    details: { state },
  };
}

function eventsFrom(content: Uint8Array): TelemetryEvent[] {
  const text = new TextDecoder().decode(content).trim();
  const values: unknown[] = text.startsWith('[')
    ? (JSON.parse(text) as unknown[])
    : text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => {
          try {
            return JSON.parse(line) as unknown;
          } catch {
            return null;
          }
        });
  const events: TelemetryEvent[] = [];
  for (const value of values) {
    const parsed = TelemetryEvent.safeParse(value);
    if (parsed.success) events.push(parsed.data);
  }
  return events;
}

const LEVELS: Record<string, number> = { ok: 0, warn: 1, page: 2 };

/**
 * Replays the incident's telemetry (the stored log around its onset, or a telemetry evidence
 * item) through the system's monitors as they are today, on the events' own clock, as
 * `firebreak detect` does. Passes when an alert of the level asked for opens between `within`
 * before the onset and `within` after it.
 */
export async function replayIncident(
  tx: Tx,
  incident: Incident,
  spec: Extract<Verification, { kind: 'replay' }>,
): Promise<VerificationOutcome> {
  const system = spec.system ?? incident.systems[0]!;
  const row = await findSystem(tx, system);
  if (!row) return { passed: false, summary: `${system} is no longer in the catalog`, details: {} };
  const onsetIso = incident.metrics.onsetAt ?? incident.metrics.detectedAt ?? incident.declaredAt;
  const onset = Date.parse(onsetIso);
  const within = durationMs(spec.within);
  const lookback = durationMs(spec.lookback);
  const from = onset - lookback;
  const to = onset + within;
  let events: TelemetryEvent[];
  let source: string;
  if (spec.evidence !== undefined) {
    const evidence = await findEvidence(tx, incident.id, spec.evidence);
    const content = evidence ? await getBlob(tx, evidence.sha256) : undefined;
    if (!content) return { passed: false, summary: `${spec.evidence} has no content on the server`, details: {} };
    events = eventsFrom(content).filter((event) => event.system === system);
    source = `evidence ${spec.evidence}`;
  } else {
    events = await telemetryAround(tx, system, new Date(from), new Date(to), MAX_REPLAY_EVENTS);
    source = 'the telemetry log';
  }
  events = events
    .filter((event) => {
      const at = Date.parse(event.ts);
      return at >= from && at <= to;
    })
    .sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
  if (events.length > MAX_REPLAY_EVENTS) events = events.slice(events.length - MAX_REPLAY_EVENTS);
  const details: Record<string, unknown> = {
    system,
    source,
    onset: onsetIso,
    within: spec.within,
    level: spec.level,
    events: events.length,
    from: events[0]?.ts ?? null,
    to: events.at(-1)?.ts ?? null,
    monitors: row.card.monitors.length > 0 ? row.card.monitors.map((m) => m.id) : 'defaults',
  };
  if (events.length === 0)
    return {
      passed: false,
      summary: `no telemetry of ${system} between ${new Date(from).toISOString()} and ${new Date(to).toISOString()} to replay (${source})`,
      details,
    };
  const alerts = await replayThroughMonitors(system, row.card, events);
  const counted = alerts.filter(
    (alert) =>
      alert.transition !== 'resolved' &&
      (LEVELS[alert.level] ?? 0) >= (LEVELS[spec.level] ?? 1) &&
      (spec.monitor === undefined || alert.monitor === spec.monitor),
  );
  const inTime = counted.filter((alert) => {
    const at = Date.parse(alert.at);
    return at >= onset - within && at <= to;
  });
  const first = inTime[0];
  details.alerts = counted.length;
  details.alertsInTime = inTime.length;
  if (first) {
    const delaySeconds = Math.round((Date.parse(first.at) - onset) / 1000);
    details.firstAlert = {
      monitor: first.monitor,
      signal: first.signal,
      level: first.level,
      at: first.at,
      delaySeconds,
    };
    return {
      passed: true,
      summary: `replayed ${events.length} events from ${source}: ${first.monitor} (${first.level}) alerted ${describeDelay(delaySeconds)} the onset, within ${spec.within}`,
      details,
    };
  }
  return {
    passed: false,
    summary: `replayed ${events.length} events from ${source}: no ${spec.level === 'page' ? 'page' : 'alert'}${spec.monitor ? ` of ${spec.monitor}` : ''} within ${spec.within} of the onset${counted[0] ? ` (the first came at ${counted[0].at})` : ''}`,
    details,
  };
}

function describeDelay(seconds: number): string {
  const minutes = Math.round(Math.abs(seconds) / 60);
  const amount = minutes >= 1 ? `${minutes} min` : `${Math.abs(seconds)} s`;
  return seconds < 0 ? `${amount} before` : `${amount} after`;
}
