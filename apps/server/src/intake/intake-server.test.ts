import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { freshDataDir } from '../test/pglite-dir';
import { until as waitUntil } from '../test/until';

/** This file's waits give up after 15 s. */
const until = <T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false) =>
  waitUntil(what, probe, 15_000);

const ADMIN = 'intake-e2e-admin-token';

/** One HTTP request from a chosen local address (127.0.0.x), as a client on another host would send it. */
function send(
  url: string,
  options: { method?: string; path: string; body?: unknown; token?: string; from?: string; agent?: Agent },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  const target = new URL(options.path, url);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: options.method ?? (payload ? 'POST' : 'GET'),
        localAddress: options.from ?? '127.0.0.1',
        agent: options.agent ?? false,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const report = (overrides: Record<string, unknown> = {}) => ({
  kind: 'security',
  system: 'support-copilot',
  whatHappened: 'Prompt injection through the order notes field reveals the system prompt.',
  ...overrides,
});

describe('the public intake on a real server', () => {
  let dir: string;
  let server: RunningServer;
  let smtp: SMTPServer;
  const mails: ParsedMail[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            mails.push(mail);
            callback(null, 'queued');
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    dir = await freshDataDir('firebreak-intake-');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      adminToken: ADMIN,
      logger: pino({ level: 'silent' }),
      notifications: { pollMs: 50 },
      channels: {
        email: {
          host: '127.0.0.1',
          port: (smtp.server.address() as AddressInfo).port,
          from: 'Firebreak <firebreak@example.com>',
        },
      },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  it('takes a burst of 1,000 reports from one address: a few stored, the rest 429, nobody else affected', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 32 });
    let done = 0;
    const burst = Promise.all(
      Array.from({ length: 1_000 }, (_, i) =>
        send(server.url, { path: '/api/v1/reports', body: report({ when: `try ${i}` }), agent }).finally(() => {
          done++;
        }),
      ),
    );
    // While the burst runs: another address reports, and a responder uses the API.
    await until('the burst to start', () => (done >= 50 ? true : undefined));
    const [other, api] = await Promise.all([
      send(server.url, { path: '/api/v1/reports', body: report({ kind: 'user_harm' }), from: '127.0.0.2' }),
      send(server.url, { path: '/api/v1/incidents', token: ADMIN }),
    ]);
    const doneWhenOthersAnswered = done;
    const answers = await burst;
    agent.destroy();

    expect(other.status).toBe(201);
    expect(other.body.reference).toMatch(/^R-/);
    expect(api.status).toBe(200);
    expect(doneWhenOthersAnswered).toBeLessThan(1_000);

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(995);
    const refused = answers.find((a) => a.status === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited' });
    expect(refused.body.error.message).toContain('more than 5 reports from your address in 10 minutes');

    // Exactly the accepted ones are stored, and the other address is still welcome.
    const queue = await send(server.url, { path: '/api/v1/reports?status=all', token: ADMIN });
    expect(queue.body.items).toHaveLength(6);
    expect((await send(server.url, { path: '/api/v1/reports', body: report(), from: '127.0.0.2' })).status).toBe(201);
    // The form answers the same address with a page, not JSON.
    const form = await send(server.url, { path: '/report', method: 'POST' });
    expect(form.status).toBe(429);
    expect(String(form.body)).toContain('Too many reports');
  }, 120_000);

  it('mails the reporter the acknowledgement and the updates through the outbox', async () => {
    const submitted = await send(server.url, {
      path: '/api/v1/reports',
      body: report({ email: 'researcher@example.org', consent: true }),
      from: '127.0.0.3',
    });
    expect(submitted.status).toBe(201);
    const ref = submitted.body.reference as string;
    expect(mails).toHaveLength(0); // nothing is mailed on receipt: the form cannot be used to mail strangers

    const acked = await send(server.url, {
      path: `/api/v1/reports/${ref}/acknowledge`,
      body: { message: 'Thanks, we reproduced it.' },
      token: ADMIN,
    });
    expect(acked.status).toBe(200);
    const ack = await until('the acknowledgement mail', () => mails.find((m) => m.subject?.includes(ref)));
    expect(ack.subject).toBe(`We are looking into your report (${ref})`);
    expect(ack.to).toMatchObject({ value: [{ address: 'researcher@example.org' }] });
    expect(ack.text).toContain('Thanks, we reproduced it.');
    expect(ack.headers.get('x-firebreak-report')).toBe(ref);
    expect(ack.headers.get('x-firebreak-idempotency-key')).toBe(`${ref}:acknowledged:1`);

    await send(server.url, {
      path: `/api/v1/reports/${ref}/update`,
      body: { message: 'Fixed in release 44.', final: true },
      token: ADMIN,
    });
    const last = await until('the closing mail', () =>
      mails.find((m) => m.subject === `Your report is closed (${ref})`),
    );
    expect(last.text).toContain('Fixed in release 44.');
    expect(mails).toHaveLength(2);
  }, 60_000);

  it('takes its limits from the environment when started by firebreak serve, and refuses a bad one', async () => {
    const names = ['FIREBREAK_INTAKE_TRUST_PROXY', 'FIREBREAK_INTAKE_PER_ADDRESS', 'FIREBREAK_INTAKE_SYSTEMS'];
    const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    const other = await mkdtemp(join(tmpdir(), 'firebreak-intake-env-'));
    try {
      process.env.FIREBREAK_INTAKE_TRUST_PROXY = 'yes';
      await expect(
        startServer({ port: 0, host: '127.0.0.1', dataDir: other, logger: pino({ level: 'silent' }) }),
      ).rejects.toThrow('FIREBREAK_INTAKE_TRUST_PROXY is "yes": expected how many proxies you run in front');
      process.env.FIREBREAK_INTAKE_TRUST_PROXY = '0';
      process.env.FIREBREAK_INTAKE_PER_ADDRESS = '1';
      process.env.FIREBREAK_INTAKE_SYSTEMS = 'Support assistant, Fraud checks';
      const second = await startServer({
        port: 0,
        host: '127.0.0.1',
        dataDir: other,
        logger: pino({ level: 'silent' }),
      });
      try {
        expect((await send(second.url, { path: '/api/v1/reports', body: report() })).status).toBe(201);
        expect((await send(second.url, { path: '/api/v1/reports', body: report() })).status).toBe(429);
        const form = await send(second.url, { path: '/report' });
        expect(String(form.body)).toContain('<option value="Fraud checks">');
      } finally {
        await second.close();
      }
    } finally {
      // Put back name by name: the process's environment object stays the one every module holds.
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await rm(other, { recursive: true, force: true });
    }
  }, 60_000);
});
