import { type DraftField, fillOrAsk, formatDated, formatInstant, joined } from './draft';
import type { RecordSubmitter, RecordSystem, RegulatoryRecord } from './record';

// Lines several drafts share: the system as a reader names it, the chain of events, the
// evidence, what was done, and the submitter's contact fields.

/** `gpt-4.1 2025-04-14 (openai)`. */
export function modelLine(system: RecordSystem): string {
  const { name, version, provider } = system.model;
  return `${name} ${version}${provider ? ` (${provider})` : ''}`;
}

/** The versions in play: model, prompt template and safety policy. */
export function versionsLine(system: RecordSystem): string {
  return (
    joined(
      [
        `model ${modelLine(system)}`,
        system.promptVersion ? `prompt template ${system.promptVersion}` : undefined,
        system.policyVersion ? `safety policy ${system.policyVersion}` : undefined,
      ],
      '; ',
    ) ?? ''
  );
}

/** `Support copilot 3.2 (support-copilot)`. */
export function systemLine(system: RecordSystem): string {
  return `${system.name}${system.version ? ` ${system.version}` : ''} (${system.id})`;
}

export function chainLines(record: RegulatoryRecord): string[] {
  return record.response.chain.map(
    (event) =>
      `${formatInstant(event.at)} ${event.actor}: ${event.text}${event.seq === undefined ? '' : ` [#${event.seq}]`}`,
  );
}

export function evidenceLines(record: RegulatoryRecord): string[] {
  return record.evidence.map((item) => {
    const where = joined([item.url, item.sha256 ? `sha256:${item.sha256}` : undefined], ', ');
    return `${item.id} ${item.title}${item.kind ? ` (${item.kind})` : ''}${where ? `: ${where}` : ''}`;
  });
}

export function actionLines(record: RegulatoryRecord): string[] {
  return record.response.actionsTaken.map(
    (action) => `${formatInstant(action.at)} ${action.text}${action.ref ? ` [${action.ref}]` : ''}`,
  );
}

export function correctiveLines(record: RegulatoryRecord): string[] {
  return record.response.correctiveActions.map((action) => {
    const due = action.dueAt ? `, due ${formatDated({ at: action.dueAt, precision: 'day' })}` : '';
    const check = action.verification ? `; verified by ${action.verification}` : '';
    return `${action.id} ${action.title} (${action.type}, ${action.status}${due}${check})`;
  });
}

/** What was done and what is planned, as one list (OECD 27, GPAI 6). */
export function responseLines(record: RegulatoryRecord): string[] {
  const planned = correctiveLines(record).map((line) => `Planned or open: ${line}`);
  return [...actionLines(record), ...planned];
}

export function submitterName(submitter: RecordSubmitter | undefined): string | undefined {
  return joined([submitter?.firstName, submitter?.lastName]);
}

/** The submitter's contact as the GPAI template splits it; `prefix` numbers the sub-fields. */
export function submitterFields(record: RegulatoryRecord, prefix: string, mandatory: boolean): DraftField[] {
  const submitter = record.parties.submitter;
  const source = (key: string) => `parties.submitter.${key}`;
  const opts = { mandatory };
  return [
    fillOrAsk(
      `${prefix}(a)`,
      'Capacity (provider, authorised representative, other)',
      submitter?.capacity,
      source('capacity'),
      'In what capacity you submit: provider, authorised representative, or other.',
      { ...opts, suggestion: roleSuggestion(record) },
    ),
    fillOrAsk(
      `${prefix}(b)`,
      'Organisation',
      submitter?.organisation,
      source('organisation'),
      'The organisation submitting.',
      { ...opts, suggestion: record.parties.provider?.name },
    ),
    fillOrAsk(
      `${prefix}(c)`,
      'First name',
      submitter?.firstName,
      source('firstName'),
      'The contact person’s first name.',
      opts,
    ),
    fillOrAsk(
      `${prefix}(d)`,
      'Last name',
      submitter?.lastName,
      source('lastName'),
      'The contact person’s last name.',
      opts,
    ),
    fillOrAsk(`${prefix}(e)`, 'Email', submitter?.email, source('email'), 'Where the authority can write.', opts),
    fillOrAsk(`${prefix}(f)`, 'Phone', submitter?.phone, source('phone'), 'A number the authority can call.', opts),
  ];
}

function roleSuggestion(record: RegulatoryRecord): string | undefined {
  const role = record.system.role;
  if (role === 'provider' || role === 'provider_and_deployer') return 'provider';
  if (role === 'deployer') return 'deployer';
  return undefined;
}
