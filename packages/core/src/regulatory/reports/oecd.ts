import { evidenceLines, modelLine, responseLines, submitterName, systemLine } from './common';
import { crosswalkFor, mapHarms, OECD_HARM_TYPES, suggestOecdSeverity } from './crosswalk';
import {
  type DraftField,
  type DraftSection,
  filled,
  fillOrAsk,
  formatDated,
  joined,
  needsPerson,
  type OriginalValue,
} from './draft';
import type { Drafted } from './options';
import type { RegulatoryRecord } from './record';

// OECD's common reporting framework for AI incidents (OECD AI Papers No. 34, February 2025):
// 29 criteria in eight dimensions, seven of them mandatory (1, 2, 3, 4, 7, 10, 11). The labels
// and the grouping into dimensions follow a secondary reading of the paper; check them against it.
// Past 300 lines on purpose: the form's fields in its own order, one call a field, so the file
// reads against the form; split by section it would scatter one form over several files.

const MANDATORY = new Set([1, 2, 3, 4, 7, 10, 11]);
const m = (n: number) => ({ mandatory: MANDATORY.has(n) });

function severity(record: RegulatoryRecord): DraftField {
  const c = record.classification;
  const original: OriginalValue[] = [
    { value: c.severity, vocabulary: 'Firebreak severity' },
    { value: c.nearMiss, vocabulary: 'Firebreak near miss' },
  ];
  const label = 'Severity (hazard, serious hazard, incident, serious incident, disaster, other)';
  if (c.oecdSeverity) return filled('10', label, c.oecdSeverity, 'classification.oecdSeverity', { ...m(10), original });
  return needsPerson(
    '10',
    label,
    'Choose the OECD level: it turns on whether harm occurred and how serious it was, which Firebreak’s response severity only hints at.',
    { ...m(10), original, suggestion: suggestOecdSeverity(c.severity, c.nearMiss, c.harms) },
  );
}

function harmType(record: RegulatoryRecord): DraftField {
  const c = record.classification;
  const label = 'Harm type';
  if (c.oecdHarmTypes && c.oecdHarmTypes.length > 0)
    return filled('11', label, c.oecdHarmTypes, 'classification.oecdHarmTypes', {
      ...m(11),
      original: [{ value: [...c.harms], vocabulary: 'Firebreak harm category' }],
    });
  const { mapped, unmapped } = mapHarms(c.harms, OECD_HARM_TYPES);
  const original = [{ value: [...c.harms], vocabulary: 'Firebreak harm category' }];
  const rest = unmapped.length > 0 ? `Not mapped: ${unmapped.join(', ').replaceAll('_', ' ')}.` : undefined;
  if (mapped.length === 0)
    return needsPerson(
      '11',
      label,
      joined(
        [
          'Physical, psychological, reputational, economic or property, environmental, public interest, human or fundamental rights.',
          rest,
        ],
        ' ',
      ) ?? '',
      { ...m(11), original },
    );
  return filled('11', label, mapped, 'classification.harms (mapped)', {
    ...m(11),
    original,
    ...(rest ? { note: rest } : {}),
  });
}

function relation(record: RegulatoryRecord): DraftField {
  const c = record.classification;
  return fillOrAsk(
    '3',
    'How the AI system relates to the incident',
    c.aiRelation,
    'classification.aiRelation',
    'Whether the AI system caused, contributed to or was otherwise involved in the harm, and how.',
    {
      ...m(3),
      original: [
        { value: c.incidentType, vocabulary: 'Firebreak incident type' },
        { value: c.driver, vocabulary: 'Firebreak driver' },
      ],
    },
  );
}

function submitter(record: RegulatoryRecord): DraftField {
  const s = record.parties.submitter;
  return fillOrAsk(
    '4',
    'Submitter',
    joined([submitterName(s), s?.organisation, s?.email], ', '),
    'parties.submitter',
    'Who submits: name, organisation, contact.',
    m(4),
  );
}

function breadth(record: RegulatoryRecord): string | undefined {
  const { users, regions } = record.system;
  return joined(
    [
      users === undefined ? undefined : `About ${users} people reached`,
      regions && regions.length > 0 ? `regions ${regions.join(', ')}` : undefined,
    ],
    '; ',
  );
}

function modelInteraction(record: RegulatoryRecord): string[] {
  return (record.system.dependencies ?? [])
    .filter((dependency) => dependency.kind === 'model_api')
    .map((d) => `${d.name}${d.version ? ` ${d.version}` : ''}${d.vendor ? ` (${d.vendor})` : ''}`);
}

function additional(record: RegulatoryRecord): string[] {
  const c = record.classification;
  const row = crosswalkFor(c.incidentType);
  const lines = [`Firebreak ${record.incidentId}: ${c.incidentType} (${c.category}, ${c.driver}), ${c.severity}`];
  if (row) {
    if (row.owasp.length > 0) lines.push(`OWASP LLM Top 10 2025: ${row.owasp.join(', ')}`);
    if (row.atlas.length > 0) lines.push(`MITRE ATLAS: ${row.atlas.join(', ')}`);
    if (row.avid.length > 0) lines.push(`AVID: ${row.avid.join(', ')}`);
    if (row.nist.length > 0) lines.push(`NIST AI 600-1: ${row.nist.join('; ')}`);
  }
  return lines;
}

