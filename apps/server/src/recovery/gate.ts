import {
  DEFAULT_RECOVERY_CHECKLISTS,
  type Incident,
  RecoveryConfig,
  type RecoveryGate,
  type RecoveryItem,
  type TelemetryEvent,
} from '@firebreak/contract';
import { DomainError, durationMs, invalid, isOpen, type Status } from '@firebreak/core';
import { type AlertRow, alertsOfFingerprintsSince, listAlerts } from '../alerts/store';
import type { Tx } from '../db/connect';
import { openIncidentsOnSystem } from '../incidents/store';
import { currentDirectory } from '../oncall/store';
import { findSystem } from '../systems/store';
import { replayThroughMonitors } from '../telemetry/replay';
import { telemetryAround } from '../telemetry/store';
import { canaryRunsSince, recoveryEntries } from './store';

/** The most events a quiet check reads, before and after containment together. */
const MAX_EVENTS = 300_000;
/** How much telemetry from before the incident teaches the replayed monitors what normal was. */
const LEARN_BEFORE_MS = 2 * 24 * 3_600_000;
const LEVELS: Record<string, number> = { warn: 1, page: 2 };

/** What the recovery gates ask, as configured (firebreak.yaml `recovery:`), defaults filled in. */
export async function recoverySettings(tx: Tx): Promise<RecoveryConfig> {
  const { directory } = await currentDirectory(tx);
  return directory.recovery ?? RecoveryConfig.parse({});
}

/** The checklist of an incident type: the configured one for the type, else the configured default, else the built-in. */
export function checklistFor(config: RecoveryConfig, type: string): readonly RecoveryItem[] {
  const configured = config.checklists as Record<string, RecoveryItem[] | undefined>;
  return (
    configured[type] ?? configured.default ?? DEFAULT_RECOVERY_CHECKLISTS[type] ?? DEFAULT_RECOVERY_CHECKLISTS.default!
  );
}

type ItemState = RecoveryGate['items'][number];

/**
 * Each checklist item's last result for an incident of `type`, and what is missing in words.
 * `widener` is the person about to widen traffic: an attestation counts only when someone else
 * made it.
 */
async function checklistOf(
  tx: Tx,
  incidentId: string,
  type: string,
  config: RecoveryConfig,
  widener: string | undefined,
): Promise<{ items: ItemState[]; missing: string[] }> {
  const entries = await recoveryEntries(tx, incidentId);
  const items = checklistFor(config, type).map((item): ItemState => {
    const mine = entries.filter((entry) => entry.payload.item === item.id);
    const pending: ItemState = {
      id: item.id,
      kind: item.kind,
      what: item.what,
      state: 'pending',
      summary: null,
      by: null,
      at: null,
      url: null,
      details: {},
    };
    if (item.kind === 'attestation') {
      const attested = mine.filter((entry) => entry.payload.passed === true);
      const bySomeoneElse = attested.filter((entry) => entry.actor !== widener).at(-1);
      const chosen = bySomeoneElse ?? attested.at(-1);
      if (!chosen) return pending;
      return {
        ...pending,
        state: bySomeoneElse ? 'passed' : 'pending',
        summary: bySomeoneElse
          ? String(chosen.payload.summary)
          : `attested only by ${chosen.actor}: it counts for a change someone else makes, or once a second person attests`,
        by: chosen.actor,
        at: chosen.at.toISOString(),
        url: typeof chosen.payload.url === 'string' ? chosen.payload.url : null,
      };
    }
    const last = mine.at(-1);
    if (!last) return pending;
    return {
      ...pending,
      state: last.payload.passed === true ? 'passed' : 'failed',
      summary: String(last.payload.summary),
      by: last.actor,
      at: last.at.toISOString(),
      details: (last.payload.details as Record<string, unknown> | undefined) ?? {},
    };
  });
  const missing = items
    .filter((item) => item.state !== 'passed')
    .map((item) =>
      item.state === 'failed'
        ? `${item.id} failed (${item.summary})`
        : item.summary
          ? `${item.id}: ${item.summary}`
          : `${item.id} not checked yet (${item.what})`,
    );
  return { items, missing };
}

/**
 * Where an incident's recovery gate stands: each item's last result, whether the gate passes,
 * what is missing in words, and whether the monitors that fired have stayed quiet since
 * containment (see checklistOf for `widener`).
 */
