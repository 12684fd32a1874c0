import canonicalize from 'canonicalize';
import { GENESIS_HASH } from './timeline';

/**
 * A signed checkpoint of every chain head (docs/adr/0013): what a third party holds so that a
 * chain recomputed by whoever can write the database no longer matches. Each checkpoint names
 * the one before it by hash, so a checkpoint removed from the middle shows too.
 */
export interface CheckpointBody {
  format: 'firebreak-checkpoint/1';
  seq: number;
  at: string;
  keyId: string;
  /** SHA-256 of the previous checkpoint's body, or the genesis hash for the first. */
  prev: string;
  audit: { length: number; head: string };
  /** Every incident with its timeline head, ordered by id: an incident deleted later is missing from the store. */
  incidents: Array<{ id: string; length: number; head: string }>;
}

export interface SignedCheckpoint {
  seq: number;
  at: string;
  keyId: string;
  /** The canonical JSON of a CheckpointBody, exactly as signed. */
  body: string;
  /** Ed25519 signature of `body` (UTF-8), base64url. */
  signature: string;
}

/** The export a third party verifies offline: the checkpoints and the public key that signed them. */
export interface CheckpointExport {
  format: 'firebreak-checkpoints/1';
  /** The Ed25519 public key, raw 32 bytes, base64url. */
  publicKey: string;
  keyId: string;
  exportedAt: string;
  checkpoints: SignedCheckpoint[];
}

export interface CheckpointsVerdict {
  intact: boolean;
  checkpoints: number;
  problems: string[];
  /** The bodies whose signatures hold, oldest first: what the store is then checked against. */
  bodies: CheckpointBody[];
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function verifySignature(key: CryptoKey, checkpoint: SignedCheckpoint): Promise<boolean> {
  try {
    const signature = fromBase64url(checkpoint.signature);
    return await globalThis.crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      signature,
      new TextEncoder().encode(checkpoint.body),
    );
  } catch {
    return false; // not base64url, or not a signature's length: not a signature by this key
  }
}

/** The body a checkpoint signs, canonical (RFC 8785) so any language reproduces the bytes. */
export function checkpointBodyText(body: CheckpointBody): string {
  const text = canonicalize(body);
  if (text === undefined) throw new TypeError('checkpoint cannot be serialised');
  return text;
}

/** SHA-256 of a checkpoint body: the `prev` of the checkpoint after it. */
export function checkpointDigest(body: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(body));
}

/** A key's short id: the first 16 hex digits of the SHA-256 of its raw public key. */
export async function keyIdOf(publicKey: string): Promise<string> {
  return (await sha256Hex(fromBase64url(publicKey))).slice(0, 16);
}

/**
 * Checks an export on its own, with no database: each signature against the public key (or the
 * `expectedKey` the verifier pinned), sequence numbers 1..n, and each checkpoint linking to the
 * one before. Uses only WebCrypto, so it runs anywhere Node or a browser does.
 */
export async function verifyCheckpointExport(
  exported: CheckpointExport,
  options: { expectedKey?: string } = {},
): Promise<CheckpointsVerdict> {
  const problems: string[] = [];
  const bodies: CheckpointBody[] = [];
  const publicKey = options.expectedKey ?? exported.publicKey;
  if (options.expectedKey && options.expectedKey !== exported.publicKey)
    problems.push('the export names a different public key from the one pinned');
  let key: CryptoKey;
  let keyId: string;
  try {
    keyId = await keyIdOf(publicKey);
    key = await globalThis.crypto.subtle.importKey('raw', fromBase64url(publicKey), { name: 'Ed25519' }, false, [
      'verify',
    ]);
  } catch {
    problems.push('the public key is not a raw Ed25519 key in base64url');
    return { intact: false, checkpoints: exported.checkpoints.length, problems, bodies };
  }
  let prev = GENESIS_HASH;
  for (const [index, checkpoint] of exported.checkpoints.entries()) {
    const where = `checkpoint ${checkpoint.seq}`;
    if (checkpoint.seq !== index + 1) problems.push(`checkpoint ${index + 1} is missing (found ${checkpoint.seq})`);
    const signed = await verifySignature(key, checkpoint);
    if (!signed) {
      problems.push(`${where}: the signature does not match its body (key ${keyId})`);
      continue;
    }
    // Signed by the key, so written by Firebreak as canonical JSON.
    const body = JSON.parse(checkpoint.body) as CheckpointBody;
    if (body.seq !== checkpoint.seq || body.at !== checkpoint.at || body.keyId !== keyId)
      problems.push(`${where}: its columns differ from the signed body`);
    if (body.prev !== prev) problems.push(`${where}: does not link to the checkpoint before it`);
    prev = await checkpointDigest(checkpoint.body);
    bodies.push(body);
  }
  return { intact: problems.length === 0, checkpoints: exported.checkpoints.length, problems, bodies };
}
