import type { IncidentType, Severity } from '@firebreak/core';
import { addAction, closeAction, verifyAction } from '../actions/service';
import { attachAlert } from '../alerts/attach';
import { acknowledgeAlert, dismissAlert } from '../alerts/service';
import type { Actor, Ctx } from '../context';
import type { Db } from '../db/connect';
import { transitionIncident } from '../flows/transition-incident';
import { declareIncident } from '../incidents/declare';
import { acknowledgeIncident } from '../incidents/lifecycle';
import { markIsolated } from '../incidents/moments';
import { assignRole } from '../incidents/roles';
import { draftPostmortem, transitionPostmortem } from '../postmortems/service';
import { runDemoDrills } from './history-drills';
import { insertPastAlert, sequenceValues, setSequences } from './history-store';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The numbers the history starts after: INC-901, ACT-901, DRL-901… */
export const HISTORY_BLOCK = 900;

interface PastAction {
  title: string;
  /** Days after declaration it is due, and (if it was) closed. */
  dueDays: number;
  closedDays?: number;
}

interface PastIncident {
  daysAgo: number;
  title: string;
  type: IncidentType;
  severity: Severity;
  system: System;
  nearMiss?: boolean;
  /** Minutes from onset to detection; null: onset unknown. */
  detectLag: number | null;
  /** Minutes after detection: acknowledged, cause identified, contained, resolved. */
  ack: number;
  isolate: number | null;
  contain: number;
  resolve: number;
  /** Business-day-ish days after resolution the postmortem was published (undefined: none written). */
  publishedDays?: number;
  actions?: PastAction[];
  dismissed?: boolean;
  /** The monitor whose alert it was declared from (the alert is attached, or dismissed with it). */
  alert?: { monitor: string; signal: string };
}

/** Alerts nobody declared from: dismissed as false positives, or acknowledged and looked into. */
const OTHER_ALERTS: Array<{
  daysAgo: number;
  system: System;
  monitor: string;
  signal: string;
  outcome: 'dismissed' | 'acknowledged';
}> = [
  {
    daysAgo: 80,
    system: 'support-copilot',
    monitor: 'negative-feedback',
    signal: 'feedback:negative',
    outcome: 'dismissed',
  },
  {
    daysAgo: 64,
    system: 'support-copilot',
    monitor: 'answer-confidence',
    signal: 'confidence',
    outcome: 'acknowledged',
  },
  {
    daysAgo: 52,
    system: 'support-copilot',
    monitor: 'negative-feedback',
    signal: 'feedback:negative',
    outcome: 'dismissed',
  },
  { daysAgo: 44, system: 'fraud-model', monitor: 'default:confidence', signal: 'confidence', outcome: 'acknowledged' },
  { daysAgo: 41, system: 'support-copilot', monitor: 'answer-confidence', signal: 'confidence', outcome: 'dismissed' },
  {
    daysAgo: 29,
    system: 'fraud-model',
    monitor: 'default:feature:merchant_category',
    signal: 'feature:merchant_category',
    outcome: 'dismissed',
  },
  { daysAgo: 18, system: 'support-copilot', monitor: 'pii-in-answers', signal: 'flag:pii', outcome: 'acknowledged' },
];

type System = 'support-copilot' | 'fraud-model';
const OWNERS: Record<System, string> = { 'support-copilot': 'support-ai', 'fraud-model': 'risk-ml' };

