import { chainLines, evidenceLines, modelLine, responseLines, submitterFields } from './common';
import { type DraftField, fillOrAsk, formatDated, formatDay, formatRange, joined } from './draft';
import type { BuildOptions, Drafted } from './options';
import type { RegulatoryRecord } from './record';

// The Commission's serious-incident template for general-purpose AI models with systemic risk
// (4 November 2025): ten fields, nine of them free text. It asks for neither the date the provider
// became aware of its model's involvement nor the date of submission, which the GPAI Code's
// Measure 9.3 clocks run on; the draft carries both from Firebreak's own record, apart from the form.

function resultingHarm(record: RegulatoryRecord): string | undefined {
  const { impact, classification } = record;
  if (impact.resultingHarm) return impact.resultingHarm;
  const harms = classification.harms.map((harm) => harm.replaceAll('_', ' '));
  return joined(
    [
      harms.length > 0 ? `Harm categories: ${harms.join(', ')}.` : undefined,
      impact.peopleAffected === undefined ? undefined : `People affected: ${impact.peopleAffected}.`,
      impact.harmQuantification,
    ],
    ' ',
  );
}

function modelInvolved(record: RegulatoryRecord): string {
  const { system } = record;
  return joined([system.gpaiModelId ? `Model id ${system.gpaiModelId}` : undefined, modelLine(system)], ': ') ?? '';
}

function firebreakDates(record: RegulatoryRecord, options: BuildOptions): DraftField[] {
  const aware = record.timestamps.modelInvolvementAwareAt;
  const filing = record.filings
    .filter((f) => (options.ruleId ? f.ruleId === options.ruleId : f.ruleId.startsWith('eu.gpai')))
    .at(-1);
  return [
    fillOrAsk(
      'firebreak.aware',
      'Became aware of the model’s involvement (not on the form)',
      aware ? formatDated(aware) : undefined,
      'timestamps.modelInvolvementAwareAt',
      'When you became aware of the model’s involvement: Measure 9.3’s periods (2, 5, 10 or 15 days) run from it. Set the fact on the incident.',
    ),
    fillOrAsk(
      'firebreak.submitted',
      'Date of submission (not on the form)',
      filing?.submittedAt ? formatDay(filing.submittedAt) : undefined,
      'filings.submittedAt',
      'The day you send the report; Firebreak records it when the obligation is marked filed.',
    ),
  ];
}

export function gpaiDraft(record: RegulatoryRecord, options: BuildOptions): Drafted {
  const t = record.timestamps;
  const r = record.response;
  const m = { mandatory: true };
  const notes = [
    'The template has no field for when you became aware of the model’s involvement nor for the submission date; Firebreak keeps both and shows them apart from the form’s ten fields.',
  ];
  if (!record.system.gpaiSystemicRisk)
    notes.push(
      'The template is for general-purpose AI models with systemic risk; the system card does not say this one is.',
    );
  return {
    form: 'Serious incident report, general-purpose AI models with systemic risk',
    formVersion: 'Commission template, 4 November 2025 (GPAI Code of Practice, Commitment 9)',
    recipient: 'AI Office (and, as appropriate, national competent authorities)',
    notes,
    sections: [
      {
        id: 'form',
        title: 'The template',
        fields: [
          fillOrAsk(
            '1',
            'Start and end dates of the serious incident (or best approximations)',
            t.occurredStart ? formatRange(t.occurredStart, t.occurredEnd) : undefined,
            'timestamps.occurredStart, timestamps.occurredEnd',
            'When it started and ended; best approximations are allowed.',
            m,
          ),
          fillOrAsk(
            '2',
            'Resulting harm',
            resultingHarm(record),
            'impact.resultingHarm, or classification.harms and impact',
            'The harm that resulted, to whom and how much.',
            m,
          ),
          fillOrAsk(
            '3',
            'Chain of events',
            chainLines(record),
            'response.chain (the timeline)',
            'What happened, in order.',
            m,
          ),
          fillOrAsk(
            '4',
            'Model involved',
            modelInvolved(record),
            'system.gpaiModelId, system.model',
            'The model and version involved.',
            m,
          ),
          fillOrAsk(
            '5',
            'Evidence available',
            evidenceLines(record),
            'evidence',
            'What evidence of the model’s involvement exists.',
            m,
          ),
          fillOrAsk(
            '6',
            'Serious incident response (what, if anything, you intend to do)',
            responseLines(record),
            'response.actionsTaken, response.correctiveActions',
            'What was done and what you intend to do; "nothing" is an answer.',
            m,
          ),
          fillOrAsk(
            '7',
            'Recommendation to the AI Office (what, if anything)',
            r.recommendation,
            'response.recommendation',
            'What, if anything, you recommend the AI Office do; "nothing" is an answer.',
            m,
          ),
          fillOrAsk(
            '8',
            'Root cause analysis',
            r.rootCause,
            'response.rootCause',
            'The root cause analysis, or how far it has got.',
            m,
          ),
          fillOrAsk(
            '9',
            'Patterns in post-market monitoring',
            r.monitoringPatterns,
            'response.monitoringPatterns',
            'Patterns post-market monitoring shows around this incident (similar incidents, trends).',
            m,
          ),
        ],
      },
      { id: '10', title: '10. Submitter', fields: submitterFields(record, '10', true) },
      { id: 'firebreak', title: 'Kept by Firebreak (not on the form)', fields: firebreakDates(record, options) },
    ],
  };
}
