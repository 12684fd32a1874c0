import { describe, expect, it } from 'vitest';
import { detailLabel } from './detail-labels';

describe('detector numbers in words', () => {
  it.each([
    ['psiPage', 0.25, 'PSI page line', '0.25'],
    ['pageAlpha', 0.0001, 'Page significance level', '1.0e-4'],
    ['baselineRate', 0.02, 'Baseline rate', '2%'],
    ['trials', 1200, 'Events in the window', '1,200'],
    ['z', 3.214, 'Distance from the baseline', '3.21 σ'],
    ['pageArlWindows', 2000, 'Expected windows between false pages', '2,000 windows'],
    ['disparateImpact', 0.62, 'Disparate impact (lowest ÷ highest selection rate)', '0.62'],
    ['segmentOverRest', 4.5, 'This segment ÷ the rest', '4.5'],
    ['restCount', 1830, 'Events in the rest', '1,830'],
    ['cohortStart', Date.parse('2026-11-11T10:00:00Z'), 'Predictions wrong more often since', '2026-11-11 10:00 UTC'],
    ['cohortRate', 0.131, 'Error rate of recent predictions, by their labels so far', '13%'],
    ['runSegmentValue', 0.14, 'This group’s selection rate since the change began', '14%'],
    ['runRestValue', 0.263, 'The rest’s selection rate since the change began', '26%'],
    ['runSegmentCount', 404, 'Decisions for this group since the change began', '404'],
    ['runSegmentOverRest', 0.536, 'This group ÷ the rest since the change began', '0.536'],
    ['groupCusum', 14.38, 'Evidence the group is selected less than the rest (CUSUM)', '14.4 nats'],
    ['groupCusumPageLimit', 9.31, 'Group CUSUM page limit', '9.31 nats'],
  ])('shows %s as a label with its unit', (key, value, label, text) => {
    expect(detailLabel(key, value)).toEqual({ key, label, value: text });
  });

  it('spells out a number it has no entry for, rather than showing the identifier', () => {
    expect(detailLabel('medianLatencyMs', 12).label).toBe('Median latency ms');
  });
});
