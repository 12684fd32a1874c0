import type { Incident, OnCallDirectory } from '@firebreak/contract';
import {
  DEFAULT_NOTIFICATION_MATRIX,
  type EscalationFiring,
  type EscalationPolicy,
  type NotificationChannel,
  nextEscalation,
  notificationKey,
} from '@firebreak/core';
import type { Logger } from 'pino';
import { type Ctx, systemCtx } from '../context';
import type { Db } from '../db/connect';
import type { EventBus } from '../events/bus';
import { changeIncident } from '../incidents/change';
import { loadIncident } from '../incidents/load';
import type { AudienceResolver } from '../notifications/audiences';
import { enqueueNotifications, type NewNotification } from '../notifications/enqueue';
import { type NotifyConfig, outboxRow, resolverFor, systemFacts } from '../notifications/plan';
import { escalateAlerts } from './alert-escalation';
import { claimFiring, firedKeys, workedIncidentIds } from './store';

/** The actor on escalations and reminders nobody asked for at the moment they happen. */
export const ESCALATION_ACTOR = 'firebreak:escalation';

/** Channels an escalation or reminder goes out on when the matrix gives nothing better. */
const FALLBACK_CHANNELS: NotificationChannel[] = ['slack', 'email'];

export interface EscalationPass {
  fired: number;
  reminders: number;
  /** When something is due next, if nothing changes before. */
  nextCheckAt: Date | null;
}

/**
 * Carries out what is due for every incident still being worked: escalation steps (timed
 * steps until someone acknowledges, and at once when the acknowledgement or containment
 * deadline passes; a SEV1's missed deadline tells leadership too), and reminders to the comms
 * lead that a status update is due. Each firing is claimed by its key in the incident's
 * transaction, with its notifications and an `escalated` timeline entry, so a restart or a
 * second server never fires a step twice and a step is never half done.
 */
export async function runEscalations(ctx: Ctx & { notify: NotifyConfig }): Promise<EscalationPass> {
  const pass: EscalationPass = { fired: 0, reminders: 0, nextCheckAt: null };
  const now = ctx.now();
  // One directory for the whole pass: who each target is, the policies, the matrix.
  const { resolver, directory } = await resolverFor(ctx.db, ctx.notify);
  for (const id of await workedIncidentIds(ctx.db)) {
    const incident = await loadIncident(ctx.db, id, now);
    const policy = resolver.policyFor(incident.systems);
    if (policy) {
      const state = await escalationState(ctx, incident, directory);
      const check = nextEscalation(policy, state, now.toISOString());
      const channels = escalationChannels(ctx.notify, incident, directory);
      for (const firing of check.due)
        if (await fire(ctx, incident.id, policy, firing, resolver, channels)) pass.fired += 1;
      pass.nextCheckAt = earliest(pass.nextCheckAt, check.nextCheckAt);
    }
    const reminder = incident.updates;
    if (reminder) {
      if (Date.parse(reminder.remindAt) <= now.getTime()) pass.reminders += await remind(ctx, incident, resolver);
      else pass.nextCheckAt = earliest(pass.nextCheckAt, reminder.remindAt);
    }
  }
  // Pages about alerts no incident holds escalate too.
  const alerts = await escalateAlerts(ctx);
  pass.fired += alerts.fired;
  pass.nextCheckAt = earliest(pass.nextCheckAt, alerts.nextCheckAt);
  return pass;
}

function earliest(held: Date | null, candidate: string | null): Date | null {
  if (candidate === null) return held;
  const at = new Date(candidate);
  return held === null || at < held ? at : held;
}

async function escalationState(ctx: Ctx, incident: Incident, directory: OnCallDirectory) {
  return {
    // A new severity is a new run: its deadlines start again from the change (ADR 6).
    run: `${incident.id}/${incident.severity}@${incident.severitySetAt}`,
    severity: incident.severity,
    startedAt: incident.severitySetAt,
    acknowledgedAt: incident.response.acknowledgedAt,
    responseDeadline: incident.response.deadline,
    containedAt: incident.metrics.containedAt,
    containDeadline: incident.response.containDeadline,
    finishedAt: null,
    fired: await firedKeys(ctx.db, incident.id),
    leadership: directory.notifications?.audiences.leadership ?? [],
  };
}

/** The channels the matrix pages on-call on for this severity: an escalation reaches people the same way. */
function escalationChannels(
  notify: NotifyConfig,
  incident: Incident,
  directory: OnCallDirectory,
): NotificationChannel[] {
  const matrix = directory.notifications?.matrix ?? DEFAULT_NOTIFICATION_MATRIX;
  const paging = matrix[incident.severity].find((entry) => entry.page);
  const wanted = paging?.channels.filter((channel) => channel !== 'digest') ?? FALLBACK_CHANNELS;
  return wanted.filter((channel) => notify.channels.includes(channel as never));
}

