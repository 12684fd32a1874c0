import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf } from '@firebreak/core';
import { createFileOnce } from '../fs/create-once';

/** The key that signs checkpoints. It lives outside the database, so writing the database cannot forge it. */
export interface CheckpointKey {
  /** Raw Ed25519 public key, base64url: what a third party pins. */
  publicKey: string;
  keyId: string;
  /** Where the private key is kept (null: in memory only, for tests). */
  path: string | null;
  sign(text: string): string;
}

async function fromPrivate(privateKey: KeyObject, path: string | null): Promise<CheckpointKey> {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
    throw new Error(`checkpoint key${path ? ` at ${path}` : ''} is not an Ed25519 private key`);
  return {
    publicKey: jwk.x,
    keyId: await keyIdOf(jwk.x),
    path,
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url'),
  };
}

/**
 * Loads the checkpoint key from `path` (PKCS#8 PEM), creating it on first start with mode 0600.
 * A key file readable by others is refused: anyone who can read it can sign checkpoints.
 *
 * @example
 * const key = await loadCheckpointKey('./firebreak-data/checkpoint-key.pem');
 */
export async function loadCheckpointKey(path: string): Promise<CheckpointKey & { created: boolean }> {
  let created = false;
  if (!existsSync(path)) {
    // Replicas started together on one data folder agree on the first key written.
    const { privateKey } = generateKeyPairSync('ed25519');
    created = createFileOnce(path, String(privateKey.export({ format: 'pem', type: 'pkcs8' })));
  }
  if ((statSync(path).mode & 0o077) !== 0)
    throw new Error(`checkpoint key at ${path} is readable by others: chmod 600 ${path}`);
  const pem = readFileSync(path, 'utf8');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`checkpoint key at ${path} cannot be read as a PEM private key: ${(error as Error).message}`);
  }
  return { ...(await fromPrivate(privateKey, path)), created };
}

/** A key that lives only in memory: tests, and a server with nowhere to keep one. */
export function memoryCheckpointKey(): Promise<CheckpointKey> {
  return fromPrivate(generateKeyPairSync('ed25519').privateKey, null);
}

/**
 * Where the checkpoint key lives: the path given (FIREBREAK_CHECKPOINT_KEY), else
 * `checkpoint-key.pem` in the data folder; with neither, a key in memory (checkpoints then
 * verify only while this process runs, which the start-up log says).
 */
export async function openCheckpointKey(options: {
  path?: string | undefined;
  dataDir?: string | undefined;
  log?: (line: string) => void;
}): Promise<CheckpointKey> {
  const path = options.path || (options.dataDir ? join(options.dataDir, 'checkpoint-key.pem') : undefined);
  if (!path) {
    options.log?.(
      'no checkpoint key path (FIREBREAK_CHECKPOINT_KEY): checkpoints are signed with a key kept in memory',
    );
    return memoryCheckpointKey();
  }
  const key = await loadCheckpointKey(path);
  if (key.created) options.log?.(`checkpoint key created at ${path} (keep a copy of its public key: ${key.publicKey})`);
  return key;
}
