import { describe, expect, it } from 'vitest';
import type { TelemetryEvent } from './event';
import { emptyLabelJoin, joinLabel, type LabelJoin } from './label-join';

const ts = '2026-11-24T10:00:00.000Z';
const prediction = (id: string, value: string): TelemetryEvent => ({ system: 's', ts, id, prediction: value });
const label = (id: string, value: string): TelemetryEvent => ({ system: 's', ts, id, kind: 'label', label: value });

describe('the label join', () => {
  it('says whether a label matches the prediction it labels, long predictions included', () => {
    const join = emptyLabelJoin();
    const limits = { capacity: 10, maxBytes: 1_000_000 };
    const long = 'z'.repeat(1000);
    joinLabel(join, prediction('a', 'fraud'), limits);
    joinLabel(join, prediction('b', long), limits);
    expect(joinLabel(join, label('a', 'fraud'), limits)).toBe(true);
    expect(joinLabel(join, label('a', 'ok'), limits)).toBe(false);
    expect(joinLabel(join, label('b', long), limits)).toBe(true);
    expect(joinLabel(join, label('b', `${long}!`), limits)).toBe(false);
    expect(joinLabel(join, label('c', 'fraud'), limits)).toBeUndefined();
    expect(join.predictions.b!.length).toBeLessThan(20);
  });

  it('stays within its bytes whatever the predictions, dropping the oldest first', () => {
    const join = emptyLabelJoin();
    const limits = { capacity: 100_000, maxBytes: 64 * 1024 };
    // The probe's shape: 1,000-character predictions, ids of 200 characters.
    const text = 'p'.repeat(1000);
    for (let i = 0; i < 20_000; i++) joinLabel(join, prediction(`${i}`.padStart(200, '0'), text), limits);
    expect(join.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(Object.keys(join.predictions).length).toBeLessThan(200);
    expect(joinLabel(join, label('0'.repeat(200), text), limits)).toBeUndefined();
    expect(joinLabel(join, label('19999'.padStart(200, '0'), text), limits)).toBe(true);
  });

  it('keeps at most its capacity, and one entry for an id sent twice', () => {
    const join = emptyLabelJoin();
    const limits = { capacity: 3, maxBytes: 1_000_000 };
    for (const id of ['a', 'b', 'b', 'c', 'd']) joinLabel(join, prediction(id, id.toUpperCase()), limits);
    expect(Object.keys(join.predictions).sort()).toEqual(['b', 'c', 'd']);
    expect(join.count).toBe(3);
  });

  it('carries on from a snapshot written before the byte bound', () => {
    const old: LabelJoin = { predictions: { a: 'A', b: 'B' }, ring: ['a', 'b'], next: 0 };
    const limits = { capacity: 2, maxBytes: 1_000_000 };
    joinLabel(old, prediction('c', 'C'), limits);
    expect(Object.keys(old.predictions).sort()).toEqual(['b', 'c']);
    expect(joinLabel(old, label('b', 'B'), limits)).toBe(true);
    expect(old.bytes).toBe(2 * (2 * 2 + 64));
  });
});
