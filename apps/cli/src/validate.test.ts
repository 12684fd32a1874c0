import { STATUSES } from '@firebreak/core';
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { evidenceIds, incidentId, integer, isoTime, notificationId, oneOf, severity, systemIds } from './validate';

describe('local validation', () => {
  it.each([
    ['SEV1', 'SEV1'],
    ['sev2', 'SEV2'],
    ['P0', 'SEV1'],
    ['p3', 'SEV4'],
    [' P1 ', 'SEV2'],
  ])('reads severity %s as %s', (input, expected) => {
    expect(severity(input)).toBe(expected);
  });

  it.each(['SEV5', 'P4', 'high', ''])('refuses severity %j, listing what is allowed', (input) => {
    expect(() => severity(input)).toThrow(InvalidArgumentError);
    expect(() => severity(input)).toThrow('expected one of SEV1, SEV2, SEV3, SEV4 (or P0, P1, P2, P3)');
  });

  it('accepts enum values in any case and lists the allowed ones otherwise', () => {
    const status = oneOf(STATUSES);
    expect(status('Active')).toBe('active');
    expect(() => status('open')).toThrow(
      'expected one of triage, active, contained, recovering, resolved, closed, dismissed',
    );
  });

  it('normalises ISO timestamps to UTC and refuses anything else', () => {
    expect(isoTime('2026-11-24T11:00:00+01:00')).toBe('2026-11-24T10:00:00.000Z');
    expect(() => isoTime('yesterday')).toThrow('expected an ISO-8601 timestamp');
    expect(() => isoTime('2026-11-24')).toThrow(InvalidArgumentError);
  });

  it.each([
    ['INC-3', 'INC-3'],
    ['inc-12', 'INC-12'],
    ['7', 'INC-7'],
  ])('reads incident id %s as %s', (input, expected) => {
    expect(incidentId(input)).toBe(expected);
  });

  it.each(['INC-0', 'INC-', 'EV-3', 'abc'])('refuses incident id %s', (input) => {
    expect(() => incidentId(input)).toThrow('expected an incident id such as INC-3');
  });

  it('collects repeated and comma-separated systems, checking each slug', () => {
    const first = systemIds('support-copilot,fraud-model', undefined);
    expect(systemIds('search', first)).toEqual(['support-copilot', 'fraud-model', 'search']);
    expect(() => systemIds('Support Copilot', undefined)).toThrow('"Support Copilot" is not a system id');
  });

  it('collects evidence ids, upper-casing them', () => {
    expect(evidenceIds('ev-2', evidenceIds('EV-1', undefined))).toEqual(['EV-1', 'EV-2']);
    expect(() => evidenceIds('DEC-1', undefined)).toThrow('is not an evidence id');
  });

  it('bounds whole numbers', () => {
    expect(integer(1, 500)('20')).toBe(20);
    expect(() => integer(1, 500)('0')).toThrow('expected a whole number from 1 to 500');
    expect(() => integer(1, 500)('2.5')).toThrow(InvalidArgumentError);
  });

  it.each([
    ['12', 12],
    [' 7 ', 7],
  ])('reads notification id %j', (input, expected) => {
    expect(notificationId(input)).toBe(expected);
  });

  it.each(['0', '-1', '1.5', 'N-3', '', '12345678901234567'])('refuses notification id %j', (input) => {
    expect(() => notificationId(input)).toThrow('expected a notification id such as 12');
  });
});