export function oecdDraft(record: RegulatoryRecord): Drafted {
  const { classification: c, system: s, timestamps: t, parties: p, impact } = record;
  const sections: DraftSection[] = [
    {
      id: 'metadata',
      title: 'Incident metadata',
      fields: [
        filled('1', 'Title', record.title, 'title', m(1)),
        fillOrAsk('2', 'Description', record.description, 'description', 'What happened, in a few sentences.', m(2)),
        relation(record),
        submitter(record),
        fillOrAsk(
          '5',
          'Date of first occurrence',
          t.occurredStart ? formatDated(t.occurredStart) : undefined,
          'timestamps.occurredStart',
          'When it first happened; an approximation is fine.',
        ),
        fillOrAsk(
          '6',
          'Countries',
          impact.countries,
          'impact.countries',
          'The countries where it happened or had effect.',
        ),
        fillOrAsk(
          '7',
          'Supporting materials',
          evidenceLines(record),
          'evidence',
          'Links or references to material that supports the report.',
          m(7),
        ),
        filled(
          '8',
          'AI system name and version',
          `${systemLine(s)}, ${modelLine(s)}`,
          'system.name, system.version, system.model',
        ),
        fillOrAsk(
          '9',
          'Developer and deployer organisations',
          joined(
            [
              p.developer ? `developer: ${p.developer.name}` : undefined,
              p.provider ? `provider: ${p.provider.name}` : undefined,
              p.deployer ? `deployer: ${p.deployer.name}` : undefined,
            ],
            '; ',
          ),
          'parties',
          'Who developed and who deployed the system.',
        ),
      ],
    },
    {
      id: 'harm',
      title: 'Harm',
      fields: [
        severity(record),
        harmType(record),
        fillOrAsk(
          '12',
          'Harm quantification',
          impact.harmQuantification ??
            (impact.peopleAffected === undefined ? undefined : `${impact.peopleAffected} people affected`),
          'impact.harmQuantification, impact.peopleAffected',
          'How much harm: people, money, duration.',
        ),
        fillOrAsk(
          '13',
          'Unintended or wrongful use',
          c.wrongfulUse,
          'classification.wrongfulUse',
          'Whether the system was used as intended, unintentionally misused or deliberately abused.',
          { original: [{ value: c.incidentType, vocabulary: 'Firebreak incident type' }] },
        ),
      ],
    },
    {
      id: 'people',
      title: 'People and planet',
      fields: [
        fillOrAsk(
          '14',
          'Affected stakeholders',
          c.stakeholders,
          'classification.stakeholders',
          'Who was affected: consumers, workers, children…',
        ),
        fillOrAsk(
          '15',
          'Human-rights impacts',
          c.rightsImpacts,
          'classification.rightsImpacts',
          'Which rights were affected, and how.',
          {
            original: [{ value: [...c.harms], vocabulary: 'Firebreak harm category' }],
          },
        ),
        needsPerson(
          '16',
          'AI Principles concerned',
          'The OECD AI Principles the incident touches (e.g. privacy, robustness, accountability).',
        ),
      ],
    },
    {
      id: 'economic',
      title: 'Economic context',
      fields: [
        fillOrAsk(
          '17',
          'Industries (ISIC)',
          c.industry,
          'classification.industry',
          'The industry of deployment, as an ISIC code.',
        ),
        needsPerson('18', 'Business functions', 'The business function the system serves (customer service, HR…).', {
          suggestion: s.intendedUse,
        }),
        fillOrAsk(
          '19',
          'Critical infrastructure',
          c.criticalInfraSector,
          'classification.criticalInfraSector',
          'The critical-infrastructure sector involved, or "none".',
        ),
        fillOrAsk(
          '20',
          'Breadth of deployment',
          breadth(record),
          'system.users, system.regions',
          'How widely the system is deployed.',
        ),
      ],
    },
    {
      id: 'data',
      title: 'Data and input',
      fields: [
        needsPerson('21', 'Link to training data', 'Whether and how the training data relates to the incident.'),
      ],
    },
    {
      id: 'model',
      title: 'AI model',
      fields: [
        filled('22', 'Link to model', modelLine(s), 'system.model'),
        needsPerson('23', 'Usage rights', 'The model’s licence or terms of use (open weights, API terms…).'),
        fillOrAsk(
          '24',
          'Multiple-AI interaction',
          modelInteraction(record),
          'system.dependencies (model APIs)',
          'Whether other AI systems took part; "none" if not.',
        ),
      ],
    },
    {
      id: 'task',
      title: 'Task and output',
      fields: [
        fillOrAsk('25', 'Tasks', s.intendedUse, 'system.intendedUse', 'What the system does.'),
        needsPerson(
          '26',
          'Maximum autonomy level',
          'How far the system acts without a person (e.g. human in the loop, on the loop, none).',
        ),
      ],
    },
    {
      id: 'other',
      title: 'Response and other information',
      fields: [
        fillOrAsk(
          '27',
          'Actions taken',
          responseLines(record),
          'response.actionsTaken, response.correctiveActions',
          'What was done.',
        ),
        fillOrAsk(
          '28',
          'Steps to reproduce',
          record.response.stepsToReproduce,
          'response.stepsToReproduce',
          'How the failure can be reproduced, if it can be shared.',
        ),
        filled('29', 'Additional information', additional(record), 'classification, crosswalk (taxonomy tags)'),
      ],
    },
  ];
  return {
    form: 'OECD common reporting framework for AI incidents',
    formVersion: 'OECD AI Papers No. 34, February 2025 (29 criteria, 7 mandatory)',
    recipient: 'OECD AI incident reporting (or a reporting scheme built on the framework)',
    notes: [
      'Criterion labels and dimension names follow a secondary reading of the paper; check them against it before relying on them.',
    ],
    sections,
  };
}
