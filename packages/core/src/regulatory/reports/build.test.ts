import { describe, expect, it } from 'vitest';
import { DomainError } from '../../errors';
import { INCIDENT_TYPE_NAMES } from '../../taxonomy';
import { buildDraft } from './build';
import { ATLAS_TECHNIQUES, SECURITY_INCIDENT_TYPES, TYPE_CROSSWALK } from './crosswalk';
import { DRAFT_FORMATS, type Draft, type DraftField, type DraftFormat, dated, formatDated } from './draft';
import { bareRecord, privacyLeakRecord } from './fixture';
import type { RegulatoryRecord } from './record';

const fields = (draft: Draft) => draft.sections.flatMap((section) => section.fields);

function field(draft: Draft, id: string): DraftField {
  const found = fields(draft).find((f) => f.id === id);
  if (!found) throw new Error(`${draft.format} has no field ${id}`);
  return found;
}

function value(draft: Draft, id: string) {
  const f = field(draft, id);
  if (f.state !== 'filled') throw new Error(`${draft.format} ${id} is ${f.state}, not filled`);
  return f.value;
}

describe('drafts of a privacy leak in an EU, personal-data, high-risk system', () => {
  const record = privacyLeakRecord();

  it.each(DRAFT_FORMATS)(
    '%s: every mandatory field is filled or flagged for a person, and the summary adds up',
    (format) => {
      const draft = buildDraft(format, record);
      expect(draft.applicable).toBe(true);
      const mandatory = fields(draft).filter((f) => f.mandatory);
      expect(mandatory.length).toBeGreaterThan(0);
      for (const f of mandatory) {
        expect(['filled', 'needs_person'], `${format} ${f.id}`).toContain(f.state);
        if (f.state === 'needs_person') expect(f.hint.length).toBeGreaterThan(10);
        if (f.state === 'filled') expect(f.source).not.toBe('');
      }
      const { summary } = draft;
      expect(summary.filled + summary.needsPerson + summary.notApplicable).toBe(summary.total);
      expect(summary.total).toBe(fields(draft).length);
      expect(summary.mandatoryNeedsPerson).toEqual(
        mandatory.filter((f) => f.state === 'needs_person').map((f) => f.id),
      );
      expect(new Set(fields(draft).map((f) => f.id)).size).toBe(summary.total);
    },
  );

  it('EU Art. 73: dates, classification, Member States and the GDPR filing come from the record', () => {
    const draft = buildDraft('eu_art73', record);
    expect(value(draft, '1.2(b)')).toBe('2026-11-24T08:40Z/2026-11-24T11:05Z');
    expect(value(draft, '1.2(c)')).toBe('2026-11-24T10:00Z');
    expect(value(draft, '1.2(g)')).toEqual(['fundamental rights']);
    const limbs = field(draft, '1.2(g)');
    expect(limbs.state === 'filled' && limbs.original).toEqual([
      { value: ['fundamental_rights', 'personal_data'], vocabulary: 'Firebreak harm category' },
    ]);
    expect(limbs.state === 'filled' && limbs.note).toMatch(/personal data is not an Art\. 3\(49\) limb/);
    expect(value(draft, '3 (Member States)')).toEqual(['DE', 'FR', 'NL']);
    expect(value(draft, '1.3.5')).toEqual(['GDPR Art. 33 to BfDI, 2026-11-25, ref. BfDI-2026-4411']);
    expect(value(draft, '2 (software)')).toBe(
      'model gpt-4.1 2025-04-14 (openai); prompt template v7; safety policy safety-3',
    );
    expect(value(draft, '2 (brand)')).toBe('Support copilot');
    expect(draft.notes.join(' ')).not.toMatch(/risk tier/);
  });

  it('EU Art. 73: awareness of reportability is never taken from awareness of the incident', () => {
    const d = field(buildDraft('eu_art73', record), '1.2(d)');
    expect(d.state).toBe('needs_person');
    expect(d.state === 'needs_person' && d.original).toEqual([
      { value: '2026-11-24T10:10Z', vocabulary: 'Firebreak fact: aware of the incident' },
    ]);
    const set = buildDraft('eu_art73', {
      ...record,
      timestamps: {
        ...record.timestamps,
        reportabilityDeterminedAt: { at: '2026-11-24T14:00:00Z', precision: 'exact' },
      },
    });
    expect(value(set, '1.2(d)')).toBe('2026-11-24T14:00Z');
  });

  it('EU Art. 73: report type from the obligation, and a final report expects no next one', () => {
    const initial = buildDraft('eu_art73', record);
    const type = field(initial, '1.2(e)');
    expect(type.state === 'needs_person' && type.suggestion).toBe('initial');
    expect(field(initial, '1.2(f)').state).toBe('needs_person');
    const final = buildDraft('eu_art73', record, { reportType: 'final reportable' });
    expect(value(final, '1.2(e)')).toBe('final reportable');
    expect(field(final, '1.2(f)').state).toBe('not_applicable');
    expect(field(final, '4.2(b)').state).toBe('not_applicable');
  });

  it('EU Art. 73: a non-reportable finding asks for its rationale until one is recorded', () => {
    const asked = buildDraft('eu_art73', { ...record, reportability: { reportable: false } });
    expect(field(asked, '4.2(b)')).toMatchObject({ state: 'needs_person', mandatory: true });
    const type = field(asked, '1.2(e)');
    expect(type.state === 'needs_person' && type.suggestion).toBe('final non-reportable');
    const given = buildDraft('eu_art73', {
      ...record,
      reportability: { reportable: false, rationale: 'No personal data left the tenant.' },
    });
    expect(value(given, '4.2(b)')).toBe('No personal data left the tenant.');
  });

  it('EU Art. 73: the filing of this obligation dates the submission and the next report', () => {
    const filed = buildDraft(
      'eu_art73',
      {
        ...record,
        filings: [
          ...record.filings,
          {
            ruleId: 'eu.aia.73.2',
            reportType: 'initial',
            submittedAt: '2026-11-27T09:00:00Z',
            nextReportExpectedAt: '2026-12-11T00:00:00Z',
          },
        ],
      },
      { ruleId: 'eu.aia.73.2' },
    );
    expect(value(filed, '1.2(a)')).toBe('2026-11-27');
    expect(value(filed, '1.2(f)')).toBe('2026-12-11');
    expect(value(filed, '1.3.5')).toEqual(['GDPR Art. 33 to BfDI, 2026-11-25, ref. BfDI-2026-4411']);
  });

  it('GPAI: the ten fields with the submitter split, and awareness and submission kept apart from the form', () => {
    const draft = buildDraft('gpai', record);
    const ids = fields(draft).map((f) => f.id);
    expect(ids).toEqual([
      ...['1', '2', '3', '4', '5', '6', '7', '8', '9'],
      ...['10(a)', '10(b)', '10(c)', '10(d)', '10(e)', '10(f)'],
      'firebreak.aware',
      'firebreak.submitted',
    ]);
    expect(value(draft, '1')).toBe('2026-11-24T08:40Z/2026-11-24T11:05Z');
    expect(value(draft, '3')).toEqual([
      '2026-11-24T08:40Z deploy: Prompt template v7 rolled out [#1]',
      '2026-11-24T10:00Z detector: flag:pii rate alert paged [#2]',
      '2026-11-24T10:31Z dana: Prompt rolled back to v6; auto-send killed [#7]',
    ]);
    expect(value(draft, '8')).toBe('Prompt template v7 retrieved tickets without the tenant filter.');
    expect(value(draft, '10(c)')).toBe('Dana');
    expect(field(draft, '10(f)').state).toBe('needs_person');
    expect(field(draft, 'firebreak.aware').state).toBe('needs_person');
    expect(draft.notes.join(' ')).toMatch(/no field for when you became aware/);
    expect(draft.notes.join(' ')).toMatch(/does not say this one is/);
  });

  it('OECD: 29 criteria, each once, the seven mandatory ones marked', () => {
    const draft = buildDraft('oecd', record);
    expect(fields(draft).map((f) => f.id)).toEqual(Array.from({ length: 29 }, (_, i) => String(i + 1)));
    expect(draft.sections).toHaveLength(8);
    expect(
      fields(draft)
        .filter((f) => f.mandatory)
        .map((f) => f.id),
    ).toEqual(['1', '2', '3', '4', '7', '10', '11']);
    expect(value(draft, '11')).toEqual(['human or fundamental rights']);
    expect(value(draft, '7')).toEqual([
      `EV-1 Leaking answers, redacted (transcript): sha256:${'a'.repeat(64)}`,
      `EV-2 Replay of 50 prompts on v6 and v7 (replay): https://evidence.acme.example/replay-50, sha256:${'b'.repeat(64)}`,
    ]);
    expect(value(draft, '29')).toEqual([
      'Firebreak INC-2: privacy_leak (safety, data), SEV1',
      'OWASP LLM Top 10 2025: LLM02:2025, LLM07:2025',
      'MITRE ATLAS: AML.T0057, AML.T0056',
      'AVID: P0300',
      'NIST AI 600-1: Data Privacy',
    ]);
    expect(draft.summary.mandatoryNeedsPerson).toEqual(['3']);
  });

  it('AIID: the incident fields and taxonomy tags filled, the public URL left to a person', () => {
    const draft = buildDraft('aiid', record);
    expect(field(draft, 'url')).toMatchObject({ state: 'needs_person', mandatory: true });
    expect(value(draft, 'incident_date')).toBe('2026-11-24');
    expect(value(draft, 'deployers')).toEqual(['Acme Retail GmbH']);
    expect(value(draft, 'harmed_parties')).toEqual(['consumers']);
    expect(value(draft, 'tags')).toEqual([
      'OWASP:LLM02:2025',
      'OWASP:LLM07:2025',
      'ATLAS:AML.T0057',
      'ATLAS:AML.T0056',
      'AVID:P0300',
      'NIST-AI-600-1:Data Privacy',
    ]);
    expect(field(draft, 'date_submitted').state).toBe('not_applicable');
  });
});

