import {
  DEFAULT_NOTIFICATION_MATRIX,
  type EscalationFiring,
  type EscalationPolicy,
  type NotificationChannel,
  nextEscalation,
} from '@firebreak/core';
import { type AlertRow, unansweredPageAlerts } from '../alerts/store';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import type { AudienceResolver } from '../notifications/audiences';
import { enqueueNotifications } from '../notifications/enqueue';
import { type NotifyConfig, resolverFor, systemFacts } from '../notifications/plan';
import { alertOutboxRow } from '../notifications/plan-alert';
import { alertNotificationRows, type NewNotification } from '../notifications/store';
import { claimFiring, firedKeys } from './store';

/** The actor on an alert's escalations (the same as an incident's). */
const ESCALATION_ACTOR = 'firebreak:escalation';

/**
 * Escalates the pages about alerts no incident holds, the way an incident's escalate: a
 * page-level alert nobody acknowledged runs its system's escalation policy from the moment it
 * paged, step by step, until someone acknowledges it, an incident takes it over, or it stops
 * firing. Alerts have no deadlines, so only timed steps fire. Each firing is claimed by its key
 * in the transaction that queues its notifications and audits it, so it happens once.
 */
export async function escalateAlerts(
  ctx: Ctx & { notify: NotifyConfig },
): Promise<{ fired: number; nextCheckAt: string | null }> {
  const now = ctx.now();
  const { resolver, directory } = await resolverFor(ctx.db, ctx.notify);
  const matrix = directory.notifications?.matrix ?? DEFAULT_NOTIFICATION_MATRIX;
  const paging = matrix.alert_page.find((entry) => entry.page)?.channels ?? ['slack', 'email'];
  const channels = paging.filter(
    (channel): channel is Exclude<NotificationChannel, 'digest'> =>
      channel !== 'digest' && ctx.notify.channels.includes(channel as never),
  );
  let fired = 0;
  let nextCheckAt: string | null = null;
  for (const alert of await unansweredPageAlerts(ctx.db)) {
    if (alert.suppressedUntil && alert.suppressedUntil > now) continue;
    const policy = resolver.policyFor([alert.system]);
    if (!policy) continue;
    const pagedAt = await pagedSince(ctx, alert);
    const check = nextEscalation(
      policy,
      {
        run: `${alert.id}/page@${pagedAt}`,
        startedAt: pagedAt,
        acknowledgedAt: null,
        fired: await firedKeys(ctx.db, alert.id),
      },
      now.toISOString(),
    );
    for (const firing of check.due) if (await fire(ctx, alert, policy, firing, resolver, channels)) fired += 1;
    if (check.nextCheckAt && (nextCheckAt === null || check.nextCheckAt < nextCheckAt)) nextCheckAt = check.nextCheckAt;
  }
  return { fired, nextCheckAt };
}

/** When the alert first paged (its first `alert_page` notification), else when it opened. */
async function pagedSince(ctx: Ctx, alert: AlertRow): Promise<string> {
  const first = (await alertNotificationRows(ctx.db, alert.id)).find((row) =>
    row.idempotencyKey.startsWith(`${alert.id}:alert_page:`),
  );
  return (first?.createdAt ?? alert.openedAt).toISOString();
}

async function fire(
  ctx: Ctx & { notify: NotifyConfig },
  alert: AlertRow,
  policy: EscalationPolicy,
  firing: EscalationFiring,
  resolver: AudienceResolver,
  channels: readonly Exclude<NotificationChannel, 'digest'>[],
): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const at = ctx.now();
    if (!(await claimFiring(tx, { key: firing.key, incidentId: alert.id, policy: policy.id, at }))) return false;
    let people = resolver.targets(firing.targets, at.toISOString());
    // The first step at the start is the page the matrix sent already: only targets it missed.
    if (firing.pass === 0 && firing.step === 0 && firing.reason === 'step') {
      const [system] = await systemFacts(tx, [alert.system]);
      const paged = new Set((resolver.resolve(system, [], at.toISOString()).on_call ?? []).map((person) => person.id));
      people = people.filter((person) => !paged.has(person.id));
    }
    const rows: NewNotification[] = [];
    for (const person of people)
      for (const channel of channels) {
        if (person.reachableBy && !person.reachableBy.includes(channel)) continue;
        rows.push(
          alertOutboxRow(ctx.notify, alert, person, channel, {
            key: `${alert.id}:escalation:${encodeURIComponent(firing.key)}:${encodeURIComponent(person.id)}:${channel}`,
            kind: 'escalation',
            message: 'escalation',
            audience: 'on_call',
            at: at.toISOString(),
          }),
        );
      }
    await enqueueNotifications(tx, rows, at);
    await appendAudit(tx, {
      at,
      actor: ESCALATION_ACTOR,
      action: 'alert.escalated',
      subject: alert.id,
      payload: {
        policy: policy.id,
        pass: firing.pass,
        step: firing.step + 1,
        recipients: people.map((person) => person.id),
        notifications: rows.length,
      },
    });
    return true;
  });
}
