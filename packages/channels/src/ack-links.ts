import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/**
 * Acknowledge links: a signed, expiring token that says "this person may acknowledge this
 * incident" (or this alert, when no incident holds it yet), carried in a URL a notification shows as a button. The token is a JWT (HS256, via
 * `jose`) so any standard tool can inspect one during an incident review.
 *
 * Single use is the caller's part: the token carries a random `nonce` (its `jti`); whoever
 * acknowledges with it must record that nonce, in the same transaction as the acknowledgement,
 * under a unique constraint, and refuse a nonce already recorded. Keeping the nonce until the
 * token's `expiresAt` is enough: after that `verifyAckToken` refuses the token anyway.
 */

/** The audience claim: a token made for acknowledging is good for nothing else. */
const AUDIENCE = 'firebreak:acknowledge';
const ALGORITHM = 'HS256';
/** HS256 wants a key at least as long as its output (RFC 7518 §3.2). */
export const ACK_SECRET_MIN_BYTES = 32;

/** What a valid acknowledge token says. */
export interface AckClaims {
  /** What is acknowledged: an incident (`INC-12`) or an alert no incident holds (`ALR-41`). */
  subject: string;
  /** The person acknowledging: a person id or the name the notification was for. */
  person: string;
  /** Random, unique per link; store it when the link is used to make the link single-use. */
  nonce: string;
  issuedAt: string;
  expiresAt: string;
}

/** Why a token was refused. */
export type AckRefusal = 'expired' | 'bad_signature' | 'malformed';

export type AckVerification = { ok: true; claims: AckClaims } | { ok: false; reason: AckRefusal };

export interface CreateAckLinkInput {
  /** The acknowledge endpoint, `https://firebreak.example.com/ack`; the token goes in `?token=`. */
  baseUrl: string;
  /** At least 32 bytes, kept out of the database (a leaked row must not mint links). */
  secret: string | Uint8Array;
  /** `INC-12`, or `ALR-41` for a page about an alert no incident holds. */
  subject: string;
  person: string;
  /** How long the link works; by default until the acknowledgement deadline would matter no more. */
  ttlSeconds: number;
  now: Date;
}

export interface AckLink {
  url: string;
  token: string;
  nonce: string;
  expiresAt: string;
}

/**
 * Makes a signed, expiring acknowledge link for one person and one incident or alert.
 *
 * @example
 * const link = await createAckLink({ baseUrl, secret, subject: 'INC-12', person: 'dana', ttlSeconds: 3600, now });
 * notification.links.acknowledge = link.url;
 */
export async function createAckLink(input: CreateAckLinkInput): Promise<AckLink> {
  const key = ackKey(input.secret);
  const nonce = randomBytes(16).toString('base64url');
  const issuedAt = Math.floor(input.now.getTime() / 1000);
  const expiresAt = issuedAt + input.ttlSeconds;
  const token = await new SignJWT({ inc: input.subject })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(input.person)
    .setAudience(AUDIENCE)
    .setJti(nonce)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key);
  const url = new URL(input.baseUrl);
  url.searchParams.set('token', token);
  return { url: url.toString(), token, nonce, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

/**
 * Checks an acknowledge token's signature, expiry and shape at `now`. Returns the claims, or
 * the reason it was refused; a bad token never throws (a secret shorter than 32 bytes does:
 * that is a configuration error, not the token's). It does not know whether the token was used before:
 * see the module comment for single use.
 *
 * @example
 * const checked = await verifyAckToken(token, { secret, now });
 * if (!checked.ok) return page(`This link is ${checked.reason}`);
 */
export async function verifyAckToken(
  token: string,
  options: { secret: string | Uint8Array; now: Date },
): Promise<AckVerification> {
  const key = ackKey(options.secret);
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      audience: AUDIENCE,
      currentDate: options.now,
      requiredClaims: ['exp', 'iat', 'jti', 'sub'],
    });
    const { inc, sub, jti, iat, exp } = payload;
    if (
      typeof inc !== 'string' ||
      !/^(INC|ALR)-[1-9][0-9]*$/.test(inc) ||
      !sub ||
      !jti ||
      iat === undefined ||
      exp === undefined
    ) {
      return { ok: false, reason: 'malformed' };
    }
    const claims: AckClaims = {
      subject: inc,
      person: sub,
      nonce: jti,
      issuedAt: new Date(iat * 1000).toISOString(),
      expiresAt: new Date(exp * 1000).toISOString(),
    };
    return { ok: true, claims };
  } catch (error) {
    return { ok: false, reason: refusalOf(error) };
  }
}

function refusalOf(error: unknown): AckRefusal {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  return 'malformed';
}

function ackKey(secret: string | Uint8Array): Uint8Array {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (key.byteLength < ACK_SECRET_MIN_BYTES) {
    throw new RangeError(`secret: an acknowledge-link secret needs at least ${ACK_SECRET_MIN_BYTES} bytes`);
  }
  return key;
}
