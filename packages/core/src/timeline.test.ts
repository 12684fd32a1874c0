import { describe, expect, it } from 'vitest';
import { type ChainedEntry, GENESIS_HASH, hashEntry, verifyChain } from './timeline';

async function chain(n: number): Promise<ChainedEntry[]> {
  const entries: ChainedEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields = {
      incidentId: 'INC-1',
      seq,
      at: `2026-11-24T10:0${seq}:00.000Z`,
      actor: 'dana',
      kind: seq === 1 ? 'declared' : 'note_added',
      payload: { text: `entry ${seq}`, nested: { b: 2, a: 1 } },
      prevHash,
    };
    const hash = await hashEntry(fields);
    entries.push({ ...fields, hash });
    prevHash = hash;
  }
  return entries;
}

const headOf = (entries: ChainedEntry[]) => ({ length: entries.length, hash: entries.at(-1)?.hash ?? GENESIS_HASH });

describe('timeline hash chain', () => {
  it('hashes key order independently (canonical JSON)', async () => {
    const base = { incidentId: 'INC-1', seq: 1, at: 'x', actor: 'a', kind: 'k', prevHash: GENESIS_HASH };
    expect(await hashEntry({ ...base, payload: { a: 1, b: 2 } })).toBe(
      await hashEntry({ ...base, payload: { b: 2, a: 1 } }),
    );
    expect(await hashEntry({ ...base, payload: { a: 1 } })).not.toBe(await hashEntry({ ...base, payload: { a: 2 } }));
  });

  it('verifies an untouched chain', async () => {
    const entries = await chain(5);
    expect(await verifyChain(entries, headOf(entries))).toEqual({
      intact: true,
      entries: 5,
      headHash: entries[4]!.hash,
    });
  });

  it('verifies an empty chain against an empty head', async () => {
    expect((await verifyChain([], { length: 0, hash: GENESIS_HASH })).intact).toBe(true);
  });

  it('names the first altered entry', async () => {
    const entries = await chain(5);
    const head = headOf(entries);
    entries[2] = { ...entries[2]!, payload: { text: 'rewritten' } };
    const verdict = await verifyChain(entries, head);
    expect(verdict.intact).toBe(false);
    expect(verdict.firstBreak).toEqual({ seq: 3, reason: expect.stringContaining('entry 3 (note_added) was altered') });
  });

  it('catches an altered entry whose hash was recomputed, at the entry after it', async () => {
    const entries = await chain(4);
    const head = headOf(entries);
    const forged = { ...entries[1]!, actor: 'mallory' };
    entries[1] = { ...forged, hash: await hashEntry(forged) };
    expect((await verifyChain(entries, head)).firstBreak?.seq).toBe(3);
  });

  it('names a deleted entry in the middle', async () => {
    const entries = await chain(5);
    const head = headOf(entries);
    entries.splice(1, 1);
    expect((await verifyChain(entries, head)).firstBreak).toEqual({
      seq: 2,
      reason: expect.stringContaining('entry 2 is missing'),
    });
  });

  it('catches entries deleted from the end through the recorded head', async () => {
    const entries = await chain(5);
    const head = headOf(entries);
    const verdict = await verifyChain(entries.slice(0, 3), head);
    expect(verdict.firstBreak).toEqual({ seq: 4, reason: 'the incident records 5 entries but 3 remain' });
  });
});