describe('severities and other mapped values keep their originals', () => {
  it('OECD severity chosen by a person sits beside SEV1 and the near-miss flag', () => {
    const severity = field(buildDraft('oecd', privacyLeakRecord()), '10');
    expect(severity).toMatchObject({
      state: 'filled',
      value: 'serious incident',
      source: 'classification.oecdSeverity',
      original: [
        { value: 'SEV1', vocabulary: 'Firebreak severity' },
        { value: false, vocabulary: 'Firebreak near miss' },
      ],
    });
  });

  it.each([
    ['SEV1', false, [], 'serious incident'],
    ['SEV3', false, [], 'incident'],
    ['SEV4', false, ['death'], 'serious incident'],
    ['SEV2', true, [], 'serious hazard'],
    ['SEV4', true, [], 'hazard'],
  ] as const)(
    'unchosen OECD severity for %s (near miss %s, harms %j) is a suggestion: %s',
    (sev, nearMiss, harms, expected) => {
      const record = privacyLeakRecord();
      const { oecdSeverity: _chosen, ...rest } = record.classification;
      const draft = buildDraft('oecd', {
        ...record,
        classification: { ...rest, severity: sev, nearMiss, harms: [...harms] },
      });
      const severity = field(draft, '10');
      expect(severity.state).toBe('needs_person');
      expect(severity.state === 'needs_person' && severity.suggestion).toBe(expected);
      expect(severity.state === 'needs_person' && severity.original).toEqual([
        { value: sev, vocabulary: 'Firebreak severity' },
        { value: nearMiss, vocabulary: 'Firebreak near miss' },
      ]);
      expect(draft.summary.mandatoryNeedsPerson).toContain('10');
    },
  );

  it('an OECD harm type chosen by a person wins over the mapping, the harm categories kept beside it', () => {
    const record = privacyLeakRecord();
    const draft = buildDraft('oecd', {
      ...record,
      classification: { ...record.classification, oecdHarmTypes: ['psychological'] },
    });
    expect(field(draft, '11')).toMatchObject({
      value: ['psychological'],
      original: [{ value: ['fundamental_rights', 'personal_data'], vocabulary: 'Firebreak harm category' }],
    });
  });
});

