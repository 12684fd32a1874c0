import type { Report, ReportListItem } from '@firebreak/contract';
import { INCIDENT_TYPE_NAMES, type IncidentType, type Severity } from '@firebreak/core';
import type { Command } from 'commander';
import { clientFor } from '../client';
import type { CliIo } from '../io';
import { emit, fields, table, truncate } from '../output';
import { relativeTime, utcMinute } from '../time';
import * as parse from '../validate';

const JSON_HELP = "print the server's JSON response";
// Spelled out here rather than imported: a value from the contract would load zod (ADR 12).
const STATUSES = ['open', 'all', 'received', 'acknowledged', 'closed', 'dismissed'] as const;

/** The clocks as a responder reads them: what is owed next and whether it is late. */
function clocks(report: ReportListItem | Report, now: Date): string {
  const { clocks: c } = report;
  if (!report.acknowledgedAt && report.status !== 'dismissed')
    return `${c.acknowledgeOverdue ? 'ACK OVERDUE' : 'ack'} by ${utcMinute(c.acknowledgeBy)} (${relativeTime(c.acknowledgeBy, now)})`;
  if (c.updateBy)
    return `${c.updateOverdue ? 'UPDATE OVERDUE' : 'update'} by ${utcMinute(c.updateBy)} (${relativeTime(c.updateBy, now)})`;
  return report.status;
}

function render(report: Report, now: Date): string[] {
  return [
    `${report.reference}  ${report.status}  ${report.kind.replaceAll('_', ' ')}${report.incidentId ? `  (${report.incidentId})` : ''}`,
    ...fields([
      ['received', utcMinute(report.receivedAt)],
      ['clock', clocks(report, now)],
      ['system', report.system],
      ['when', report.when],
      [
        'contact',
        report.email
          ? `${report.email}${report.consent ? '' : ' (no consent: not mailed)'}`
          : 'none (cannot be mailed)',
      ],
      [
        'acknowledged',
        report.acknowledgedBy ? `${report.acknowledgedBy} at ${utcMinute(report.acknowledgedAt!)}` : null,
      ],
      [
        'closed',
        report.closedBy ? `${report.closedBy} at ${utcMinute(report.closedAt!)}: ${report.closeReason}` : null,
      ],
    ]),
    '',
    report.whatHappened,
    ...(report.attachments.length > 0
      ? [
          '',
          'Attachments (download: GET /api/v1/reports/<ref>/attachments/<n>):',
          ...report.attachments.map((a) => `  ${a.n}. ${a.name}  ${a.mediaType}  ${a.size} B  sha256 ${a.sha256}`),
        ]
      : []),
    '',
    'History:',
    ...report.history.map(
      (entry) =>
        `  ${utcMinute(entry.at)}  ${entry.actor}  ${entry.action}${typeof entry.detail.message === 'string' ? `: ${truncate(entry.detail.message, 80)}` : typeof entry.detail.reason === 'string' ? `: ${entry.detail.reason}` : ''}`,
    ),
  ];
}

const mailed = (report: Report) =>
  report.email && report.consent
    ? `; the reporter is mailed at ${report.email}`
    : '; the reporter left no address to mail';

