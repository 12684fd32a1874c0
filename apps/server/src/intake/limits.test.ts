import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress, DEFAULT_INTAKE_LIMITS, IntakeGuard } from './limits';

const T = new Date('2026-11-24T10:00:00.000Z');
const later = (ms: number) => new Date(T.getTime() + ms);

describe('the form stamp', () => {
  const guard = new IntakeGuard(DEFAULT_INTAKE_LIMITS);
  const stamp = guard.formStamp(T);

  it.each([
    ['sent after a person could fill it', 3_000, 'fresh'],
    ['sent within the minimum fill time', 2_999, 'fast'],
    ['sent a day later', 24 * 3600_000, 'fresh'],
    ['sent more than a day later', 24 * 3600_000 + 1, 'stale'],
  ])('is %s', (_what, ms, verdict) => {
    expect(guard.checkStamp(stamp, later(ms))).toBe(verdict);
  });

  it('is stale when missing, malformed, backdated or signed by another server', () => {
    const [ms, signature] = stamp.split('.');
    expect(guard.checkStamp('', later(5_000))).toBe('stale');
    expect(guard.checkStamp('yesterday', later(5_000))).toBe('stale');
    expect(guard.checkStamp(`${Number(ms) - 60_000}.${signature}`, later(5_000))).toBe('stale');
    expect(new IntakeGuard(DEFAULT_INTAKE_LIMITS).checkStamp(stamp, later(5_000))).toBe('stale');
  });

  it('keys source hashes per server and never stores the address', () => {
    const hash = guard.sourceHash('198.51.100.7');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    // Keyed: a plain digest of an IPv4 address can be reversed by trying all 2^32 of them.
    expect(hash).not.toBe(createHash('sha256').update('198.51.100.7').digest('hex'));
    expect(guard.sourceHash('198.51.100.7')).toBe(hash);
    expect(new IntakeGuard(DEFAULT_INTAKE_LIMITS).sourceHash('198.51.100.7')).not.toBe(hash);
  });
});

describe('the address a quota counts', () => {
  const seen = async (headers: Record<string, string>, trustProxy: boolean, socket?: string) => {
    const app = new Hono();
    app.get('/', (c) => c.text(clientAddress(c, trustProxy)));
    const env = socket ? { incoming: { socket: { remoteAddress: socket } } } : undefined;
    return (await app.request('/', { headers }, env)).text();
  };

  it.each([
    [{}, false, '203.0.113.5', '203.0.113.5'],
    [{}, false, '::ffff:203.0.113.5', '203.0.113.5'],
    [{}, false, '2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    [{}, false, '2001:db8:1:2::9', '2001:db8:1:2::/64'],
    [{ 'x-forwarded-for': '198.51.100.1' }, false, '203.0.113.5', '203.0.113.5'],
    [{ 'x-forwarded-for': '198.51.100.1, 192.0.2.44' }, true, '10.0.0.2', '192.0.2.44'],
    [{}, false, undefined, 'unknown'],
  ])('%j trusted=%s from %s counts as %s', async (headers, trust, socket, expected) => {
    expect(await seen(headers, trust, socket)).toBe(expected);
  });
});

describe('the quotas', () => {
  it('refuse an address past its quota with when to come back, and spare the others and the cap', async () => {
    const guard = new IntakeGuard({ ...DEFAULT_INTAKE_LIMITS, perAddress: 2, globalPerHour: 4 });
    await guard.admit('a');
    await guard.admit('a');
    for (let i = 0; i < 10; i++)
      await expect(guard.admit('a')).rejects.toMatchObject({
        code: 'rate_limited',
        details: { retryAfterSeconds: expect.any(Number) },
      });
    await guard.admit('b');
    await guard.admit('b');
    await expect(guard.admit('c')).rejects.toThrow('the report form is taking no more reports for now');
  });
});