// A quarter on two systems, oldest first. Chosen so every readiness figure has something to show:
// postmortems on time and late, actions on time, late and open, a false positive dismissed.
const PAST: PastIncident[] = [
  {
    daysAgo: 84,
    title: 'Fraud scores drifted after the merchant-category remap',
    alert: { monitor: 'default:feature:merchant_category', signal: 'feature:merchant_category' },
    type: 'distribution_shift',
    severity: 'SEV2',
    system: 'fraud-model',
    detectLag: 95,
    ack: 12,
    isolate: 70,
    contain: 110,
    resolve: 600,
    publishedDays: 8,
    actions: [{ title: 'Drift monitor on merchant_category', dueDays: 14, closedDays: 10 }],
  },
  {
    daysAgo: 76,
    title: 'Copilot invented a loyalty discount',
    alert: { monitor: 'policy-contradictions', signal: 'flag:policy_contradiction' },
    type: 'hallucination_spike',
    severity: 'SEV3',
    system: 'support-copilot',
    detectLag: 40,
    ack: 25,
    isolate: 90,
    contain: 150,
    resolve: 400,
  },
  {
    daysAgo: 69,
    title: 'Copilot quoted an order address to the wrong customer',
    alert: { monitor: 'pii-in-answers', signal: 'flag:pii' },
    type: 'privacy_leak',
    severity: 'SEV1',
    system: 'support-copilot',
    detectLag: 18,
    ack: 4,
    isolate: 35,
    contain: 22,
    resolve: 360,
    publishedDays: 19,
    actions: [
      { title: 'Tenant filter test in the index build', dueDays: 10, closedDays: 16 },
      { title: 'Zero-tolerance PII monitor on answers', dueDays: 7, closedDays: 5 },
    ],
  },
  {
    daysAgo: 61,
    title: 'Selection rate gap for new-to-bank card holders',
    alert: { monitor: 'default:selection:tenure', signal: 'selection:tenure' },
    type: 'bias',
    severity: 'SEV2',
    system: 'fraud-model',
    detectLag: 2880,
    ack: 45,
    isolate: 300,
    contain: 240,
    resolve: 2880,
    publishedDays: 12,
    actions: [{ title: 'Fairness monitor on selection by customer tenure', dueDays: 21, closedDays: 18 }],
  },
  {
    daysAgo: 55,
    title: 'Latency alert on the fraud scorer (false positive: load test)',
    alert: { monitor: 'default:latency_ms', signal: 'latency_ms' },
    type: 'infrastructure',
    severity: 'SEV4',
    system: 'fraud-model',
    detectLag: 5,
    ack: 30,
    isolate: null,
    contain: 0,
    resolve: 0,
    dismissed: true,
  },
  {
    daysAgo: 47,
    title: 'Jailbreak prompt made the copilot write a phishing email',
    alert: { monitor: 'default:flag:policy_violation', signal: 'flag:policy_violation' },
    type: 'safety_bypass',
    severity: 'SEV2',
    system: 'support-copilot',
    detectLag: 30,
    ack: 9,
    isolate: 55,
    contain: 38,
    resolve: 720,
    publishedDays: 9,
    actions: [{ title: 'Red-team jailbreak set in the release gate', dueDays: 30 }],
  },
  {
    daysAgo: 38,
    title: 'Refusals doubled after the safety policy update',
    alert: { monitor: 'default:flag:refusal', signal: 'flag:refusal' },
    type: 'model_degradation',
    severity: 'SEV3',
    system: 'support-copilot',
    nearMiss: true,
    detectLag: 120,
    ack: 50,
    isolate: 140,
    contain: 200,
    resolve: 480,
  },
  {
    daysAgo: 26,
    title: 'Injected instructions in a ticket attachment reached the tools',
    type: 'prompt_injection',
    severity: 'SEV1',
    system: 'support-copilot',
    detectLag: null,
    ack: 6,
    isolate: 48,
    contain: 15,
    resolve: 300,
    publishedDays: 7,
    actions: [{ title: 'Strip instructions from attachments before retrieval', dueDays: 12 }],
  },
  {
    daysAgo: 10,
    title: 'Burst of scoring queries shaped like model extraction',
    alert: { monitor: 'default:metric:extraction_pattern_queries', signal: 'metric:extraction_pattern_queries' },
    type: 'model_extraction',
    severity: 'SEV2',
    system: 'fraud-model',
    detectLag: 360,
    ack: 20,
    isolate: 130,
    contain: 60,
    resolve: 900,
    actions: [{ title: 'Rate limit per API key on the scoring endpoint', dueDays: 25 }],
  },
];

type CtxAs = (name: string, role?: Actor['role']) => Ctx;

/**
 * Seeds a quarter of past incidents (with postmortems and actions) and drills, through the same
 * services a team uses, on a clock set back to when each happened, numbered from 901.
 */
export async function seedHistory(db: Db, now: Date, ctxAt: (at: () => Date) => CtxAs): Promise<void> {
  const saved = await sequenceValues(db);
  await setSequences(
    db,
    saved.map((s) => ({ name: s.name, value: HISTORY_BLOCK })),
  );
  try {
    for (const past of PAST) await seedIncident(db, past, now, ctxAt);
    for (const other of OTHER_ALERTS) await seedAlert(db, other, now, ctxAt);
    await runDemoDrills(now, ctxAt);
  } finally {
    await setSequences(db, saved);
  }
}