/** `firebreak reports …`: the triage queue of reports from outside (the public form at /report). */
export function registerReports(program: Command, io: CliIo): void {
  const reports = program
    .command('reports')
    .description('External reports from users and researchers: the triage queue, with 24 h / 72 h clocks')
    .addHelpText(
      'after',
      '\nReports arrive through the public form at /report or POST /api/v1/reports (no token).\n\nExamples:\n  $ firebreak reports list --overdue\n  $ firebreak reports ack R-7KQ2M4XW9ZPA --message "We are on it"\n  $ firebreak reports declare R-7KQ2M4XW9ZPA --type privacy_leak --severity SEV2 --system support-copilot',
    );
  reports
    .command('list')
    .description('Open reports oldest first, with what is owed next (or --status all)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak reports list\n  $ firebreak reports list --overdue\n  $ firebreak reports list --status all',
    )
    .option('--status <status>', STATUSES.join(', '), parse.oneOf(STATUSES), 'open')
    .option('--overdue', 'only reports past their acknowledge or update clock')
    .option('--json', JSON_HELP)
    .action(async ({ status, overdue }: { status: (typeof STATUSES)[number]; overdue?: boolean }, cmd: Command) => {
      const list = await clientFor(cmd, io).listReports({ status, ...(overdue ? { overdue: true } : {}) });
      const now = io.now();
      emit(io, cmd, list, ({ items }) =>
        items.length === 0
          ? `No ${overdue ? 'overdue ' : ''}${status === 'all' ? '' : `${status} `}reports.`
          : table(
              ['REF', 'STATUS', 'KIND', 'RECEIVED', 'CLOCK', 'INCIDENT', 'SUMMARY'],
              items.map((r) => [
                r.reference,
                r.status,
                r.kind,
                relativeTime(r.receivedAt, now),
                clocks(r, now),
                r.incidentId ?? '',
                truncate(r.summary, 50),
              ]),
            ),
      );
    });
  reports
    .command('show')
    .description('One report: what was reported, contact, attachments with their SHA-256, history')
    .argument('<ref>', 'e.g. R-7KQ2M4XW9ZPA')
    .addHelpText('after', '\nExamples:\n  $ firebreak reports show R-7KQ2M4XW9ZPA')
    .option('--json', JSON_HELP)
    .action(async (ref: string, _options: unknown, cmd: Command) =>
      emit(io, cmd, await clientFor(cmd, io).getReport(ref.toUpperCase()), (r) => render(r, io.now())),
    );
  reports
    .command('ack')
    .description('Acknowledge: stops the 24 h clock and mails the reporter (if they gave an address)')
    .argument('<ref>')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak reports ack R-7KQ2M4XW9ZPA\n  $ firebreak reports ack R-7KQ2M4XW9ZPA --message "We reproduced it and are fixing it"',
    )
    .option('--message <text>', 'said to the reporter beside the acknowledgement')
    .option('--json', JSON_HELP)
    .action(async (ref: string, o: { message?: string }, cmd: Command) => {
      const report = await clientFor(cmd, io).acknowledgeReport(
        ref.toUpperCase(),
        o.message ? { message: o.message } : {},
      );
      emit(
        io,
        cmd,
        report,
        (r) => `${r.reference} acknowledged${mailed(r)}. Next update by ${utcMinute(r.clocks.updateBy!)}.`,
      );
    });
  reports
    .command('update')
    .description('Mail the reporter how it is going (restarts the 72 h clock); --final closes the report')
    .argument('<ref>')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak reports update R-7KQ2M4XW9ZPA --message "Fixed in release 44"\n  $ firebreak reports update R-7KQ2M4XW9ZPA --message "Thank you; closed" --final',
    )
    .requiredOption('--message <text>', 'what the reporter is told')
    .option('--final', 'the last word: close the report with it')
    .option('--json', JSON_HELP)
    .action(async (ref: string, o: { message: string; final?: boolean }, cmd: Command) => {
      const report = await clientFor(cmd, io).updateReport(ref.toUpperCase(), {
        message: o.message,
        final: Boolean(o.final),
      });
      emit(io, cmd, report, (r) =>
        r.status === 'closed'
          ? `${r.reference} closed${mailed(r)}.`
          : `${r.reference} updated${mailed(r)}. Next update by ${utcMinute(r.clocks.updateBy!)}.`,
      );
    });
  reports
    .command('link')
    .description('Link to an existing incident; the report goes on its timeline')
    .argument('<ref>')
    .argument('<incident>', 'e.g. INC-2', parse.incidentId)
    .addHelpText('after', '\nExamples:\n  $ firebreak reports link R-7KQ2M4XW9ZPA INC-2 --reason "Same leak"')
    .option('--reason <text>')
    .option('--json', JSON_HELP)
    .action(async (ref: string, incident: string, o: { reason?: string }, cmd: Command) => {
      const report = await clientFor(cmd, io).linkReport(ref.toUpperCase(), {
        incident,
        ...(o.reason ? { reason: o.reason } : {}),
      });
      emit(io, cmd, report, (r) => `${r.reference} linked to ${r.incidentId}; it is on the incident's timeline.`);
    });
  reports
    .command('declare')
    .description('Declare an incident from the report; the report goes on its timeline')
    .argument('<ref>')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak reports declare R-7KQ2M4XW9ZPA --type privacy_leak --severity SEV2 --system support-copilot',
    )
    .requiredOption('--type <type>', 'incident type (see: firebreak taxonomy)', parse.oneOf(INCIDENT_TYPE_NAMES))
    .requiredOption('--severity <severity>', 'SEV1..SEV4 or P0..P3', parse.severity)
    .option('--system <id>', 'affected systems (default: the report’s, if it names a catalog id)', parse.systemIds)
    .option('--title <text>', 'default: the first line of the report')
    .option('--reason <text>')
    .option('--json', JSON_HELP)
    .action(
      async (
        ref: string,
        o: { type: IncidentType; severity: Severity; system?: string[]; title?: string; reason?: string },
        cmd: Command,
      ) => {
        const answer = await clientFor(cmd, io).declareFromReport(ref.toUpperCase(), {
          type: o.type,
          severity: o.severity,
          ...(o.system ? { systems: o.system } : {}),
          ...(o.title ? { title: o.title } : {}),
          ...(o.reason ? { reason: o.reason } : {}),
        });
        emit(
          io,
          cmd,
          answer,
          ({ incident, report }) =>
            `Declared ${incident.id} (${incident.severity} ${incident.type}) from ${report.reference}; acknowledge by ${utcMinute(incident.response.deadline)}.`,
        );
      },
    );
  reports
    .command('dismiss')
    .description('Close without a response (spam, a duplicate, out of scope), with a reason')
    .argument('<ref>')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak reports dismiss R-7KQ2M4XW9ZPA --reason spam\n  $ firebreak reports dismiss R-7KQ2M4XW9ZPA --reason "duplicate of R-3M…" --message "We already know of this; thank you"',
    )
    .requiredOption('--reason <text>', 'why (kept; the reporter does not see it)')
    .option('--message <text>', 'also tell the reporter, in these words')
    .option('--json', JSON_HELP)
    .action(async (ref: string, o: { reason: string; message?: string }, cmd: Command) => {
      const report = await clientFor(cmd, io).dismissReport(ref.toUpperCase(), {
        reason: o.reason,
        ...(o.message ? { message: o.message } : {}),
      });
      emit(io, cmd, report, (r) => `${r.reference} dismissed${o.message ? mailed(r) : ''}.`);
    });
}
