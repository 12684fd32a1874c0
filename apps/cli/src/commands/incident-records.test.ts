import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evidenceBody, utf8 } from './incident-records';

describe('evidence from a file', () => {
  it('sends UTF-8 text as utf8 and anything else as base64, computing nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-evidence-'));
    const text = join(dir, 'answer.json');
    const binary = join(dir, 'shot.png');
    await writeFile(text, '{"answer":"Order #4411 — refundable"}\n');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]));
    expect(await evidenceBody({ kind: 'model_output', title: 'Answer', file: text })).toEqual({
      kind: 'model_output',
      title: 'Answer',
      content: '{"answer":"Order #4411 — refundable"}\n',
      contentEncoding: 'utf8',
    });
    expect(
      await evidenceBody({ kind: 'screenshot', title: 'Shot', file: binary, mediaType: 'image/png' }),
    ).toMatchObject({
      content: 'iVBOR//+AA==',
      contentEncoding: 'base64',
      mediaType: 'image/png',
    });
  });

  it('keeps a byte-order mark, so the server hashes the bytes of the file', () => {
    expect(utf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('\ufeffa');
    expect(utf8(Uint8Array.from([0xc3, 0x28]))).toBeUndefined();
  });

  it('refuses a file that cannot be read, naming it', async () => {
    await expect(evidenceBody({ kind: 'log', title: 't', file: '/nonexistent/x.log' })).rejects.toThrow(
      'cannot read /nonexistent/x.log: no such file',
    );
  });
});