async function fire(
  ctx: Ctx & { notify: NotifyConfig },
  id: string,
  policy: EscalationPolicy,
  firing: EscalationFiring,
  resolver: AudienceResolver,
  channels: readonly NotificationChannel[],
): Promise<boolean> {
  return changeIncident(ctx, id, async ({ tx, at, record, reload }) => {
    if (!(await claimFiring(tx, { key: firing.key, incidentId: id, policy: policy.id, at }))) return false;
    const incident = await reload();
    let people = resolver.targets(firing.targets, at.toISOString());
    // The first step at the start is the page the matrix already sent to whoever is on call:
    // it reaches only the targets that page did not.
    if (firing.pass === 0 && firing.step === 0 && firing.reason === 'step') {
      const paged = new Set(
        (await systemFacts(tx, incident.systems)).flatMap((facts) =>
          (resolver.resolve(facts, incident.roles, at.toISOString()).on_call ?? []).map((person) => person.id),
        ),
      );
      people = people.filter((person) => !paged.has(person.id));
    }
    const rows: NewNotification[] = [];
    for (const person of people) {
      for (const channel of channels) {
        if (person.reachableBy && !person.reachableBy.includes(channel)) continue;
        rows.push(
          outboxRow(ctx.notify, incident, person, channel as Exclude<NotificationChannel, 'digest'>, {
            key: `${firing.key}:${encodeURIComponent(person.id)}:${channel}`,
            kind: 'escalation',
            message: 'escalation',
            audience:
              firing.leadership && !policyTargets(policy, firing.step).includes(person.id) ? 'leadership' : 'on_call',
            summary: escalationSummary(incident, policy, firing),
            at: at.toISOString(),
          }),
        );
      }
    }
    await enqueueNotifications(tx, rows, at);
    await record('escalated', {
      policy: policy.id,
      pass: firing.pass,
      step: firing.step + 1,
      reason: firing.reason,
      targets: firing.targets,
      leadership: firing.leadership,
      recipients: people.map((person) => person.id),
      notifications: rows.length,
    });
    return true;
  });
}

/** The person ids a step names directly, so leadership added by the SEV1 rule reads as leadership. */
function policyTargets(policy: EscalationPolicy, step: number): string[] {
  return (policy.steps[step]?.targets ?? []).flatMap((target) => ('person' in target ? [target.person] : []));
}

function escalationSummary(incident: Incident, policy: EscalationPolicy, firing: EscalationFiring): string {
  const why =
    firing.reason === 'acknowledge_deadline_missed'
      ? `nobody acknowledged it by the deadline (${incident.response.deadline.slice(11, 16)} UTC)`
      : firing.reason === 'contain_deadline_missed'
        ? `it was not contained by the target (${incident.response.containDeadline.slice(11, 16)} UTC)`
        : 'nobody has acknowledged it yet';
  return `${incident.severity} ${incident.title}: escalated to step ${firing.step + 1} of ${policy.id} because ${why}. Acknowledge to stop the escalation, then open the war room.`;
}

/**
 * Reminds the comms lead (the incident commander when nobody holds that role) that a status
 * update is owed. One reminder per update owed: the key names the due time.
 */
async function remind(
  ctx: Ctx & { notify: NotifyConfig },
  incident: Incident,
  resolver: AudienceResolver,
): Promise<number> {
  const due = incident.updates;
  if (!due) return 0;
  const holders = incident.roles.filter((holder) => holder.role === 'comms_lead');
  const chosen = holders.length > 0 ? holders : incident.roles.filter((holder) => holder.role === 'incident_commander');
  const rows: NewNotification[] = [];
  for (const holder of chosen) {
    const person = resolver.byName(holder.person);
    for (const channel of FALLBACK_CHANNELS.filter((c) => ctx.notify.channels.includes(c as never))) {
      if (person.reachableBy && !person.reachableBy.includes(channel)) continue;
      const key = notificationKey({
        subject: incident.id,
        row: 'update_reminder',
        audience: holder.role,
        recipient: person.id,
        channel,
        step: 0,
        kind: `reminder@${due.dueAt}`,
      });
      const late = due.overdue
        ? `was due at ${due.dueAt.slice(11, 16)} UTC and is overdue`
        : `is due at ${due.dueAt.slice(11, 16)} UTC`;
      rows.push(
        outboxRow(ctx.notify, incident, person, channel as Exclude<NotificationChannel, 'digest'>, {
          key,
          kind: 'reminder',
          message: 'update',
          audience: holder.role,
          summary: `The next status update on ${incident.id} ${late}. Post it from the war room or with: firebreak incident update ${incident.id}.`,
          at: ctx.now().toISOString(),
        }),
      );
    }
  }
  if (rows.length === 0) return 0;
  return ctx.db.transaction((tx) => enqueueNotifications(tx, rows, ctx.now()));
}

/**
 * Runs escalation and reminders now and then every `everyMs` (5 s unless set), or sooner when
 * something is due sooner; returns how to stop.
 */
export function scheduleEscalations(options: {
  db: Db;
  log: Logger;
  events: EventBus;
  now: () => Date;
  notify: NotifyConfig;
  everyMs?: number;
}): { stop: () => void; wake: () => void } {
  const every = options.everyMs ?? 5_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  const ctx = {
    ...systemCtx({ ...options, actor: ESCALATION_ACTOR, requestId: 'escalation' }),
    notify: options.notify,
  };
  const run = async () => {
    let wait = every;
    try {
      const pass = await runEscalations(ctx);
      if (pass.fired > 0 || pass.reminders > 0) options.log.info(pass, 'escalations and reminders carried out');
      if (pass.nextCheckAt) wait = Math.max(50, Math.min(every, pass.nextCheckAt.getTime() - options.now().getTime()));
    } catch (error) {
      options.log.error({ err: error }, 'escalation pass failed; retrying');
    }
    if (!stopped) {
      timer = setTimeout(() => void tick(), wait);
      timer.unref();
    }
  };
  const tick = () => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
  void tick();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    wake: () => {
      clearTimeout(timer);
      void tick();
    },
  };
}