async function seedIncident(db: Db, past: PastIncident, now: Date, ctxAt: (at: () => Date) => CtxAs): Promise<void> {
  const day = new Date(now.getTime() - past.daysAgo * DAY);
  const detected = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 9, 30);
  let clock = detected;
  const as = ctxAt(() => new Date(clock));
  const at = (minutes: number) => {
    clock = detected + minutes * MINUTE;
  };
  const incident = await declareIncident({
    ctx: as('dana'),
    input: {
      title: past.title,
      type: past.type,
      severity: past.severity,
      systems: [past.system],
      nearMiss: past.nearMiss ?? false,
      detectedAt: new Date(detected).toISOString(),
      ...(past.detectLag === null ? {} : { onsetAt: new Date(detected - past.detectLag * MINUTE).toISOString() }),
    },
  });
  const id = incident.id;
  const alert = past.alert
    ? await insertPastAlert(db, {
        system: past.system,
        monitor: past.alert.monitor,
        signal: past.alert.signal,
        owner: OWNERS[past.system],
        openedAt: new Date(detected - MINUTE),
        onset: new Date(detected - (past.detectLag ?? 5) * MINUTE),
      })
    : undefined;
  if (alert && !past.dismissed)
    await attachAlert({
      ctx: as('dana'),
      id: alert,
      input: { incident: id, reason: 'The alert this was declared from' },
    });
  at(past.ack);
  await acknowledgeIncident({ ctx: as('dana'), id, input: {} });
  if (past.dismissed) {
    if (alert) await dismissAlert({ ctx: as('dana'), id: alert, input: { reason: 'A load test, not an incident' } });
    await transitionIncident({
      ctx: as('dana'),
      id,
      input: { status: 'dismissed', reason: 'A load test, not an incident' },
    });
    return;
  }
  const commander = past.system === 'fraud-model' ? 'Tomás Silva' : 'Dana Reyes';
  await assignRole({ ctx: as('dana'), id, input: { role: 'incident_commander', person: commander } });
  await transitionIncident({ ctx: as('dana'), id, input: { status: 'active' } });
  const moments = [
    {
      minute: past.contain,
      run: () => transitionIncident({ ctx: as('dana'), id, input: { status: 'contained', reason: 'Contained' } }),
    },
    ...(past.isolate === null
      ? []
      : [
          {
            minute: past.isolate,
            run: () => markIsolated({ ctx: as('sam'), id, input: { cause: 'Identified in the review of the traces' } }),
          },
        ]),
  ].sort((a, b) => a.minute - b.minute);
  for (const moment of moments) {
    at(Math.max(past.ack, moment.minute));
    await moment.run();
  }
  at(past.resolve);
  await transitionIncident({ ctx: as('dana'), id, input: { status: 'recovering', reason: 'Verifying the fix' } });
  await transitionIncident({ ctx: as('dana'), id, input: { status: 'resolved', reason: 'Fix verified' } });
  const resolvedAt = clock;
  for (const action of past.actions ?? []) {
    clock = resolvedAt + 60 * MINUTE;
    const created = await addAction({
      ctx: as('dana'),
      id,
      input: {
        title: action.title,
        category: 'monitoring',
        type: 'corrective',
        priority: 'high',
        owner: 'sam-okafor',
        dueAt: new Date(detected + action.dueDays * DAY).toISOString(),
        verification: {
          kind: 'attestation',
          url: 'https://github.com/example/firebreak-demo/pull/1',
          what: action.title,
        },
      },
    });
    if (action.closedDays === undefined) continue;
    clock = detected + action.closedDays * DAY;
    await verifyAction({ ctx: as('lee'), id: created.id, input: {} });
    await closeAction({ ctx: as('sam'), id: created.id, input: { reason: 'Done and attested' } });
  }
  if (past.publishedDays === undefined) return;
  clock = resolvedAt + 2 * 60 * MINUTE;
  await draftPostmortem({ ctx: as('dana'), id, input: { owner: 'dana-reyes' } });
  clock = resolvedAt + (past.publishedDays - 1) * DAY;
  await transitionPostmortem({ ctx: as('dana'), id, input: { status: 'in_review', acceptFindings: false } });
  clock = resolvedAt + past.publishedDays * DAY;
  await transitionPostmortem({
    ctx: as('priya'),
    id,
    input: { status: 'published', acceptFindings: true, reason: 'Reviewed in the weekly incident review' },
  });
}

async function seedAlert(
  db: Db,
  other: (typeof OTHER_ALERTS)[number],
  now: Date,
  ctxAt: (at: () => Date) => CtxAs,
): Promise<void> {
  const day = new Date(now.getTime() - other.daysAgo * DAY);
  const opened = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 16, 0);
  const id = await insertPastAlert(db, {
    system: other.system,
    monitor: other.monitor,
    signal: other.signal,
    owner: OWNERS[other.system],
    openedAt: new Date(opened),
    onset: new Date(opened - 10 * MINUTE),
  });
  const as = ctxAt(() => new Date(opened + 12 * MINUTE));
  if (other.outcome === 'dismissed')
    await dismissAlert({ ctx: as('sam'), id, input: { reason: 'Expected: a known seasonal dip, no harm' } });
  else await acknowledgeAlert({ ctx: as('sam'), id });
}
