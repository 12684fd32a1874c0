import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUILTIN_RULE_PACK_URL } from './builtin-pack';
import { loadHolidayCalendars } from './calendars';
import { combineRulePacks, evaluateObligations } from './obligations';
import type { ObligationFiling, RulePack } from './pack';
import type { IncidentFacts, ObligationSpec, RegulatoryProfile } from './types';

// The pack file is validated against the contract's schema in packages/contract (regulatory.test.ts);
// core may not import the contract, so here it is read as plain YAML.
const PACK: RulePack = parse(readFileSync(BUILTIN_RULE_PACK_URL, 'utf8'));

beforeAll(loadHolidayCalendars);

const EU_SYSTEM: RegulatoryProfile = {
  systemId: 'fraud-scoring',
  jurisdictions: ['EU', 'UK'],
  riskTier: 'high',
  personalData: true,
  role: 'provider',
  dataRole: 'controller',
};

function facts(partial: Partial<IncidentFacts>): IncidentFacts {
  return {
    moments: {},
    harms: [],
    jurisdictions: [],
    incidentType: 'privacy_leak',
    severity: 'SEV2',
    declaredAt: '2026-01-01T00:00:00Z',
    ...partial,
  };
}

const LATER = '2030-01-01T00:00:00Z';

function evaluate(profile: RegulatoryProfile, incident: IncidentFacts, filings: ObligationFiling[] = [], asOf = LATER) {
  return evaluateObligations(PACK, profile, incident, filings, asOf);
}

function only(list: ObligationSpec[], ruleId: string, stage?: string): ObligationSpec {
  const found = list.filter((item) => item.ruleId === ruleId && (stage === undefined || item.stage === stage));
  expect(found, `${ruleId} ${stage ?? ''}`).toHaveLength(1);
  return found[0]!;
}

