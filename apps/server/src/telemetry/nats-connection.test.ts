import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JetStreamTelemetry } from './jetstream';
import { type NatsAuth, natsAuthFromEnv, natsConnectionOptions, redactNatsUrl } from './nats-connection';

/** A NATS server of the test's own (JetStream on, the given login), on a free port. */
async function startNats(dir: string, args: string[]): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
  const child: ChildProcess = spawn(
    'nats-server',
    ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', join(dir, `js-${port}`), ...args],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 15_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.destroy();
        resolve(true);
      }).on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`nats-server ${args.join(' ')} did not start`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const event = { system: 'auth-a', ts: '2026-11-24T10:00:00.000Z', kind: 'prediction' as const, prediction: 'ok' };

/** Opens the stream with `auth`, appends one event and reads it back. */
async function roundTrip(url: string, auth: NatsAuth): Promise<number> {
  const log = await JetStreamTelemetry.open({ url, auth, partitions: 1, logger: { info() {}, warn() {} } });
  try {
    await log.append([event], [JSON.stringify(event)]);
    return (await log.info()).state.messages;
  } finally {
    await log.deleteStream();
    await log.close();
  }
}

let dir = '';
const servers: Array<{ stop(): Promise<void> }> = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fb-nats-auth-'));
});
afterAll(async () => {
  for (const server of servers) await server.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a NATS server that wants a user and password', () => {
  let port = 0;
  beforeAll(async () => {
    const server = await startNats(dir, ['--user', 'firebreak', '--pass', 'p@ss:word']);
    servers.push(server);
    port = server.port;
  });

  it('refuses Firebreak without them, naming the settings to check and never the password', async () => {
    const refused = JetStreamTelemetry.open({ url: `nats://127.0.0.1:${port}`, auth: {}, partitions: 1 });
    await expect(refused).rejects.toThrow(/refused the login .*FIREBREAK_NATS_USER and FIREBREAK_NATS_PASSWORD/);
    const wrong = `nats://firebreak:${encodeURIComponent('not-it')}@127.0.0.1:${port}`;
    const error = await JetStreamTelemetry.open({ url: wrong, auth: {}, partitions: 1 }).catch((e: Error) => e);
    expect(String(error)).toMatch(/refused the login/);
    expect(String(error)).not.toContain('not-it');
  });

  it('takes telemetry with FIREBREAK_NATS_USER and FIREBREAK_NATS_PASSWORD', async () => {
    const auth = natsAuthFromEnv({ FIREBREAK_NATS_USER: 'firebreak', FIREBREAK_NATS_PASSWORD: 'p@ss:word' });
    expect(await roundTrip(`nats://127.0.0.1:${port}`, auth)).toBe(1);
  });

  it('takes telemetry with the user and a percent-encoded password in the URL', async () => {
    const url = `nats://firebreak:${encodeURIComponent('p@ss:word')}@127.0.0.1:${port}`;
    expect(await roundTrip(url, {})).toBe(1);
  });
});

describe('a NATS server that wants a token', () => {
  it('refuses Firebreak without it and takes telemetry with FIREBREAK_NATS_TOKEN or the token in the URL', async () => {
    const server = await startNats(dir, ['--auth', 's3cret-token']);
    servers.push(server);
    const url = `nats://127.0.0.1:${server.port}`;
    await expect(JetStreamTelemetry.open({ url, auth: {}, partitions: 1 })).rejects.toThrow(/FIREBREAK_NATS_TOKEN/);
    expect(await roundTrip(url, natsAuthFromEnv({ FIREBREAK_NATS_TOKEN: 's3cret-token' }))).toBe(1);
    expect(await roundTrip(`nats://s3cret-token@127.0.0.1:${server.port}`, {})).toBe(1);
    const wrong = await JetStreamTelemetry.open({
      url: `nats://not-it@127.0.0.1:${server.port}`,
      auth: {},
      partitions: 1,
    }).catch((error: Error) => error);
    expect(String(wrong)).toMatch(/refused the login .*check the credentials in FIREBREAK_NATS_URL/);
    expect(String(wrong)).not.toContain('not-it');
  });
});