export async function gateOf(
  tx: Tx,
  incident: Incident,
  config: RecoveryConfig,
  now: Date,
  widener?: string,
): Promise<RecoveryGate> {
  const { items, missing } = await checklistOf(tx, incident.id, incident.type, config, widener);
  return {
    incident: incident.id,
    required: config.requiredFor.includes(incident.severity) && isOpen(incident.status as Status),
    passed: missing.length === 0,
    items,
    missing,
    verification: await verificationOf(tx, incident, config, now),
  };
}

/**
 * Refuses a change that widens traffic on `system` while an open incident there needs its
 * recovery gate and the gate has not passed: the error names each incident and what is missing.
 */
export async function requireRecoveryGates(
  tx: Tx,
  system: string,
  widener: string,
  options: { secondPerson?: string } = {},
): Promise<void> {
  const config = await recoverySettings(tx);
  const blocked: Array<{ incident: string; missing: string[] }> = [];
  // Only the checklists: the verification is for people to read, not what holds a change back.
  for (const { id, type } of await openIncidentsOnSystem(tx, system, config.requiredFor)) {
    const { items, missing } = await checklistOf(tx, id, type, config, widener);
    // A change that stands in for a second person's approval needs one to have vouched here.
    if (options.secondPerson && !items.some((item) => item.kind === 'attestation' && item.state === 'passed'))
      missing.push(
        `an attestation by someone other than ${widener} (${options.secondPerson}; the checklist of ${type} ${items.some((item) => item.kind === 'attestation') ? 'has one to check' : 'has no attestation item: lift control by control, each approved'})`,
      );
    if (missing.length > 0) blocked.push({ incident: id, missing });
  }
  if (blocked.length === 0) return;
  const what = blocked.map((b) => `${b.incident}: ${b.missing.join('; ')}`).join(' | ');
  throw new DomainError(
    'conflict',
    `recovery gate not passed, so traffic on ${system} may not widen yet. Missing: ${what}. Check them in the incident's recovery gate panel or with firebreak recovery check ${blocked[0]!.incident} <item>`,
    { details: { rule: 'recovery', system, blocked } },
  );
}

/** Runs (or, for an attestation, records) one item's check; the outcome for the timeline. */
export async function runRecoveryCheck(
  tx: Tx,
  incident: Incident,
  item: RecoveryItem,
  input: { url?: string | undefined },
  now: Date,
): Promise<{ passed: boolean; summary: string; details: Record<string, unknown> }> {
  if (item.kind === 'attestation') {
    if (!input.url)
      throw invalid('url', `${item.id} is an attestation: give the link to the run or document that shows it`);
    return { passed: true, summary: `attested: ${item.what}`, details: {} };
  }
  const containedAt = incident.metrics.containedAt;
  if (!containedAt)
    throw new DomainError(
      'conflict',
      `${incident.id} is not contained yet: ${item.id} checks what happened since containment. Once containment holds, move it to contained (Move to: contained in the war room, or firebreak incident transition ${incident.id} contained)`,
    );
  const since = new Date(containedAt);
  if (item.kind === 'canary') return canarySince(tx, incident, item, since);
  return item.kind === 'quiet'
    ? quietSince(tx, incident, item, since, now)
    : evaluationSince(tx, incident, item, since, now);
}

/**
 * Whether a canary started since containment passed a step at `minPercent` or more: the step's
 * analysis let the candidate go further (advance or complete), even if the run then held
 * because rolling forward during the incident needs a person.
 */
async function canarySince(
  tx: Tx,
  incident: Incident,
  item: Extract<RecoveryItem, { kind: 'canary' }>,
  since: Date,
): Promise<{ passed: boolean; summary: string; details: Record<string, unknown> }> {
  const runs = await canaryRunsSince(tx, incident.systems, since);
  const passedSteps = runs.flatMap((run) =>
    run.steps
      .filter((step) => step.percent >= item.minPercent && stepPassed(step.decision))
      .map((step) => ({ run, step })),
  );
  const details = {
    since: since.toISOString(),
    minPercent: item.minPercent,
    runs: runs.map((run) => ({ id: run.id, key: run.key, candidate: run.candidate, state: run.state })),
  };
  const best = passedSteps.at(-1);
  if (best) {
    const { run, step } = best;
    return {
      passed: true,
      summary: `canary ${run.id} of ${run.candidate} on ${run.key} passed its ${step.percent}% step: ${step.candidate.events} candidate events did no more harm than ${run.baseline}`,
      details: { ...details, run: run.id, step: step.step, percent: step.percent },
    };
  }
  const aborted = runs.filter((run) => run.state === 'aborted').at(-1);
  return {
    passed: false,
    summary: aborted
      ? `canary ${aborted.id} of ${aborted.candidate} was aborted and no canary since containment at ${clock(since)} has passed a ${item.minPercent}% step`
      : runs.length > 0
        ? `no canary since containment at ${clock(since)} has passed a ${item.minPercent}% step yet (${runs.map((run) => `${run.id} ${run.state}`).join(', ')})`
        : `no canary since containment at ${clock(since)}: start one of the fix at a small share (firebreak canary start <route> <version> --incident ${incident.id})`,
    details,
  };
}

