import { modelLine, submitterName } from './common';
import { crosswalkFor } from './crosswalk';
import { filled, fillOrAsk, formatDated, formatDay, joined, needsPerson, notApplicable } from './draft';
import type { Drafted } from './options';
import type { RegulatoryRecord } from './record';

// A submission to the AI Incident Database (incidentdatabase.ai): a report (a public account of
// the incident, which AIID requires to be published at a URL) and the incident it describes.
// Field keys are AIID's own (its Submission type).

/** Taxonomy tags for AIID, `namespace:value`, from the incident type's crosswalk row. */
export function aiidTags(incidentType: string): string[] {
  const row = crosswalkFor(incidentType);
  if (!row) return [];
  return [
    ...row.owasp.map((id) => `OWASP:${id}`),
    ...row.atlas.map((id) => `ATLAS:${id}`),
    ...row.avid.map((id) => `AVID:${id}`),
    ...row.nist.map((risk) => `NIST-AI-600-1:${risk}`),
  ];
}

function reportText(record: RegulatoryRecord): string | undefined {
  return joined(
    [
      record.description,
      record.impact.resultingHarm,
      record.response.rootCause ? `Cause: ${record.response.rootCause}` : undefined,
    ],
    '\n\n',
  );
}

export function aiidDraft(record: RegulatoryRecord): Drafted {
  const { parties: p, system: s, classification: c, timestamps: t } = record;
  const author = joined([p.submitter?.organisation ?? p.provider?.name]);
  const submitter = submitterName(p.submitter);
  const developer = p.developer ?? p.provider;
  const req = { mandatory: true };
  return {
    form: 'AI Incident Database submission',
    formVersion: 'AIID Submission type (report and incident fields)',
    recipient: 'AI Incident Database (Responsible AI Collaborative)',
    notes: [
      'AIID is public: everything in this draft is published once accepted. Review the text for personal data and confidential detail.',
      'AIID catalogues published accounts: the report needs a public URL (a disclosure, a published postmortem).',
    ],
    sections: [
      {
        id: 'report',
        title: 'Report',
        fields: [
          needsPerson(
            'url',
            'URL of the published report',
            'Where your public account of the incident is published.',
            req,
          ),
          fillOrAsk('title', 'Report title', record.title, 'title', 'The published account’s title.', req),
          fillOrAsk(
            'authors',
            'Authors',
            author ? [author] : undefined,
            'parties.submitter.organisation',
            'Who wrote the account.',
            req,
          ),
          fillOrAsk(
            'submitters',
            'Submitters',
            submitter ? [submitter] : undefined,
            'parties.submitter',
            'Who submits it to AIID.',
            req,
          ),
          fillOrAsk(
            'text',
            'Report text',
            reportText(record),
            'description, impact.resultingHarm, response.rootCause',
            'The account’s text.',
            req,
          ),
          needsPerson('date_published', 'Date published', 'The day the account was published (YYYY-MM-DD).', {
            ...req,
            ...(t.publicStatusAt ? { suggestion: formatDated({ ...t.publicStatusAt, precision: 'day' }) } : {}),
          }),
          needsPerson(
            'date_downloaded',
            'Date downloaded',
            'The day the account was retrieved for submission (YYYY-MM-DD).',
            {
              ...req,
              suggestion: formatDay(record.generatedAt),
            },
          ),
          needsPerson('language', 'Language', 'The account’s language, as an ISO 639-1 code.', {
            ...req,
            suggestion: 'en',
          }),
          needsPerson('source_domain', 'Source domain', 'The domain of the URL above.', req),
          needsPerson('image_url', 'Image URL', 'An image for the report; optional on the submission form.'),
          fillOrAsk(
            'tags',
            'Tags',
            aiidTags(c.incidentType),
            'classification.incidentType (crosswalk)',
            'Taxonomy tags.',
            {
              original: [{ value: c.incidentType, vocabulary: 'Firebreak incident type' }],
            },
          ),
          notApplicable('date_submitted', 'Date submitted', 'AIID sets it when the submission arrives.'),
        ],
      },
      {
        id: 'incident',
        title: 'Incident',
        fields: [
          fillOrAsk('incident_title', 'Incident title', record.title, 'title', 'A title for the incident.', req),
          fillOrAsk(
            'incident_date',
            'Incident date',
            t.occurredStart ? formatDated({ ...t.occurredStart, precision: 'day' }) : undefined,
            'timestamps.occurredStart',
            'When the incident happened (YYYY-MM-DD).',
            {
              ...req,
              ...(t.occurredStart && t.occurredStart.precision !== 'exact' && t.occurredStart.precision !== 'day'
                ? { note: `Known to the ${t.occurredStart.precision} only; AIID asks for a day.` }
                : {}),
            },
          ),
          fillOrAsk(
            'description',
            'Description',
            record.description,
            'description',
            'A short description of the incident.',
            req,
          ),
          fillOrAsk(
            'deployers',
            'Alleged deployer of AI system',
            p.deployer ? [p.deployer.name] : undefined,
            'parties.deployer',
            'Who deployed the system.',
          ),
          fillOrAsk(
            'developers',
            'Alleged developer of AI system',
            developer ? [developer.name] : undefined,
            'parties.developer or parties.provider',
            'Who developed the system.',
          ),
          fillOrAsk(
            'harmed_parties',
            'Alleged harmed or nearly harmed parties',
            c.stakeholders,
            'classification.stakeholders',
            'Who was harmed or nearly harmed.',
          ),
          filled('implicated_systems', 'Implicated AI systems', [s.name, modelLine(s)], 'system.name, system.model'),
          notApplicable(
            'incident_ids',
            'Existing incident ids',
            'Left empty for a new incident; AIID editors link it to an existing one.',
          ),
        ],
      },
    ],
  };
}