describe('a NATS server that wants TLS', () => {
  it('is reached with FIREBREAK_NATS_TLS_CA, and a client without the CA cannot trust it', async () => {
    // A CA and a server certificate for 127.0.0.1, made for this test.
    const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    ssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=firebreak-test-ca',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
    );
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=nats');
    await writeFile(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    ssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'san.ext',
    );
    const server = await startNats(dir, [
      '--tls',
      '--tlscert',
      join(dir, 'server.pem'),
      '--tlskey',
      join(dir, 'server.key'),
    ]);
    servers.push(server);
    const url = `tls://127.0.0.1:${server.port}`;
    await expect(JetStreamTelemetry.open({ url, auth: {}, partitions: 1 })).rejects.toThrow(/cannot reach NATS/);
    expect(await roundTrip(url, natsAuthFromEnv({ FIREBREAK_NATS_TLS_CA: join(dir, 'ca.pem') }))).toBe(1);
  });
});

describe('the NATS settings', () => {
  it('refuse a bad combination or an unreadable file, naming the variable', () => {
    expect(() => natsAuthFromEnv({ FIREBREAK_NATS_PASSWORD: 'x' })).toThrow(
      /FIREBREAK_NATS_PASSWORD is set without FIREBREAK_NATS_USER/,
    );
    expect(() => natsAuthFromEnv({ FIREBREAK_NATS_USER: 'a', FIREBREAK_NATS_TOKEN: 't' })).toThrow(
      /FIREBREAK_NATS_USER and FIREBREAK_NATS_TOKEN are both set/,
    );
    expect(() => natsAuthFromEnv({ FIREBREAK_NATS_CREDS: '/nonexistent/user.creds' })).toThrow(
      /FIREBREAK_NATS_CREDS is "\/nonexistent\/user.creds": cannot read it \(ENOENT\)/,
    );
    expect(() => natsAuthFromEnv({ FIREBREAK_NATS_TLS_CERT: '/x.pem' })).toThrow(
      /FIREBREAK_NATS_TLS_CERT is set without FIREBREAK_NATS_TLS_KEY/,
    );
    expect(() => natsConnectionOptions('nats://a:b@h:4222', 'n', { token: 't' })).toThrow(
      /give the credentials one way/,
    );
    expect(() => natsConnectionOptions(' , ', 'n', {})).toThrow(/FIREBREAK_NATS_URL is empty/);
  });

  it('refuse a file that is not NATS credentials, and take one that is', async () => {
    const path = join(dir, 'user.creds');
    await writeFile(path, 'not creds');
    expect(() => natsAuthFromEnv({ FIREBREAK_NATS_CREDS: path })).toThrow(/not a NATS credentials file/);
    await writeFile(
      path,
      '-----BEGIN NATS USER JWT-----\neyJ0\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\nSUAM\n------END USER NKEY SEED------\n',
    );
    const auth = natsAuthFromEnv({ FIREBREAK_NATS_CREDS: path });
    expect(auth.credsFile).toBe(path);
    expect(natsConnectionOptions('nats://h:4222', 'n', auth).authenticator).toBeTypeOf('function');
  });

  it('take credentials out of every URL, keep the scheme and hide passwords in messages', () => {
    const options = natsConnectionOptions('nats://u:p%40ss@a:4222, tls://u:p%40ss@b:4222', 'n', {});
    expect(options.servers).toEqual(['nats://a:4222', 'tls://b:4222']);
    expect(options.tls).toEqual({});
    expect(natsConnectionOptions('nats://a:4222', 'n', {})).toEqual({ servers: ['nats://a:4222'], name: 'n' });
    expect(redactNatsUrl('nats://u:secret@a:4222,nats://u:secret@b:4222')).toBe(
      'nats://u:***@a:4222,nats://u:***@b:4222',
    );
    expect(redactNatsUrl('u:secret@a:4222')).toBe('u:***@a:4222');
    expect(redactNatsUrl('nats://s3cret-token@a:4222, tls://s3cret-token@b:4222')).toBe(
      'nats://***@a:4222, tls://***@b:4222',
    );
    expect(redactNatsUrl('nats://a:4222')).toBe('nats://a:4222');
  });
});
