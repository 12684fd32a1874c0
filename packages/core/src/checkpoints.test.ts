import { describe, expect, it } from 'vitest';
import { type CheckpointExport, verifyCheckpointExport } from './checkpoints';

const empty = (publicKey: string, signature = 'AAAA'): CheckpointExport => ({
  format: 'firebreak-checkpoints/1',
  publicKey,
  keyId: 'x',
  exportedAt: '2026-12-04T00:00:00.000Z',
  checkpoints: [{ seq: 1, at: '2026-12-04T00:00:00.000Z', keyId: 'x', body: '{}', signature }],
});

describe('verifyCheckpointExport', () => {
  it('says a public key that is not Ed25519 is not one, without throwing', async () => {
    const verdict = await verifyCheckpointExport(empty('not-a-key!'));
    expect(verdict).toMatchObject({
      intact: false,
      problems: ['the public key is not a raw Ed25519 key in base64url'],
    });
  });

  it('reports a signature that does not verify, however malformed', async () => {
    const key = 'rn1KvdSO1yHa0RulBBz1mlYpgDzE5fEt24OjeQr01VY';
    for (const signature of ['AAAA', '%%%'])
      expect((await verifyCheckpointExport(empty(key, signature))).problems[0]).toMatch(
        /^checkpoint 1: the signature does not match its body/,
      );
  });
});
