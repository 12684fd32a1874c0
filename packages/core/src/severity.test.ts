import { describe, expect, it } from 'vitest';
import { compareSeverity, containDeadline, parseSeverity, responseDeadline } from './severity';

describe('severity', () => {
  it.each([
    ['SEV1', 'SEV1'],
    ['sev2', 'SEV2'],
    ['P0', 'SEV1'],
    ['p3', 'SEV4'],
    [' P2 ', 'SEV3'],
  ] as const)('reads %s as %s', (input, expected) => {
    expect(parseSeverity(input)).toBe(expected);
  });

  it.each(['SEV0', 'P4', 'high', ''])('refuses %j, naming the field', (input) => {
    expect(() => parseSeverity(input)).toThrow(/severity/);
  });

  it.each([
    ['SEV1', '2026-11-24T10:15:00.000Z'],
    ['SEV2', '2026-11-24T11:00:00.000Z'],
    ['SEV3', '2026-11-24T14:00:00.000Z'],
    ['SEV4', '2026-11-25T10:00:00.000Z'],
  ] as const)('gives %s a response deadline of %s from 10:00', (severity, deadline) => {
    expect(responseDeadline(severity, '2026-11-24T10:00:00.000Z')).toBe(deadline);
  });

  it.each([
    ['SEV1', '2026-11-24T11:00:00.000Z'],
    ['SEV2', '2026-11-24T14:00:00.000Z'],
    ['SEV3', '2026-11-25T10:00:00.000Z'],
    ['SEV4', '2026-11-27T10:00:00.000Z'],
  ] as const)('gives %s a containment target of %s from 10:00', (severity, deadline) => {
    expect(containDeadline(severity, '2026-11-24T10:00:00.000Z')).toBe(deadline);
  });

  it('orders SEV1 above SEV4', () => {
    expect(compareSeverity('SEV1', 'SEV4')).toBeGreaterThan(0);
    expect(compareSeverity('SEV3', 'SEV2')).toBeLessThan(0);
  });
});
