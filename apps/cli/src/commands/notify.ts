import type { Command } from 'commander';
import { clientFor } from '../client';
import type { CliIo } from '../io';
import { emit } from '../output';
import { clockTime, relativeTime } from '../time';
import * as parse from '../validate';
import { renderNotifications, renderPreview, renderSettings } from './notify-report';

const JSON_HELP = "print the server's JSON response";

/** `firebreak notify …`: who is told about an incident, how delivery went, and the rules behind it. */
export function registerNotify(program: Command, io: CliIo): void {
  const notify = program
    .command('notify')
    .description('Who is told about an incident: the plan, the messages queued, retries and the rules')
    .addHelpText(
      'after',
      `
The server sends what the notification matrix in firebreak.yaml asks for (docs/notifications.md);
these commands show the plan, follow each message and send a failed one again.

Examples:
  $ firebreak notify preview INC-7
  $ firebreak notify list INC-7 --failed
  $ firebreak notify retry INC-7 12
  $ firebreak notify settings`,
    );

  notify
    .command('preview')
    .description('Who the matrix tells about an incident as it stands, on which channel and by when')
    .argument('<id>', 'incident id, e.g. INC-7', parse.incidentId)
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
One row per message in the order they go out; QUEUED marks those already in the outbox. Then
whom the plan cannot reach and why, and the escalation policy that runs if nobody acknowledges.

Examples:
  $ firebreak notify preview INC-7
  $ firebreak notify preview 7 --json`,
    )
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const preview = await clientFor(cmd, io).previewNotifications(id);
      emit(io, cmd, preview, (p) => renderPreview(p, id));
    });

  notify
    .command('list')
    .description('The messages queued about an incident and how their delivery went')
    .argument('<id>', 'incident id, e.g. INC-7', parse.incidentId)
    .option('--failed', 'only those that failed for good')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
STATUS is pending, delivering, delivered or failed. WHEN is when it was delivered, or how soon
its next attempt is due; ERROR is the last attempt's error, clipped (--json has it whole).

Examples:
  $ firebreak notify list INC-7
  $ firebreak notify list INC-7 --failed
  $ firebreak notify list INC-7 --json | jq '.notifications[] | select(.status == "failed")'`,
    )
    .action(async (id: string, options: { failed?: boolean }, cmd: Command) => {
      const list = await clientFor(cmd, io).incidentNotifications(id);
      const shown = options.failed ? list.notifications.filter((n) => n.status === 'failed') : list.notifications;
      emit(io, cmd, { notifications: shown }, () => renderNotifications(list.notifications, shown, id, io.now()));
    });

  notify
    .command('retry')
    .description('Send a failed notification again, with a fresh set of attempts')
    .argument('<id>', 'incident id, e.g. INC-7', parse.incidentId)
    .argument('<notification>', 'notification id, from: firebreak notify list INC-7', parse.notificationId)
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
Only a failed notification can be sent again; fix what made it fail first (an address in
firebreak.yaml, a channel's settings on the server).

Examples:
  $ firebreak notify retry INC-7 12
  $ firebreak notify retry INC-7 12 --json`,
    )
    .action(async (id: string, notification: number, _options: unknown, cmd: Command) => {
      const retried = await clientFor(cmd, io).retryNotification(id, notification);
      emit(io, cmd, retried, (n) => {
        const now = io.now();
        const next = n.nextAttemptAt
          ? `: next attempt ${clockTime(n.nextAttemptAt, now)} (${relativeTime(n.nextAttemptAt, now)})`
          : '';
        return `Notification ${n.id} (${n.kind ?? 'message'} to ${n.recipientName ?? n.recipient} by ${n.channel}) is ${n.status} again${next}`;
      });
    });

  notify
    .command('settings')
    .description('The notification rules in force: matrix, escalation policies, audiences, update cadence, channels')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
The rules come from the notifications section of firebreak.yaml (firebreak system apply), with
the defaults filled in; a channel the server has no settings for cannot deliver.

Examples:
  $ firebreak notify settings
  $ firebreak notify settings --json`,
    )
    .action(async (_options: unknown, cmd: Command) => {
      emit(io, cmd, await clientFor(cmd, io).notificationSettings(), renderSettings);
    });
}
