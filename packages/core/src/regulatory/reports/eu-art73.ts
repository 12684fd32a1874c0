import { chainLines, correctiveLines, evidenceLines, submitterName, systemLine, versionsLine } from './common';
import { EU_HARM_LIMBS, mapHarms } from './crosswalk';
import {
  type DraftField,
  type DraftSection,
  filled,
  fillOrAsk,
  formatDated,
  formatDay,
  formatRange,
  joined,
  needsPerson,
  notApplicable,
} from './draft';
import type { BuildOptions, Drafted } from './options';
import type { EuReportType, RecordFiling, RegulatoryRecord } from './record';

// The Commission's draft serious-incident form for high-risk AI systems under AI Act Art. 73
// (draft of 26 September 2025, five sections, modelled on the medical-device MIR). Numbered ids
// are the form's; the fields our source gives only by section carry the section and a key.
// Past 300 lines on purpose: the form's fields in its own order, one call a field, so the file
// reads against the form; split by section it would scatter one form over several files.

const isEuFiling = (filing: RecordFiling) => filing.ruleId.startsWith('eu.aia.');

function thisFiling(record: RegulatoryRecord, options: BuildOptions): RecordFiling | undefined {
  const matches = record.filings.filter((filing) =>
    options.ruleId ? filing.ruleId === options.ruleId : isEuFiling(filing),
  );
  return matches.at(-1);
}

function reportType(record: RegulatoryRecord, options: BuildOptions, filing: RecordFiling | undefined): DraftField {
  const label = 'Report type';
  if (options.reportType)
    return filled('1.2(e)', label, options.reportType, 'options.reportType (the obligation’s stage)', {
      mandatory: true,
    });
  let suggestion: EuReportType = record.filings.some(isEuFiling) ? 'follow-up' : 'initial';
  if (record.reportability?.reportable === false) suggestion = 'final non-reportable';
  return needsPerson(
    '1.2(e)',
    label,
    'Initial, follow-up, combined (initial and final at once), final reportable, or final non-reportable.',
    {
      mandatory: true,
      suggestion,
      ...(filing ? { original: [{ value: filing.reportType, vocabulary: `last filing under ${filing.ruleId}` }] } : {}),
    },
  );
}

function classification(record: RegulatoryRecord): DraftField {
  const { harms } = record.classification;
  const { mapped, unmapped } = mapHarms(harms, EU_HARM_LIMBS);
  const original = [{ value: [...harms], vocabulary: 'Firebreak harm category' }];
  const label = 'Classification of the incident (Art. 3(49))';
  const outside =
    unmapped.length > 0
      ? `${unmapped.join(', ').replaceAll('_', ' ')} ${unmapped.length === 1 ? 'is' : 'are'} not an Art. 3(49) limb by itself.`
      : undefined;
  if (mapped.length === 0)
    return needsPerson(
      '1.2(g)',
      label,
      joined(
        [
          'Tick the limbs that apply: death, serious harm to health, critical infrastructure (management or operation), fundamental rights, property, environment, other reportable.',
          outside,
        ],
        ' ',
      ) ?? '',
      { mandatory: true, original },
    );
  return filled('1.2(g)', label, mapped, 'classification.harms (mapped)', {
    mandatory: true,
    original,
    ...(outside ? { note: outside } : {}),
  });
}

function submitterLine(record: RegulatoryRecord): string | undefined {
  const { submitter, provider } = record.parties;
  const who = joined([submitter?.organisation ?? provider?.name, submitterName(submitter)], ', ');
  if (!who) return undefined;
  const role = record.system.role ? `as ${record.system.role.replaceAll('_', ' ')}` : undefined;
  return joined([who, submitter?.email, submitter?.phone, role], ', ');
}

