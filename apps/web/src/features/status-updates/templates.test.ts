import { describe, expect, it } from 'vitest';
import { buildIncident, buildSystem } from '../../lib/test-fixtures';
import { internalTermsIn, placeholdersIn } from './preview';
import { AUDIENCE_NAMES, defaultNextUpdate, draftUpdate, reachOf } from './templates';

const catalog = [buildSystem()];
const nextUpdateAt = '2026-11-24T11:00:00.000Z';

describe('draftUpdate', () => {
  it('gives responders ids, severity, acknowledgement and roles', () => {
    const draft = draftUpdate('internal', { incident: buildIncident(), catalog, nextUpdateAt });
    expect(draft.whatHappened).toContain(
      'Hallucination spike (performance, model) on support-copilot; began about 2026-11-24 09:12 UTC',
    );
    expect(draft.impact).toContain('SEV2: Material harm');
    expect(draft.impact).toContain('Reach: up to 180k people in EU and US.');
    expect(draft.impact).toContain('Personal data processed: name and email.');
    expect(draft.currentStatus).toBe(
      'Active: not yet contained. Acknowledged by dana at 2026-11-24 09:48 UTC. Roles: incident commander Dana Reyes, comms lead Lee Park.',
    );
    expect(draft.asks).toContain('INC-7');
  });

  it('says when nobody has acknowledged and nobody commands', () => {
    const incident = buildIncident({
      roles: [],
      response: { ...buildIncident().response, acknowledgedAt: null, acknowledgedBy: null },
    });
    const draft = draftUpdate('internal', { incident, catalog, nextUpdateAt });
    expect(draft.currentStatus).toContain('Not acknowledged yet; due by 2026-11-24 10:45 UTC.');
    expect(draft.currentStatus).toContain('No incident commander yet.');
    expect(draft.nextSteps).toBe('[next step, and who owns it]');
  });

  it('carries the latest decision into the next steps', () => {
    const decision = {
      id: 'DEC-2',
      incidentId: 'INC-7',
      observation: 'o',
      hypothesis: null,
      test: null,
      decision: 'Roll the prompt back to v6',
      rationale: null,
      evidence: [],
      decidedAt: '2026-11-24T10:00:00.000Z',
      decidedBy: 'dana',
    };
    const draft = draftUpdate('executive', {
      incident: buildIncident({ decisions: [decision] }),
      catalog,
      nextUpdateAt,
    });
    expect(draft.nextSteps).toBe('Roll the prompt back to v6 (DEC-2) Next update by 2026-11-24 11:00 UTC.');
    expect(draft.currentStatus).toContain('Led by Dana Reyes. Detected 28m after onset.');
    expect(draft.impact).toContain('legal and privacy are assessing duties in EU and US-CA');
  });

  it('writes to customers without internal terms, leaving what only a person knows in brackets', () => {
    const incident = buildIncident();
    const draft = draftUpdate('customer', { incident, catalog, nextUpdateAt });
    expect(draft.whatHappened).toBe(
      'Since about 2026-11-24 09:12 UTC, our Support copilot gave some people incorrect information.',
    );
    expect(draft.nextSteps).toBe('We will share another update by 2026-11-24 11:00 UTC.');
    expect(internalTermsIn(draft, incident)).toEqual([]);
    expect(placeholdersIn(draft)).toEqual(['[What affected customers should do, if anything.]']);
  });

  it('tells support whom to send new reports to', () => {
    const draft = draftUpdate('support', { incident: buildIncident(), catalog, nextUpdateAt });
    expect(draft.asks).toBe('Tag tickets about this with INC-7 and send new reports to Lee Park.');
  });

  it('closes the loop once resolved', () => {
    const incident = buildIncident({ status: 'resolved' });
    expect(draftUpdate('customer', { incident, catalog, nextUpdateAt }).nextSteps).toMatch(/^This is our final update/);
    expect(draftUpdate('internal', { incident, catalog, nextUpdateAt }).asks).toBe('');
  });

  it('names an uncatalogued system by its id', () => {
    const incident = buildIncident({ systems: ['hiring-model'] });
    const draft = draftUpdate('customer', { incident, catalog, nextUpdateAt });
    expect(draft.whatHappened).toContain('our hiring-model');
    expect(internalTermsIn(draft, incident)).toEqual(['hiring-model']);
  });

  it.each(AUDIENCE_NAMES)('fills every required field for %s', (audience) => {
    const draft = draftUpdate(audience, { incident: buildIncident(), catalog, nextUpdateAt });
    for (const key of ['whatHappened', 'impact', 'currentStatus', 'nextSteps'] as const)
      expect(draft[key].trim()).not.toBe('');
  });
});

describe('reachOf', () => {
  it('merges the reach of several systems', () => {
    const other = buildSystem({
      id: 'fraud-model',
      name: 'Card fraud scoring',
      blastRadius: { tenants: [], regions: ['EU', 'UK'], users: 20_000 },
      personalData: { processed: false, categories: [] },
      riskTier: 'high',
    });
    const reach = reachOf(['support-copilot', 'fraud-model', 'unknown'], [buildSystem(), other]);
    expect(reach).toMatchObject({
      names: ['Support copilot', 'Card fraud scoring', 'unknown'],
      users: 200_000,
      regions: ['EU', 'US', 'UK'],
      highRisk: true,
    });
  });
});

describe('defaultNextUpdate', () => {
  it('asks for updates sooner the more severe the incident', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(defaultNextUpdate('SEV1', now)).toBe('2026-11-24T10:30:00.000Z');
    expect(defaultNextUpdate('SEV3', now)).toBe('2026-11-24T14:00:00.000Z');
  });
});