describe('a record with nothing optional', () => {
  it.each(DRAFT_FORMATS)('%s drafts, asking a person for what Firebreak does not know', (format: DraftFormat) => {
    const draft = buildDraft(format, bareRecord());
    if (format === 'atlas') {
      expect(draft.applicable).toBe(false);
      return;
    }
    expect(draft.summary.needsPerson).toBeGreaterThan(draft.summary.filled);
    const json = JSON.stringify(draft);
    expect(json).not.toMatch(/undefined|NaN|Invalid Date/);
  });

  it('EU Art. 73 says the system is not high-risk and asks for the classification', () => {
    const draft = buildDraft('eu_art73', bareRecord());
    expect(draft.notes.join(' ')).toMatch(/risk tier is minimal/);
    expect(field(draft, '1.2(g)').state).toBe('needs_person');
    expect(field(draft, '1.2(b)').state).toBe('needs_person');
    expect(field(draft, '1.3.5').state).toBe('needs_person');
  });
});

describe('ATLAS case studies', () => {
  it.each(INCIDENT_TYPE_NAMES)('%s: drafted only for a security incident', (type) => {
    const record = privacyLeakRecord();
    const draft = buildDraft('atlas', { ...record, classification: { ...record.classification, incidentType: type } });
    const security = (SECURITY_INCIDENT_TYPES as readonly string[]).includes(type);
    expect(draft.applicable).toBe(security);
    if (security) {
      const procedure = field(draft, 'procedure');
      const suggested = procedure.state === 'needs_person' ? procedure.suggestion : undefined;
      expect(suggested).toEqual(TYPE_CROSSWALK[type].atlas.map((id) => `${id} ${ATLAS_TECHNIQUES[id]}`));
    } else {
      expect(draft.sections).toEqual([]);
      expect(draft.notApplicableReason).toContain(`a ${type.replaceAll('_', ' ')} incident is not a security incident`);
    }
  });

  it('the security types are the six attack types, prompt injection as AML.T0051', () => {
    const flagged = INCIDENT_TYPE_NAMES.filter((type) => TYPE_CROSSWALK[type].security);
    expect([...SECURITY_INCIDENT_TYPES].sort()).toEqual(flagged.sort());
    expect(SECURITY_INCIDENT_TYPES).toHaveLength(6);
    expect(TYPE_CROSSWALK.prompt_injection.atlas).toEqual(['AML.T0051']);
    for (const row of Object.values(TYPE_CROSSWALK))
      for (const id of row.atlas) expect(ATLAS_TECHNIQUES[id], id).toBeTruthy();
  });

  it('the date granularity follows the precision the onset is known to, keeping it beside', () => {
    const record: RegulatoryRecord = privacyLeakRecord();
    record.timestamps.occurredStart = { at: '2026-11-01T00:00:00Z', precision: 'month' };
    const draft = buildDraft('atlas', record);
    expect(field(draft, 'incident-date-granularity')).toMatchObject({
      value: 'MONTH',
      original: [{ value: 'month', vocabulary: 'Firebreak date precision' }],
    });
    expect(value(buildDraft('gpai', record), '1')).toBe('2026-11/2026-11-24T11:05Z');
  });
});

