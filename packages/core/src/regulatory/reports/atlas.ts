import { modelLine, systemLine } from './common';
import { ATLAS_TECHNIQUES, crosswalkFor, SECURITY_INCIDENT_TYPES } from './crosswalk';
import { type DraftField, filled, fillOrAsk, formatDated, needsPerson } from './draft';
import type { Drafted } from './options';
import type { DatePrecision, RegulatoryRecord } from './record';

// A MITRE ATLAS case study (atlas-data's case-study schema): name, summary, incident date and
// its granularity, the procedure as steps of tactic, technique and description, who reported it,
// and references; recent case studies also carry the target, the actor and whether it was an
// incident or an exercise. Only for security incidents: ATLAS describes attacks on AI systems.

const GRANULARITY: Record<DatePrecision, string> = { exact: 'DATE', day: 'DATE', month: 'MONTH', year: 'YEAR' };

const FORM = {
  form: 'MITRE ATLAS case study',
  formVersion: 'atlas-data case-study schema (ATLAS data v5)',
  recipient: 'MITRE ATLAS (case-study contribution)',
};

function procedure(record: RegulatoryRecord): DraftField {
  const techniques = crosswalkFor(record.classification.incidentType)?.atlas ?? [];
  return needsPerson(
    'procedure',
    'Procedure (steps: tactic, technique, description)',
    'One step per attacker action, in order: the ATLAS tactic (AML.TA…), the technique (AML.T…) and what happened. Firebreak suggests techniques from the incident type; the tactics and the story are yours.',
    {
      mandatory: true,
      suggestion: techniques.map((id) => `${id} ${ATLAS_TECHNIQUES[id] ?? ''}`.trim()),
      original: [{ value: record.classification.incidentType, vocabulary: 'Firebreak incident type' }],
    },
  );
}

export function atlasDraft(record: RegulatoryRecord): Drafted {
  const type = record.classification.incidentType;
  if (!crosswalkFor(type)?.security)
    return {
      ...FORM,
      notes: [],
      sections: [],
      notApplicableReason: `An ATLAS case study describes an attack on an AI system; a ${type.replaceAll('_', ' ')} incident is not a security incident. ATLAS case studies are drafted for ${SECURITY_INCIDENT_TYPES.join(', ')}.`,
    };
  const { timestamps: t, system: s, parties: p } = record;
  const start = t.occurredStart;
  const references = record.evidence
    .filter((item) => item.url !== undefined)
    .map((item) => `${item.title}: ${item.url}`);
  return {
    ...FORM,
    notes: [
      'ATLAS case studies are public. Leave out what would help an attacker repeat the attack before it is fixed everywhere.',
    ],
    sections: [
      {
        id: 'study',
        title: 'Case study',
        fields: [
          filled('name', 'Name', record.title, 'title', { mandatory: true }),
          fillOrAsk(
            'summary',
            'Summary',
            record.description,
            'description',
            'What happened, the attack and its effect.',
            {
              mandatory: true,
            },
          ),
          fillOrAsk(
            'incident-date',
            'Incident date',
            start ? formatDated({ ...start, precision: 'day' }) : undefined,
            'timestamps.occurredStart',
            'When the attack happened (YYYY-MM-DD; the first of the month or year if only that is known).',
            { mandatory: true },
          ),
          start
            ? filled(
                'incident-date-granularity',
                'Incident date granularity',
                GRANULARITY[start.precision],
                'timestamps.occurredStart.precision',
                {
                  mandatory: true,
                  original: [{ value: start.precision, vocabulary: 'Firebreak date precision' }],
                },
              )
            : needsPerson(
                'incident-date-granularity',
                'Incident date granularity',
                'DATE, MONTH or YEAR: how precisely the date is known.',
                {
                  mandatory: true,
                },
              ),
          filled('case-study-type', 'Case study type', 'incident', 'a Firebreak incident (not an exercise)'),
          filled('target', 'Target', `${systemLine(s)}, ${modelLine(s)}`, 'system.name, system.model'),
          needsPerson('actor', 'Actor', 'Who carried out the attack, as far as known ("unknown" is an answer).'),
          procedure(record),
          fillOrAsk(
            'reported-by',
            'Reported by',
            p.submitter?.organisation ?? p.provider?.name,
            'parties.submitter.organisation or parties.provider',
            'Who reports the case study.',
            { mandatory: true },
          ),
          fillOrAsk(
            'references',
            'References',
            references,
            'evidence (with a URL)',
            'Public write-ups, advisories or papers, as title and URL.',
          ),
        ],
      },
    ],
  };
}