describe('an EU high-risk system handling personal data (the demo case)', () => {
  it('opens GDPR 72 h, UK GDPR 72 h and the AI Act 15 days, the last not yet applicable, on "aware"', () => {
    const incident = facts({
      moments: { aware: '2026-12-07T09:00:00Z' },
      harms: ['personal_data', 'fundamental_rights'],
      jurisdictions: ['BE'],
    });
    const open = evaluate(EU_SYSTEM, incident, [], '2026-12-07T12:00:00Z');
    expect(open.map((item) => item.ruleId)).toEqual(['gdpr.33', 'uk.gdpr.33', 'eu.aia.73']);
    // Mon 7 Dec 09:00Z + 72 h = Thu 10 Dec 09:00Z.
    expect(only(open, 'gdpr.33')).toMatchObject({
      stage: 'notification',
      trigger: 'aware',
      clockStart: '2026-12-07T09:00:00.000Z',
      counting: 'hours',
      due: '2026-12-10T09:00:00.000Z',
      status: 'in_force',
      source: { url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' },
    });
    const aiAct = only(open, 'eu.aia.73');
    // Mon 7 Dec (Brussels) + 15 days = Tue 22 Dec, a working day; 24:00 CET = 22:59:59.999Z.
    expect(aiAct).toMatchObject({ stage: 'initial', counting: 'eu_days', due: '2026-12-22T22:59:59.999Z' });
    expect(aiAct.dueRolled).toBeUndefined();
    expect(aiAct.governedBy).toBeUndefined();
    expect(aiAct.status).toBe('not_yet_applicable');
    expect(aiAct.note).toMatch(/until 2027-12-02: high-risk classification of Annex III/);
    expect(aiAct.note).not.toMatch(/until 2026-08-02/);
  });
});

describe('EU AI Act Art. 73', () => {
  const provider = EU_SYSTEM;

  it('lets the earliest matching variant govern: critical infrastructure (2 days) over a death (10)', () => {
    const incident = facts({
      moments: { aware: '2027-12-09T10:00:00Z' },
      harms: ['death', 'critical_infrastructure_operation'],
      jurisdictions: ['DE'],
    });
    const report = only(evaluate(provider, incident), 'eu.aia.73');
    // Thu 9 Dec 2027 + 2 = Sat 11 Dec → Mon 13 Dec (3(4)); Fri 10 and Mon 13 are two working days (3(5)).
    expect(report).toMatchObject({
      due: '2027-12-11T22:59:59.999Z',
      dueRolled: '2027-12-13T22:59:59.999Z',
      status: 'in_force',
      governedBy: 'Art. 73(3): critical infrastructure (Art. 3(49)(b)) or a widespread infringement, 2 days',
    });
    expect(report.note).not.toMatch(/Not yet applicable/);
  });

  it('counts 10 days on a death, and 2 on a widespread infringement', () => {
    const death = facts({ moments: { aware: '2027-12-09T10:00:00Z' }, harms: ['death'], jurisdictions: ['BE'] });
    // Thu 9 Dec + 10 = Sun 19 Dec → Mon 20 Dec.
    expect(only(evaluate(provider, death), 'eu.aia.73')).toMatchObject({
      due: '2027-12-19T22:59:59.999Z',
      dueRolled: '2027-12-20T22:59:59.999Z',
      governedBy: 'Art. 73(4): a death, 10 days',
    });
    const widespread = facts({
      moments: { aware: '2027-12-07T10:00:00Z' },
      harms: ['fundamental_rights'],
      widespreadInfringement: true,
    });
    // Tue 7 Dec + 2 = Thu 9 Dec, a working day.
    expect(only(evaluate(provider, widespread), 'eu.aia.73').due).toBe('2027-12-09T22:59:59.999Z');
  });

  it('is due at once when a causal link is suspected, before the outer limit', () => {
    const incident = facts({
      moments: { aware: '2027-12-09T10:00:00Z', causal_link_suspected: '2027-12-10T08:00:00Z' },
      harms: ['death'],
    });
    expect(only(evaluate(provider, incident), 'eu.aia.73')).toMatchObject({
      trigger: 'causal_link_suspected',
      counting: 'immediately',
      clockStart: '2027-12-10T08:00:00.000Z',
      due: '2027-12-10T08:00:00.000Z',
      governedBy: 'Art. 73(2): immediately once a causal link is reasonably likely',
    });
  });

  it("counts days in the incident's Member State's calendar", () => {
    // Tue 29 Jun 2027 + 15 = Wed 14 Jul: France's national day → Thu 15 Jul; in Belgium a working day.
    const at = { aware: '2027-06-29T08:00:00Z' };
    const inFrance = only(
      evaluate(provider, facts({ moments: at, harms: ['health'], jurisdictions: ['FR'] })),
      'eu.aia.73',
    );
    expect(inFrance).toMatchObject({ due: '2027-07-14T21:59:59.999Z', dueRolled: '2027-07-15T21:59:59.999Z' });
    const unnamed = only(
      evaluate(provider, facts({ moments: at, harms: ['health'], jurisdictions: ['EU'] })),
      'eu.aia.73',
    );
    expect(unnamed.dueRolled).toBeUndefined();
  });

  it.each([
    [
      'no "aware" fact (a causal link alone)',
      EU_SYSTEM,
      { causal_link_established: '2027-12-09T10:00:00Z' },
      ['health'],
    ],
    [
      'a limited-risk system',
      { ...EU_SYSTEM, riskTier: 'limited' as const },
      { aware: '2027-12-09T10:00:00Z' },
      ['health'],
    ],
    ['no serious-incident harm', EU_SYSTEM, { aware: '2027-12-09T10:00:00Z' }, ['personal_data']],
    ['a system outside the EU', { ...EU_SYSTEM, jurisdictions: ['US'] }, { aware: '2027-12-09T10:00:00Z' }, ['health']],
  ] as const)('opens nothing for %s', (_name, profile, moments, harms) => {
    const open = evaluate(
      { ...profile, jurisdictions: [...profile.jurisdictions] },
      facts({ moments, harms: [...harms] }),
    );
    expect(open.filter((item) => item.ruleId.startsWith('eu.aia'))).toEqual([]);
  });

  it('asks a deployer to inform the provider immediately (Art. 26(5)), not to report under Art. 73', () => {
    const deployer = { ...EU_SYSTEM, role: 'deployer' as const };
    const open = evaluate(deployer, facts({ moments: { aware: '2027-12-09T10:00:00Z' }, harms: ['health'] }));
    expect(open.filter((item) => item.ruleId === 'eu.aia.73')).toEqual([]);
    expect(only(open, 'eu.aia.26.5')).toMatchObject({ counting: 'immediately', due: '2027-12-09T10:00:00.000Z' });
  });
});

describe('GPAI Code of Practice, Measure 9.3', () => {
  const model: RegulatoryProfile = {
    systemId: 'frontier-model',
    jurisdictions: ['EU'],
    riskTier: 'minimal',
    personalData: false,
    gpaiSystemicRisk: true,
    gpaiCodeSignatory: true,
  };
  const involved = '2026-12-04T10:00:00Z'; // Friday

  it('counts 5 days for a cyber breach and 2 when critical infrastructure is disrupted too', () => {
    // Fri 4 Dec + 5 = Wed 9 Dec.
    const breach = facts({ moments: { model_involvement_aware: involved }, harms: ['cyber_breach'] });
    expect(only(evaluate(model, breach), 'eu.gpai.cop.9.3', 'initial').due).toBe('2026-12-09T22:59:59.999Z');
    // Fri 4 Dec + 2 = Sun 6 Dec → Mon 7 Dec; Sat 5..Mon 7 holds one working day, so Tue 8 Dec (3(5)).
    const both = facts({
      moments: { model_involvement_aware: involved },
      harms: ['cyber_breach', 'critical_infrastructure_operation'],
    });
    expect(only(evaluate(model, both), 'eu.gpai.cop.9.3', 'initial')).toMatchObject({
      due: '2026-12-06T22:59:59.999Z',
      dueRolled: '2026-12-08T22:59:59.999Z',
      governedBy: 'Measure 9.3: serious and irreversible disruption of critical infrastructure, 2 days',
    });
  });

  it('opens no report for a harm outside the Measure', () => {
    const other = facts({ moments: { model_involvement_aware: involved }, harms: ['other'] });
    expect(evaluate(model, other)).toEqual([]);
  });

  it('asks for an intermediate report every 4 weeks from the latest report while unresolved', () => {
    const incident = facts({ moments: { model_involvement_aware: involved }, harms: ['cyber_breach'] });
    const initial = { ruleId: 'eu.gpai.cop.9.3', stage: 'initial' as const, submittedAt: '2026-12-08T09:00:00Z' };
    // Tue 8 Dec + 28 days = Tue 5 Jan 2027.
    expect(only(evaluate(model, incident, [initial]), 'eu.gpai.cop.9.3', 'intermediate')).toMatchObject({
      trigger: 'filing',
      clockStart: '2026-12-08T09:00:00.000Z',
      due: '2027-01-05T22:59:59.999Z',
    });
    const intermediate = {
      ruleId: 'eu.gpai.cop.9.3',
      stage: 'intermediate' as const,
      submittedAt: '2027-01-04T10:00:00Z',
    };
    // Mon 4 Jan + 28 = Mon 1 Feb 2027.
    const next = only(evaluate(model, incident, [initial, intermediate]), 'eu.gpai.cop.9.3', 'intermediate');
    expect(next.due).toBe('2027-02-01T22:59:59.999Z');
    // Evaluated before the intermediate was filed, the clock still runs from the initial report.
    const before = evaluate(model, incident, [initial, intermediate], '2027-01-03T00:00:00Z');
    expect(only(before, 'eu.gpai.cop.9.3', 'intermediate').due).toBe('2027-01-05T22:59:59.999Z');
  });

  it('stops intermediate reports once resolved and asks for the final within 60 days', () => {
    const incident = facts({
      moments: { model_involvement_aware: involved, resolved: '2027-01-10T12:00:00Z' },
      harms: ['cyber_breach'],
    });
    const initial = { ruleId: 'eu.gpai.cop.9.3', stage: 'initial' as const, submittedAt: '2026-12-08T09:00:00Z' };
    const open = evaluate(model, incident, [initial]);
    expect(open.filter((item) => item.stage === 'intermediate')).toEqual([]);
    // Sun 10 Jan + 60: 11..31 Jan is 21, February's 28 make 49, 1..11 Mar is 11 → Thu 11 Mar 2027.
    expect(only(open, 'eu.gpai.cop.9.3', 'final')).toMatchObject({
      trigger: 'resolved',
      due: '2027-03-11T22:59:59.999Z',
    });
  });
});

describe('GDPR Art. 33 and 34', () => {
  const aware = { aware: '2026-12-07T09:00:00Z' };

  it("opens nothing when the breach is 'unlikely' to result in a risk", () => {
    const open = evaluate(EU_SYSTEM, facts({ moments: aware, harms: ['personal_data'], personalDataRisk: 'unlikely' }));
    expect(open.filter((item) => item.ruleId.includes('gdpr'))).toEqual([]);
  });

  it('adds the communication to data subjects on a high risk, as a target, not a legal deadline', () => {
    const open = evaluate(EU_SYSTEM, facts({ moments: aware, harms: ['personal_data'], personalDataRisk: 'high' }));
    expect(only(open, 'gdpr.34')).toMatchObject({
      recipient: 'The data subjects concerned',
      due: '2026-12-10T09:00:00.000Z',
      target: true,
    });
    expect(only(open, 'gdpr.33').target).toBeUndefined();
  });

  it('has a processor tell the controller (target 24 h), not the authority', () => {
    const processor = { ...EU_SYSTEM, jurisdictions: ['EU'], dataRole: 'processor' as const };
    const open = evaluate(processor, facts({ moments: aware, harms: ['personal_data'], personalDataRisk: 'unlikely' }));
    expect(open.map((item) => item.ruleId)).toEqual(['gdpr.33.2']);
    expect(open[0]).toMatchObject({ recipient: 'The controller', due: '2026-12-08T09:00:00.000Z', target: true });
  });

  it('opens nothing before "aware" is set, nor for a fact set after the evaluation moment', () => {
    expect(evaluate(EU_SYSTEM, facts({ harms: ['personal_data'] }))).toEqual([]);
    const open = evaluate(EU_SYSTEM, facts({ moments: aware, harms: ['personal_data'] }), [], '2026-12-07T08:59:59Z');
    expect(open).toEqual([]);
  });

  it("opens on the incident's personal-data harm even when the card says the system holds none", () => {
    const open = evaluate({ ...EU_SYSTEM, personalData: false }, facts({ moments: aware, harms: ['personal_data'] }));
    expect(open.map((item) => item.ruleId)).toEqual(['gdpr.33', 'uk.gdpr.33']);
  });

  it('reads a Member State on the incident as the EU', () => {
    const usSystem = { ...EU_SYSTEM, jurisdictions: ['US'] };
    expect(evaluate(usSystem, facts({ moments: aware, harms: ['personal_data'] }))).toEqual([]);
    const inIreland = evaluate(usSystem, facts({ moments: aware, harms: ['personal_data'], jurisdictions: ['IE'] }));
    expect(inIreland.map((item) => item.ruleId)).toEqual(['gdpr.33']);
  });
});

describe('NIS2 Art. 23', () => {
  const entity: RegulatoryProfile = { ...EU_SYSTEM, personalData: false, nis2Entity: 'essential' };
  const moments = { aware: '2026-12-07T09:00:00Z', determined_significant: '2026-12-07T11:00:00Z' };

  it('opens the 24 h early warning and the 72 h notification from awareness of a significant incident', () => {
    const open = evaluate(entity, facts({ moments, harms: ['other'] }));
    expect(only(open, 'nis2.23', 'early_warning').due).toBe('2026-12-08T09:00:00.000Z');
    expect(only(open, 'nis2.23', 'notification').due).toBe('2026-12-10T09:00:00.000Z');
    expect(open.filter((item) => item.stage === 'final')).toEqual([]);
  });

  it('opens the final report one month after the notification is filed', () => {
    const filed = { ruleId: 'nis2.23', stage: 'notification' as const, submittedAt: '2026-12-10T08:00:00Z' };
    // Thu 10 Dec + 1 month = Sun 10 Jan 2027 → Mon 11 Jan.
    expect(only(evaluate(entity, facts({ moments, harms: ['other'] }), [filed]), 'nis2.23', 'final')).toMatchObject({
      trigger: 'filing',
      counting: 'months',
      due: '2027-01-10T22:59:59.999Z',
      dueRolled: '2027-01-11T22:59:59.999Z',
    });
  });

  it('opens nothing until the incident is determined significant', () => {
    expect(evaluate(entity, facts({ moments: { aware: moments.aware }, harms: ['other'] }))).toEqual([]);
  });
});

describe('DORA Art. 19', () => {
  const financial: RegulatoryProfile = { ...EU_SYSTEM, personalData: false, doraEntity: 'other' };
  const bank: RegulatoryProfile = { ...financial, doraEntity: 'credit_institution' };

  it('moves an initial notification due on a Saturday to Monday noon, except for a bank', () => {
    const incident = facts({
      moments: { aware: '2026-12-04T20:00:00Z', classified_major: '2026-12-05T07:00:00Z' },
    });
    // Classified Sat 08:00 CET + 4 h = Sat 12:00 CET (11:00Z), before aware + 24 h (Sat 20:00Z); → Mon 7 Dec 12:00 CET.
    expect(only(evaluate(financial, incident), 'dora.19', 'initial')).toMatchObject({
      trigger: 'classified_major',
      due: '2026-12-05T11:00:00.000Z',
      dueRolled: '2026-12-07T11:00:00.000Z',
      governedBy: 'Art. 5(1)(a): initial notification within 4 hours of classification as major',
    });
    expect(only(evaluate(bank, incident), 'dora.19', 'initial').dueRolled).toBeUndefined();
  });

  it('caps the initial notification at 24 hours from awareness', () => {
    // Aware Mon 08:00Z, classified Tue 06:00Z: 4 h gives Tue 10:00Z, the cap Tue 08:00Z governs.
    const incident = facts({ moments: { aware: '2026-12-07T08:00:00Z', classified_major: '2026-12-08T06:00:00Z' } });
    expect(only(evaluate(financial, incident), 'dora.19', 'initial')).toMatchObject({
      trigger: 'aware',
      clockStart: '2026-12-07T08:00:00.000Z',
      due: '2026-12-08T08:00:00.000Z',
      governedBy: 'Art. 5(1)(a): and no later than 24 hours after becoming aware',
    });
  });

  it('opens nothing before the incident is classified major', () => {
    expect(evaluate(financial, facts({ moments: { aware: '2026-12-07T08:00:00Z' } }))).toEqual([]);
  });

  it('opens the intermediate 72 h after the initial filing and the final a month after the latest intermediate', () => {
    const incident = facts({ moments: { aware: '2026-12-07T08:00:00Z', classified_major: '2026-12-07T09:00:00Z' } });
    const initial = { ruleId: 'dora.19', stage: 'initial' as const, submittedAt: '2026-12-10T12:00:00Z' };
    // Thu 10 Dec 12:00Z + 72 h = Sun 13 Dec 12:00Z → Mon 14 Dec 12:00 CET; not for a bank (Art. 5(5)).
    expect(only(evaluate(financial, incident, [initial]), 'dora.19', 'intermediate')).toMatchObject({
      due: '2026-12-13T12:00:00.000Z',
      dueRolled: '2026-12-14T11:00:00.000Z',
    });
    expect(only(evaluate(bank, incident, [initial]), 'dora.19', 'intermediate').dueRolled).toBeUndefined();
    const intermediate = { ruleId: 'dora.19', stage: 'intermediate' as const, submittedAt: '2026-12-16T10:00:00Z' };
    // Wed 16 Dec + 1 month = Sat 16 Jan 2027 → Mon 18 Jan 12:00 CET, for a bank too (the final is not excepted).
    expect(only(evaluate(bank, incident, [initial, intermediate]), 'dora.19', 'final')).toMatchObject({
      due: '2027-01-16T22:59:59.999Z',
      dueRolled: '2027-01-18T11:00:00.000Z',
    });
  });
});

describe('SEC Form 8-K Item 1.05', () => {
  const registrant: RegulatoryProfile = { ...EU_SYSTEM, jurisdictions: ['US'], secRegistrant: true };

  it('counts four business days across Thanksgiving, closing at 17:30 New York time', () => {
    const incident = facts({ moments: { materiality_determined: '2026-11-23T15:00:00Z' }, harms: ['cyber_breach'] });
    // Mon 23 Nov: Tue 24, Wed 25, (Thu 26 Thanksgiving), Fri 27, Mon 30 Nov 17:30 EST = 22:30Z.
    expect(only(evaluate(registrant, incident), 'sec.8k.105')).toMatchObject({
      counting: 'business_days',
      due: '2026-11-30T22:30:00.000Z',
    });
  });

  it('opens nothing for a company that is not a registrant, or before materiality is determined', () => {
    const incident = facts({ moments: { materiality_determined: '2026-11-23T15:00:00Z' } });
    expect(evaluate({ ...registrant, secRegistrant: false }, incident)).toEqual([]);
    expect(evaluate(registrant, facts({ moments: { discovered: '2026-11-23T15:00:00Z' } }))).toEqual([]);
  });
});

describe('HIPAA breach notification', () => {
  const coveredEntity: RegulatoryProfile = { ...EU_SYSTEM, jurisdictions: ['US'], hipaa: 'covered_entity' };
  const discovered = { discovered: '2026-03-02T15:00:00Z' };
  // 2 Mar + 60 days = 1 May 2026 (29 days of March, 30 of April, then 1 May); 24:00 EDT.
  const sixtyDays = '2026-05-02T03:59:59.999Z';

  it('under 500 people: individuals in 60 days, HHS 60 days after the year ends, no media', () => {
    const open = evaluate(coveredEntity, facts({ moments: discovered, unsecuredPhi: true, peopleAffected: 120 }));
    expect(open.map((item) => item.ruleId)).toEqual(['hipaa.404', 'hipaa.408']);
    expect(only(open, 'hipaa.404').due).toBe(sixtyDays);
    // 31 Dec 2026 + 60 = 1 Mar 2027; 24:00 EST.
    expect(only(open, 'hipaa.408').due).toBe('2027-03-02T04:59:59.999Z');
  });

  it('over 500 people: individuals, HHS and the media together', () => {
    const open = evaluate(coveredEntity, facts({ moments: discovered, unsecuredPhi: true, peopleAffected: 800 }));
    expect(open.map((item) => [item.ruleId, item.due])).toEqual([
      ['hipaa.404', sixtyDays],
      ['hipaa.406', sixtyDays],
      ['hipaa.408', sixtyDays],
    ]);
  });

  it('treats an uncounted breach as a large one for HHS, and opens nothing for secured PHI', () => {
    const uncounted = evaluate(coveredEntity, facts({ moments: discovered, unsecuredPhi: true }));
    expect(only(uncounted, 'hipaa.408').due).toBe(sixtyDays);
    expect(evaluate(coveredEntity, facts({ moments: discovered, unsecuredPhi: false }))).toEqual([]);
  });

  it('has a business associate tell the covered entity', () => {
    const associate = { ...coveredEntity, hipaa: 'business_associate' as const };
    const open = evaluate(associate, facts({ moments: discovered, unsecuredPhi: true, peopleAffected: 800 }));
    expect(open.map((item) => [item.ruleId, item.due])).toEqual([['hipaa.410', sixtyDays]]);
  });
});

describe('California SB 53 and New York RAISE', () => {
  const developer: RegulatoryProfile = {
    systemId: 'frontier-model',
    jurisdictions: ['US-CA', 'US-NY'],
    riskTier: 'minimal',
    personalData: false,
    frontierDeveloper: true,
  };

  it('SB 53: 15 days from discovery to OES, and 24 hours on an imminent risk', () => {
    const incident = facts({
      moments: { discovered: '2026-12-07T17:00:00Z', critical_safety_determined: '2026-12-07T18:00:00Z' },
      imminentRisk: true,
    });
    const open = evaluate({ ...developer, jurisdictions: ['US-CA'] }, incident);
    // 7 Dec + 15 = 22 Dec, 24:00 PST = 07:59:59.999Z on 23 Dec.
    expect(only(open, 'ca.sb53')).toMatchObject({ due: '2026-12-23T07:59:59.999Z', status: 'in_force' });
    expect(only(open, 'ca.sb53.imminent').due).toBe('2026-12-08T17:00:00.000Z');
  });

  it("SB 53: nothing until the incident is determined a critical safety incident, nor for a card without California; a US-wide card opens both states' rules", () => {
    const discovered = facts({ moments: { discovered: '2026-12-07T17:00:00Z' } });
    expect(evaluate(developer, discovered)).toEqual([]);
    const determined = facts({
      moments: { discovered: '2026-12-07T17:00:00Z', critical_safety_determined: '2026-12-07T18:00:00Z' },
    });
    expect(evaluate({ ...developer, jurisdictions: ['EU'] }, determined)).toEqual([]);
    // A card that lists the whole US covers California and New York (RAISE's 72 h come first).
    expect(evaluate({ ...developer, jurisdictions: ['US'] }, determined).map((item) => item.ruleId)).toEqual([
      'ny.raise',
      'ca.sb53',
    ]);
  });

  it('RAISE: 72 hours, not yet applicable before 1 January 2027 New York time', () => {
    const nyOnly = { ...developer, jurisdictions: ['US-NY'] };
    const before = evaluate(nyOnly, facts({ moments: { critical_safety_determined: '2027-01-01T04:59:00Z' } }));
    // 04:59Z on 1 Jan is 23:59 on 31 Dec in New York.
    expect(only(before, 'ny.raise')).toMatchObject({ status: 'not_yet_applicable', due: '2027-01-04T04:59:00.000Z' });
    expect(only(before, 'ny.raise').note).toMatch(/until 2027-01-01/);
    const after = evaluate(nyOnly, facts({ moments: { critical_safety_determined: '2027-01-01T05:00:00Z' } }));
    expect(only(after, 'ny.raise').status).toBe('in_force');
  });
});

describe('the engine', () => {
  it('gives the same list, in the same order, for the same arguments', () => {
    const incident = facts({
      moments: { aware: '2027-12-09T10:00:00Z', discovered: '2027-12-09T10:00:00Z' },
      harms: ['personal_data', 'health'],
      jurisdictions: ['FR'],
      personalDataRisk: 'high',
    });
    const first = evaluate(EU_SYSTEM, incident);
    expect(evaluate(EU_SYSTEM, incident)).toEqual(first);
    const dues = first.map((item) => Date.parse(item.due));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('refuses an evaluation moment that is not an instant, rather than silently opening nothing', () => {
    expect(() => evaluate(EU_SYSTEM, facts({}), [], 'yesterday')).toThrow(/asOf: not an ISO 8601 instant/);
  });

  it("runs an organisation's own pack", () => {
    const own: RulePack = {
      format: 1,
      name: 'acme',
      version: '1',
      date: '2026-12-01',
      defaults: { timeZone: 'Europe/Paris', calendar: 'FR' },
      rules: [
        {
          id: 'acme.board',
          regime: 'Acme policy',
          article: 'Incident policy 4.2',
          title: 'Tell the board of a SEV1',
          recipient: 'The board',
          source: { citation: 'Acme incident policy, section 4.2', url: 'https://intranet.example.com/policy' },
          applies: [{ from: '2026-01-01', reason: 'the policy is in force from 2026' }],
          when: { fact: 'severity', in: ['SEV1'] },
          stages: [
            {
              stage: 'notification',
              trigger: { moment: 'aware' },
              deadlines: [{ label: 'two working days', counting: 'eu_days', amount: 2 }],
            },
          ],
        },
      ],
    };
    const sev1 = facts({ moments: { aware: '2026-07-13T08:00:00Z' }, severity: 'SEV1' });
    // Mon 13 Jul + 2 = Wed 15 Jul, Tue 14 Jul being France's national day; the period then holds one
    // working day, so Regulation 1182/71 Art. 3(5) stretches it to Thu 16 Jul.
    expect(evaluateObligations(own, EU_SYSTEM, sev1, [], LATER)).toMatchObject([
      {
        ruleId: 'acme.board',
        due: '2026-07-15T21:59:59.999Z',
        dueRolled: '2026-07-16T21:59:59.999Z',
        status: 'in_force',
      },
    ]);
    expect(evaluateObligations(own, EU_SYSTEM, { ...sev1, severity: 'SEV2' }, [], LATER)).toEqual([]);
  });

  it("lets an organisation's rule replace a built-in one of the same id, counting in its own pack's zone", () => {
    const gdpr34 = PACK.rules.find((rule) => rule.id === 'gdpr.34')!;
    const own: RulePack = {
      format: 1,
      name: 'acme',
      version: '2',
      date: '2026-12-05',
      defaults: { timeZone: 'Europe/Paris', calendar: 'FR' },
      rules: [
        {
          ...gdpr34,
          stages: [
            {
              stage: 'notification',
              trigger: { moment: 'aware' },
              deadlines: [{ label: 'Acme target: 2 working days', counting: 'eu_days', amount: 2, target: true }],
            },
          ],
        },
      ],
    };
    const combined = combineRulePacks([PACK, own]);
    expect(combined.rules).toHaveLength(PACK.rules.length);
    expect(combined).toMatchObject({ name: 'firebreak-builtin+acme', date: '2026-12-07' });
    const incident = facts({
      moments: { aware: '2026-07-13T08:00:00Z' },
      harms: ['personal_data'],
      personalDataRisk: 'high',
    });
    // As the organisation's own pack above: Mon 13 Jul + 2 = Wed 15 Jul, past France's 14 July → Thu 16 Jul.
    expect(only(evaluateObligations(combined, EU_SYSTEM, incident, [], LATER), 'gdpr.34')).toMatchObject({
      due: '2026-07-15T21:59:59.999Z',
      dueRolled: '2026-07-16T21:59:59.999Z',
      target: true,
    });
    // A built-in rule counting in the incident's Member State still does: 22:30Z on 9 Dec 2027 is
    // already Fri 10 Dec in Helsinki (EET, +02:00), so 15 days end on Sat 25 Dec (Christmas), and
    // Sun 26 Dec (St Stephen's Day) passed → Mon 27 Dec, 24:00 Helsinki = 21:59:59.999Z.
    const inFinland = facts({ moments: { aware: '2027-12-09T22:30:00Z' }, harms: ['health'], jurisdictions: ['FI'] });
    expect(only(evaluateObligations(combined, EU_SYSTEM, inFinland, [], LATER), 'eu.aia.73')).toMatchObject({
      due: '2027-12-25T21:59:59.999Z',
      dueRolled: '2027-12-27T21:59:59.999Z',
    });
    expect(evaluateObligations(combined, EU_SYSTEM, inFinland, [], LATER)).toEqual(evaluate(EU_SYSTEM, inFinland));
    // The built-in rules keep Brussels time and Belgium's calendar: GDPR 33 is still 72 hours.
    expect(only(evaluateObligations(combined, EU_SYSTEM, incident, [], LATER), 'gdpr.33').due).toBe(
      '2026-07-16T08:00:00.000Z',
    );
  });
});