function administrative(record: RegulatoryRecord, options: BuildOptions): DraftSection {
  const t = record.timestamps;
  const filing = thisFiling(record, options);
  const type = options.reportType ?? filing?.reportType;
  const final = type === 'final reportable' || type === 'final non-reportable';
  const elsewhere = record.filings.filter((f) => !isEuFiling(f));
  return {
    id: '1',
    title: '1. Administrative information',
    fields: [
      filing?.submittedAt
        ? filled(
            '1.2(a)',
            'Date of submission',
            formatDay(filing.submittedAt),
            `filings[${filing.ruleId}].submittedAt`,
            {
              mandatory: true,
            },
          )
        : needsPerson('1.2(a)', 'Date of submission', 'The day you send the report (YYYY-MM-DD).', { mandatory: true }),
      fillOrAsk(
        '1.2(b)',
        'Date of the incident (or range)',
        t.occurredStart ? formatRange(t.occurredStart, t.occurredEnd) : undefined,
        'timestamps.occurredStart, timestamps.occurredEnd',
        'When the incident happened, a date or a range; an approximation is allowed.',
        { mandatory: true },
      ),
      fillOrAsk(
        '1.2(c)',
        'Date and time of detection',
        t.detectedAt ? formatDated(t.detectedAt) : undefined,
        'timestamps.detectedAt',
        'When the incident was detected, date and time.',
        {
          mandatory: true,
          ...(t.detectedAt && t.detectedAt.precision !== 'exact'
            ? { note: `Known to the ${t.detectedAt.precision} only.` }
            : {}),
        },
      ),
      t.reportabilityDeterminedAt
        ? filled(
            '1.2(d)',
            'Awareness date of reportability',
            formatDated(t.reportabilityDeterminedAt),
            'timestamps.reportabilityDeterminedAt',
            { mandatory: true },
          )
        : needsPerson(
            '1.2(d)',
            'Awareness date of reportability',
            'The day you became aware the incident is reportable. Firebreak keeps it apart from awareness of the incident and does not infer one from the other.',
            {
              mandatory: true,
              ...(t.awareAt
                ? { original: [{ value: formatDated(t.awareAt), vocabulary: 'Firebreak fact: aware of the incident' }] }
                : {}),
            },
          ),
      reportType(record, options, filing),
      final
        ? notApplicable('1.2(f)', 'Next report expected', 'A final report expects no further report.')
        : fillOrAsk(
            '1.2(f)',
            'Next report expected',
            filing?.nextReportExpectedAt ? formatDay(filing.nextReportExpectedAt) : undefined,
            'filings.nextReportExpectedAt',
            'When you will send the next (follow-up or final) report.',
            { mandatory: true },
          ),
      classification(record),
      fillOrAsk(
        '1 (submitter)',
        'Submitter: organisation, contact, role',
        submitterLine(record),
        'parties.submitter, parties.provider, system.role',
        'Who submits (organisation, contact person, email, phone) and whether as provider or deployer.',
        { mandatory: true },
      ),
      elsewhere.length > 0
        ? filled(
            '1.3.5',
            'Reported elsewhere, under Regulation/Law',
            elsewhere.map(
              (f) =>
                `${f.regime ?? f.ruleId}${f.recipient ? ` to ${f.recipient}` : ''}${f.submittedAt ? `, ${formatDay(f.submittedAt)}` : ''}${f.reference ? `, ref. ${f.reference}` : ''}`,
            ),
            'filings (other regimes)',
          )
        : needsPerson(
            '1.3.5',
            'Reported elsewhere, under Regulation/Law',
            'Reports of this incident under other laws (GDPR, NIS2, DORA…); Firebreak has none recorded. Write "none" if so.',
          ),
    ],
  };
}

function identification(record: RegulatoryRecord): DraftSection {
  const s = record.system;
  const software = 'Firebreak keeps no such number for a software system; write it in if yours has one.';
  return {
    id: '2',
    title: '2. AI system identification',
    fields: [
      fillOrAsk(
        '2 (EU database)',
        'EU database registration id',
        s.euDatabaseId,
        'system.euDatabaseId',
        'The id of the system’s registration in the EU database (AI Act Art. 71).',
        { mandatory: true },
      ),
      filled('2 (brand)', 'Brand name', s.name, 'system.name', { mandatory: true }),
      fillOrAsk('2 (model)', 'Model', s.version, 'system.version', 'The system’s model or release designation.', {
        suggestion: systemLine(s),
      }),
      notApplicable('2 (catalogue)', 'Catalogue number', software),
      notApplicable('2 (serial)', 'Serial number', software),
      notApplicable('2 (lot)', 'Lot number', software),
      filled(
        '2 (software)',
        'Software version',
        versionsLine(s),
        'system.model, system.promptVersion, system.policyVersion',
        {
          mandatory: true,
        },
      ),
      notApplicable('2 (firmware)', 'Firmware version', 'A software AI system has no firmware of its own.'),
    ],
  };
}