describe('formats and dates', () => {
  it('refuses an unknown format, naming the field', () => {
    expect(() => buildDraft('toString' as DraftFormat, privacyLeakRecord())).toThrow(DomainError);
    expect(() => buildDraft('sec' as DraftFormat, privacyLeakRecord())).toThrow(
      /^format: "sec" is not a report format/,
    );
  });

  it.each([
    ['exact', '2028-02-29T22:59Z'],
    ['day', '2028-02-29'],
    ['month', '2028-02'],
    ['year', '2028'],
  ] as const)('cuts a moment to its precision, in UTC: %s', (precision, expected) => {
    expect(formatDated({ at: '2028-02-29T23:59:40+01:00', precision })).toBe(expected);
  });

  it('maps a nullable stored timestamp to a moment, leaving nothing as nothing', () => {
    expect(dated('2026-11-24T10:00:00.000Z')).toEqual({ at: '2026-11-24T10:00:00.000Z', precision: 'exact' });
    expect(dated('2026-11-01T00:00:00.000Z', 'month')).toEqual({ at: '2026-11-01T00:00:00.000Z', precision: 'month' });
    expect(dated(null)).toBeUndefined();
    expect(dated(undefined)).toBeUndefined();
  });

  it('shows a moment that does not parse as it is, rather than throwing', () => {
    expect(formatDated({ at: 'sometime in May', precision: 'day' })).toBe('sometime in May');
  });
});
