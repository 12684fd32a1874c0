import type { NewNotification } from '../notifications/enqueue';
import type { ReportRow } from './store';

/** What a mail to a reporter is about; part of its idempotency key. */
export type ReporterMailKind = 'acknowledged' | 'update' | 'closed' | 'dismissed';

const SUBJECTS: Record<ReporterMailKind, string> = {
  acknowledged: 'We are looking into your report',
  update: 'An update on your report',
  closed: 'Your report is closed',
  dismissed: 'Your report is closed',
};

/**
 * The outbox row that mails a reporter, or none when they gave no address or no consent (then
 * nobody writes to them). Plain text, no names of responders and no internal links: the reader
 * is outside the organisation. The key is the report, the kind and `seq` (how many mails of that
 * kind went before), so retrying the change queues nothing twice.
 */
export function reporterMail(
  report: ReportRow,
  kind: ReporterMailKind,
  options: { message?: string | undefined; nextUpdateBy?: Date | null; seq: number },
): NewNotification[] {
  if (!report.email || !report.consent) return [];
  const lines = [
    `Your report ${report.ref}, received ${utc(report.receivedAt)}.`,
    '',
    ...intro(kind),
    ...(options.message ? ['', options.message] : []),
    '',
    ...(options.nextUpdateBy ? [`We will write again by ${utc(options.nextUpdateBy)} at the latest.`, ''] : []),
    `Quote ${report.ref} if you write to us about it.`,
    'You get this mail because you gave this address on our report form and agreed to be contacted about your report.',
  ];
  return [
    {
      idempotencyKey: `${report.ref}:${kind}:${options.seq}`,
      incidentId: null,
      channel: 'email',
      recipient: report.email,
      payload: {
        kind: `report_${kind}`,
        plainMail: {
          subject: `${SUBJECTS[kind]} (${report.ref})`,
          text: lines.join('\n'),
          headers: { 'X-Firebreak-Report': report.ref },
        },
      },
    },
  ];
}

function intro(kind: ReporterMailKind): string[] {
  switch (kind) {
    case 'acknowledged':
      return ['A member of our response team has read it and is looking into it.'];
    case 'update':
      return ['Here is where it stands:'];
    case 'closed':
      return ['We have finished our work on it:'];
    case 'dismissed':
      return ['We have looked into it and are not taking it further:'];
  }
}

function utc(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
