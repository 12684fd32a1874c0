import { parseIsoTimestamp, SYSTEM_ID_PATTERN } from '@firebreak/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SystemId, Timestamp } from './common';

/**
 * The CLI checks timestamps and system ids with core's zod-free helpers (so a command starts
 * without loading zod); the server checks them with these schemas. Both must answer alike.
 */
describe('core identifiers agree with the contract schemas', () => {
  const digits = (length: number) => fc.stringMatching(new RegExp(`^[0-9]{${length}}$`));
  const timestampLike = fc
    .tuple(
      digits(4),
      fc.oneof(
        digits(2),
        fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, '0')),
      ),
      fc.oneof(
        digits(2),
        fc.integer({ min: 1, max: 31 }).map((d) => String(d).padStart(2, '0')),
      ),
      fc.constantFrom('T', 't', ' '),
      fc.integer({ min: 0, max: 25 }).map((h) => String(h).padStart(2, '0')),
      fc.integer({ min: 0, max: 61 }).map((m) => String(m).padStart(2, '0')),
      fc.option(fc.integer({ min: 0, max: 61 }).map((s) => `:${String(s).padStart(2, '0')}`)),
      fc.option(fc.stringMatching(/^\.[0-9]{0,10}$/)),
      fc.constantFrom('Z', 'z', '', '+05:30', '-11:00', '+24:00', '+05:60', '+0530', '+05', '-00:00'),
    )
    .map((parts) => {
      const [year, month, day, sep, hour, minute, seconds, fraction, zone] = parts;
      return `${year}-${month}-${day}${sep}${hour}:${minute}${seconds ?? ''}${fraction ?? ''}${zone}`;
    });

  it('accepts and normalises timestamps exactly as Timestamp does', () => {
    fc.assert(
      fc.property(fc.oneof(timestampLike, fc.string()), (value) => {
        const schema = Timestamp.safeParse(value);
        expect(parseIsoTimestamp(value)).toBe(schema.success ? schema.data : undefined);
      }),
      { numRuns: 5000, seed: 20261204 },
    );
  });

  it('agrees on the edges a person types', () => {
    for (const value of [
      '2026-11-24T10:00:00Z',
      '2026-11-24T10:00Z',
      '2024-02-29T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '2000-02-29T23:59:59.999999+14:00',
      '1900-02-29T00:00:00Z',
      '0000-02-29T00:00:00Z',
      '2026-11-24T10:00:00+05:30',
    ]) {
      const schema = Timestamp.safeParse(value);
      expect(parseIsoTimestamp(value), value).toBe(schema.success ? schema.data : undefined);
    }
  });

  it('accepts system ids exactly as SystemId does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[a-zA-Z0-9._ -]{0,70}$/), fc.string()), (value) => {
        expect(SYSTEM_ID_PATTERN.test(value)).toBe(SystemId.safeParse(value).success);
      }),
      { numRuns: 2000, seed: 20261204 },
    );
  });
});
