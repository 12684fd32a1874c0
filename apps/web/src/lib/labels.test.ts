import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, label, words } from './labels';

describe('labels', () => {
  it('turns enum values into words', () => {
    expect(words('hallucination_spike')).toBe('hallucination spike');
    expect(label('incident_commander')).toBe('Incident commander');
  });

  it.each([
    [null, '—'],
    [339, '339 B'],
    [5_000, '4.9 KB'],
    [12_700, '12 KB'],
    [3_250_000, '3.1 MB'],
  ])('formats %s bytes as %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  it.each([
    [undefined, '—'],
    [950, '950'],
    [180_000, '180k'],
    [2_400_000, '2.4M'],
  ])('formats %s people as %s', (count, expected) => {
    expect(formatCount(count)).toBe(expected);
  });
});
