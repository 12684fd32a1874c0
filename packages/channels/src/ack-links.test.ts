import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAckLink, verifyAckToken } from './ack-links';

const secret = 'a-test-secret-of-at-least-32-bytes!!';
const now = new Date('2026-11-24T10:00:00.000Z');
const link = (overrides: Partial<Parameters<typeof createAckLink>[0]> = {}) =>
  createAckLink({
    baseUrl: 'https://firebreak.example.com/ack',
    secret,
    subject: 'INC-12',
    person: 'dana',
    ttlSeconds: 3600,
    now,
    ...overrides,
  });

describe('acknowledge links', () => {
  it('carries the incident, the person and a nonce, and verifies before it expires', async () => {
    const made = await link();
    const url = new URL(made.url);

    expect(url.origin + url.pathname).toBe('https://firebreak.example.com/ack');
    expect(url.searchParams.get('token')).toBe(made.token);
    expect(made.expiresAt).toBe('2026-11-24T11:00:00.000Z');
    const checked = await verifyAckToken(made.token, { secret, now: new Date('2026-11-24T10:59:59.000Z') });
    expect(checked).toEqual({
      ok: true,
      claims: {
        subject: 'INC-12',
        person: 'dana',
        nonce: made.nonce,
        issuedAt: '2026-11-24T10:00:00.000Z',
        expiresAt: '2026-11-24T11:00:00.000Z',
      },
    });
  });

  it('gives every link its own nonce', async () => {
    const nonces = new Set(await Promise.all([1, 2, 3, 4].map(async () => (await link()).nonce)));

    expect(nonces.size).toBe(4);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('refuses an expired link as expired', async () => {
    const made = await link();

    expect(await verifyAckToken(made.token, { secret, now: new Date('2026-11-24T11:00:01.000Z') })).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a link signed with another secret, or altered, as a bad signature', async () => {
    const made = await link();
    const other = await verifyAckToken(made.token, { secret: `${secret}-rotated`, now });
    const [header, payload, signature] = made.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, inc: 'INC-1' })).toString('base64url')}.${signature}`;

    expect(other).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verifyAckToken(forged, { secret, now })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it.each([
    ['empty', ''],
    ['not a JWT', 'hello'],
    [
      'unsigned (alg none)',
      `${b64({ alg: 'none' })}.${b64({ inc: 'INC-12', sub: 'dana', jti: 'n', exp: 9e9, iat: 1 })}.`,
    ],
  ])('refuses %s as malformed', async (_name, token) => {
    expect(await verifyAckToken(token, { secret, now })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a correctly signed token made for another purpose or missing the incident', async () => {
    const key = new TextEncoder().encode(secret);
    const session = await new SignJWT({ inc: 'INC-12' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('dana')
      .setAudience('firebreak:session')
      .setJti('n1')
      .setIssuedAt(now)
      .setExpirationTime('1h')
      .sign(key);
    const noIncident = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('dana')
      .setAudience('firebreak:acknowledge')
      .setJti('n2')
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(now.getTime() / 1000) + 60)
      .sign(key);

    expect(await verifyAckToken(session, { secret, now })).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyAckToken(noIncident, { secret, now })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('is a standard HS256 JWT whose signature node:crypto reproduces', async () => {
    const made = await link();
    const [header, payload, signature] = made.token.split('.');
    const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');

    expect(signature).toBe(expected);
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('refuses a secret shorter than 32 bytes', async () => {
    await expect(link({ secret: 'short' })).rejects.toThrow(/^secret: /);
  });
});

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
