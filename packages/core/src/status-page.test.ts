import { describe, expect, it } from 'vitest';
import { type ComponentState, pageHeadline, publicPhase, publishingRole, shownState, worstState } from './status-page';

describe('component states', () => {
  it.each<[ComponentState[], ComponentState]>([
    [[], 'operational'],
    [['operational', 'maintenance'], 'maintenance'],
    [['maintenance', 'degraded_quality'], 'degraded_quality'],
    [['partial_outage', 'degraded_quality', 'operational'], 'partial_outage'],
    [['major_outage', 'partial_outage'], 'major_outage'],
  ])('the worst of %j is %s', (states, worst) => {
    expect(worstState(states)).toBe(worst);
  });

  it.each<[ComponentState, boolean, ComponentState]>([
    ['operational', false, 'operational'],
    ['operational', true, 'maintenance'],
    ['degraded_quality', true, 'degraded_quality'],
    ['major_outage', true, 'major_outage'],
    ['partial_outage', false, 'partial_outage'],
  ])('set %s, in maintenance %s, shows %s', (set, inMaintenance, shown) => {
    expect(shownState(set, inMaintenance)).toBe(shown);
  });

  it('headlines the page with its worst component', () => {
    expect(pageHeadline([])).toEqual({ indicator: 'operational', description: 'All systems operational' });
    expect(pageHeadline(['operational', 'partial_outage', 'maintenance'])).toEqual({
      indicator: 'partial_outage',
      description: 'Partial outage',
    });
  });
});

describe('public incidents', () => {
  it.each([
    ['triage', 'investigating'],
    ['active', 'investigating'],
    ['contained', 'identified'],
    ['recovering', 'monitoring'],
    ['resolved', 'resolved'],
    ['closed', 'resolved'],
    ['dismissed', 'resolved'],
  ] as const)('an incident %s is %s in public', (status, phase) => {
    expect(publicPhase(status)).toBe(phase);
  });

  it('has the comms lead approve, the incident commander when no comms lead is seated, else nobody', () => {
    expect(publishingRole(['incident_commander', 'comms_lead'])).toBe('comms_lead');
    expect(publishingRole(['tech_lead', 'incident_commander'])).toBe('incident_commander');
    expect(publishingRole(['tech_lead', 'scribe'])).toBeNull();
  });
});
