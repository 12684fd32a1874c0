import { TelemetryEvent } from '@firebreak/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastPathApplies, surelyValid } from './fast-check';

let mistakes = true;
// With mistakes off, only the good half of each field is drawn (for the coverage test).
const either = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>): fc.Arbitrary<T | U> =>
  fc
    .constant(null)
    .chain(() => (mistakes ? fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: bad }) : good));
const text = fc.string({ unit: 'grapheme-ascii', maxLength: 12 });
const key = either(fc.stringMatching(/^[A-Za-z0-9_.:-]{1,12}$/), fc.constantFrom('', 'bad key', 'é', 'x'.repeat(101)));
const number = either(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom('1', null, true));
const unit = either(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(-0.1, 1.5, '0.5'));

/** Objects shaped like telemetry events, mostly valid, with every kind of mistake mixed in. */
const candidate = fc.record(
  {
    system: either(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,10}$/), fc.constantFrom('Fraud Model', '', 42)),
    ts: either(
      fc
        .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constantFrom('yesterday', '2026-13-01T00:00:00Z', 1700000000),
    ),
    id: either(
      text.filter((s) => s.length > 0),
      fc.constantFrom('', 7),
    ),
    kind: either(
      fc.constantFrom('prediction', 'generation', 'label', 'metric', 'evaluation'),
      fc.constantFrom('score', ''),
    ),
    model: either(
      text.filter((s) => s.length > 0),
      fc.constant(''),
    ),
    segment: either(fc.dictionary(key, text, { maxKeys: 3 }), fc.constantFrom([], 'EU')),
    features: either(
      fc.dictionary(key, fc.oneof(number, text, fc.boolean(), fc.constant(null)), { maxKeys: 4 }),
      fc.constantFrom({ a: [1] }, { b: { c: 1 } }),
    ),
    prediction: either(fc.oneof(text, number, fc.boolean()), fc.constantFrom(null, [1])),
    confidence: unit,
    flags: either(fc.dictionary(key, fc.boolean(), { maxKeys: 3 }), fc.constantFrom({ pii: 'yes' }, { pii: 1 })),
    latency_ms: either(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.constantFrom(-1, 'fast')),
    feedback: either(fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom(2, -5)),
    label: either(fc.oneof(text, fc.boolean()), fc.constant(null)),
    metric: either(fc.stringMatching(/^[a-z_]{1,10}$/), fc.constant('bad metric')),
    value: number,
    colour: fc.constant(null).chain(() => (mistakes ? fc.constant('red') : fc.constant(undefined))),
  },
  { requiredKeys: [] },
);

describe('the ingest fast path agrees with the contract', () => {
  it('never accepts an event the contract rejects, and accepts it exactly as the contract reads it', () => {
    fc.assert(
      fc.property(candidate, (event) => {
        const body = JSON.stringify(event);
        fc.pre(fastPathApplies(body));
        const fastCopy = JSON.parse(body) as unknown;
        const zod = TelemetryEvent.safeParse(JSON.parse(body));
        if (surelyValid(fastCopy)) {
          expect(zod.success).toBe(true);
          expect(fastCopy).toEqual(zod.data);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('takes most valid events (the point of it)', () => {
    mistakes = false;
    let valid = 0;
    let fast = 0;
    fc.assert(
      fc.property(candidate, (event) => {
        const body = JSON.stringify(event);
        if (!TelemetryEvent.safeParse(JSON.parse(body)).success) return;
        valid += 1;
        if (fastPathApplies(body) && surelyValid(JSON.parse(body))) fast += 1;
      }),
      { numRuns: 3000 },
    );
    mistakes = true;
    expect(valid).toBeGreaterThan(1000);
    expect(fast / valid).toBeGreaterThan(0.95);
  });

  it('steps aside for numbers beyond a double and for characters outside the BMP', () => {
    expect(
      surelyValid(JSON.parse('{"system":"s","ts":"2026-11-24T10:00:00Z","confidence":0.5,"latency_ms":1e400}')),
    ).toBe(false);
    expect(fastPathApplies('{"system":"s","ts":"2026-11-24T10:00:00Z","prediction":"😀"}')).toBe(false);
  });
});