function incident(record: RegulatoryRecord): DraftSection {
  const { impact } = record;
  return {
    id: '3',
    title: '3. The incident',
    fields: [
      fillOrAsk(
        '3 (description)',
        'Description of the incident',
        record.description,
        'description (the incident summary)',
        'What happened, to whom, and the AI system’s part in it.',
        { mandatory: true },
      ),
      fillOrAsk(
        '3 (Member States)',
        'Member States where it occurred',
        impact.countries,
        'impact.countries (incident facts)',
        'The Member States where the incident occurred: the report goes to each one’s market surveillance authority.',
        { mandatory: true },
      ),
      fillOrAsk(
        '3 (affected)',
        'Number of people affected',
        impact.peopleAffected,
        'impact.peopleAffected',
        'How many people were affected, or an estimate.',
      ),
      fillOrAsk(
        '3 (chain)',
        'Sequence of events',
        chainLines(record),
        'response.chain (the incident timeline)',
        'What happened, in order.',
      ),
      fillOrAsk('3 (evidence)', 'Evidence kept', evidenceLines(record), 'evidence', 'What evidence is preserved.'),
    ],
  };
}

function investigation(record: RegulatoryRecord, options: BuildOptions): DraftSection {
  const { response, reportability } = record;
  const nonReportable = reportability?.reportable === false || options.reportType === 'final non-reportable';
  const review = response.riskAssessmentReview;
  return {
    id: '4',
    title: '4. Investigation and corrective action',
    fields: [
      fillOrAsk(
        '4 (root cause)',
        'Root cause',
        response.rootCause,
        'response.rootCause',
        'The cause found by the investigation, or how far it has got.',
      ),
      fillOrAsk(
        '4 (corrective actions)',
        'Corrective and preventive actions',
        correctiveLines(record),
        'response.correctiveActions',
        'What is being done so it does not happen again.',
      ),
      nonReportable
        ? fillOrAsk(
            '4.2(b)',
            'Rationale if not reportable',
            reportability?.rationale,
            'reportability.rationale',
            'Why the incident is not a reportable serious incident.',
            { mandatory: true },
          )
        : notApplicable('4.2(b)', 'Rationale if not reportable', 'The report treats the incident as reportable.'),
      review
        ? filled(
            '4.2(c)',
            'Risk assessment reviewed and still adequate',
            `${review.reviewed ? 'Reviewed' : 'Not reviewed'}${review.stillAdequate === undefined ? '' : review.stillAdequate ? '; still adequate' : '; not adequate'}${review.note ? `. ${review.note}` : ''}`,
            'response.riskAssessmentReview',
          )
        : needsPerson(
            '4.2(c)',
            'Risk assessment reviewed and still adequate',
            'Whether the system’s risk assessment was reviewed after the incident and is still adequate.',
          ),
    ],
  };
}

const affirmation: DraftSection = {
  id: '5',
  title: '5. Affirmation',
  fields: [
    needsPerson(
      '5',
      'Affirmation, date and signature',
      'A person responsible affirms the report is accurate to the best of their knowledge, with the date.',
      { mandatory: true },
    ),
  ],
};

export function euArt73Draft(record: RegulatoryRecord, options: BuildOptions): Drafted {
  const notes = [
    'Follows the Commission’s draft form of 26 September 2025 (consultation closed 7 November 2025); a final version may renumber fields.',
  ];
  const { system } = record;
  if (system.riskTier !== 'high')
    notes.push(`Art. 73 covers high-risk AI systems; this system’s risk tier is ${system.riskTier}.`);
  if (system.role === 'deployer')
    notes.push(
      'As deployer (Art. 26(5)): inform the provider first, then the importer or distributor and the authority.',
    );
  return {
    form: 'EU AI Act Art. 73 serious-incident report (high-risk AI systems)',
    formVersion: 'Commission draft, 26 September 2025',
    recipient: 'Market surveillance authority of each Member State where the incident occurred',
    notes,
    sections: [
      administrative(record, options),
      identification(record),
      incident(record),
      investigation(record, options),
      affirmation,
    ],
  };
}