/** A step whose analysis let the candidate go on: advanced, completed, or held only for a person's approval. */
function stepPassed(decision: { action: string; reasons: Array<{ kind: string }> } | null): boolean {
  if (!decision) return false;
  if (decision.action === 'advance' || decision.action === 'complete') return true;
  return decision.action === 'hold' && decision.reasons.some((reason) => reason.kind === 'approval_needed');
}

async function quietSince(
  tx: Tx,
  incident: Incident,
  item: Extract<RecoveryItem, { kind: 'quiet' }>,
  since: Date,
  now: Date,
): Promise<{ passed: boolean; summary: string; details: Record<string, unknown> }> {
  const onset = Date.parse(incident.metrics.onsetAt ?? incident.metrics.detectedAt ?? incident.declaredAt);
  const perSystem: Array<Record<string, unknown>> = [];
  let judged = 0;
  const alerts: Array<{ system: string; monitor: string; level: string; at: string }> = [];
  for (const system of incident.systems) {
    const row = await findSystem(tx, system);
    if (!row) continue;
    const all = await telemetryAround(tx, system, new Date(onset - LEARN_BEFORE_MS), now, MAX_EVENTS);
    // The monitors learn from before the incident, then see only what came after containment:
    // the incident's own telemetry would teach them that the failure is normal.
    const events = all
      .filter((event) => event.kind !== 'evaluation' && event.shadow !== true)
      .filter((event) => {
        const at = Date.parse(event.ts);
        return at < onset || (at >= since.getTime() && at <= now.getTime());
      })
      .sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
    const after = events.filter((event) => Date.parse(event.ts) >= since.getTime()).length;
    judged += after;
    const raised = (await replayThroughMonitors(system, row.card, events)).filter(
      (alert) =>
        alert.transition !== 'resolved' &&
        Date.parse(alert.at) >= since.getTime() &&
        (LEVELS[alert.level] ?? 0) >= (LEVELS[item.level] ?? 1),
    );
    for (const alert of raised) alerts.push({ system, monitor: alert.monitor, level: alert.level, at: alert.at });
    perSystem.push({ system, learnedFrom: events.length - after, since: after, alerts: raised.length });
  }
  const details = { since: since.toISOString(), events: judged, minEvents: item.minEvents, systems: perSystem, alerts };
  if (judged < item.minEvents)
    return {
      passed: false,
      summary: `only ${judged} events since containment at ${clock(since)}; ${item.minEvents} are needed to call it quiet`,
      details,
    };
  const first = alerts[0];
  if (first)
    return {
      passed: false,
      summary: `replayed ${judged} events since containment: ${first.monitor} (${first.level}) on ${first.system} alerted at ${clock(new Date(first.at))}${alerts.length > 1 ? `, and ${alerts.length - 1} more` : ''}`,
      details,
    };
  return {
    passed: true,
    summary: `replayed ${judged} events since containment at ${clock(since)} through today's monitors: no ${item.level === 'page' ? 'page' : 'alert'}`,
    details,
  };
}

async function evaluationSince(
  tx: Tx,
  incident: Incident,
  item: Extract<RecoveryItem, { kind: 'evaluation' }>,
  since: Date,
  now: Date,
): Promise<{ passed: boolean; summary: string; details: Record<string, unknown> }> {
  const segments = item.affectedSegment ? await affectedSegments(tx, incident.id) : [];
  const results: TelemetryEvent[] = [];
  for (const system of incident.systems)
    for (const event of await telemetryAround(tx, system, since, now, MAX_EVENTS))
      if (
        event.kind === 'evaluation' &&
        event.metric === item.metric &&
        Date.parse(event.ts) >= since.getTime() &&
        (segments.length === 0 || segments.some((segment) => covers(event.segment, segment)))
      )
        results.push(event);
  results.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
  const latest = results.at(-1);
  const wanted = [item.min !== undefined ? `≥ ${item.min}` : '', item.max !== undefined ? `≤ ${item.max}` : '']
    .filter(Boolean)
    .join(' and ');
  const where = segments.length > 0 ? ` on ${segments.map(describeSegment).join(' or ')}` : '';
  const details = { since: since.toISOString(), metric: item.metric, results: results.length, segments, wanted };
  if (!latest || latest.value === undefined)
    return {
      passed: false,
      summary: `no ${item.metric} result${where} since containment at ${clock(since)}: send one as telemetry of kind evaluation`,
      details,
    };
  const value = latest.value;
  const passed = (item.min === undefined || value >= item.min) && (item.max === undefined || value <= item.max);
  return {
    passed,
    summary: `latest ${item.metric}${where} is ${value} at ${clock(new Date(latest.ts))} (wanted ${wanted})`,
    details: { ...details, latest: { value, ts: latest.ts, segment: latest.segment ?? null } },
  };
}

/** The segments the incident's alerts name: where a bias probe must look. */
async function affectedSegments(tx: Tx, incidentId: string): Promise<Array<Record<string, string>>> {
  const alerts = await listAlerts(tx, { incident: incidentId, limit: 200 });
  const seen = new Map<string, Record<string, string>>();
  for (const alert of alerts)
    if (alert.segment && Object.keys(alert.segment).length > 0) seen.set(describeSegment(alert.segment), alert.segment);
  return [...seen.values()];
}

function covers(segment: Record<string, string> | undefined, wanted: Record<string, string>): boolean {
  return Object.entries(wanted).every(([key, value]) => segment?.[key] === value);
}

function describeSegment(segment: Record<string, string>): string {
  return Object.entries(segment)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/**
 * Verification after containment: the monitors whose alerts the incident holds are watched for
 * `verifyFor`. Any of them firing is `still_firing`; quiet for the whole period since
 * containment (or since the last re-fire resolved) is `verified`; otherwise `watching` until then.
 */
async function verificationOf(
  tx: Tx,
  incident: Incident,
  config: RecoveryConfig,
  now: Date,
): Promise<RecoveryGate['verification']> {
  const linked = await listAlerts(tx, { incident: incident.id, limit: 200 });
  const containedAt = incident.metrics.containedAt;
  const monitors = (rows: readonly AlertRow[]) => {
    const byKey = new Map<string, { monitor: string; system: string; firing: boolean }>();
    for (const row of linked) byKey.set(row.fingerprint, { monitor: row.monitor, system: row.system, firing: false });
    for (const row of rows) {
      const held = byKey.get(row.fingerprint);
      if (held && row.status === 'firing') held.firing = true;
    }
    return [...byKey.values()];
  };
  if (!containedAt)
    return {
      state: 'not_contained',
      since: null,
      until: null,
      monitors: monitors([]),
      summary: 'the monitors that fired are watched once the incident is contained',
    };
  const since = new Date(containedAt);
  const recent = await alertsOfFingerprintsSince(
    tx,
    linked.map((row) => row.fingerprint),
    since,
  );
  const watched = monitors(recent);
  const firing = watched.filter((monitor) => monitor.firing);
  if (firing.length > 0)
    return {
      state: 'still_firing',
      since: containedAt,
      until: null,
      monitors: watched,
      summary: `still firing since containment: ${firing.map((m) => m.monitor).join(', ')}`,
    };
  const lastQuietFrom = recent.reduce(
    (latest, row) => Math.max(latest, row.resolvedAt?.getTime() ?? 0, row.openedAt.getTime()),
    since.getTime(),
  );
  const until = new Date(lastQuietFrom + durationMs(config.verifyFor));
  if (linked.length === 0)
    return {
      state: now >= until ? 'verified' : 'watching',
      since: containedAt,
      until: until.toISOString(),
      monitors: [],
      summary: 'no alert on the incident to watch; the period since containment decides',
    };
  return now >= until
    ? {
        state: 'verified',
        since: new Date(lastQuietFrom).toISOString(),
        until: until.toISOString(),
        monitors: watched,
        summary: `the monitors that fired stayed quiet for ${config.verifyFor} since ${clock(new Date(lastQuietFrom))}`,
      }
    : {
        state: 'watching',
        since: new Date(lastQuietFrom).toISOString(),
        until: until.toISOString(),
        monitors: watched,
        summary: `quiet since ${clock(new Date(lastQuietFrom))}; verified at ${clock(until)} if it stays so`,
      };
}

function clock(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
