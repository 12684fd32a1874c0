import { rm } from 'node:fs/promises';
import { connect } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server';
import { freshDataDir } from './test/pglite-dir';

const TOKEN = 'slow-client-token';

/** Opens a raw connection, writes `head`, and resolves with what the server sent when it closed. */
function slowRequest(port: number, head: string): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ answer, ms: Date.now() - started }));
  });
}

describe('a slow client', () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = await freshDataDir('firebreak-timeouts-');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      adminToken: TOKEN,
      logger: pino({ level: 'silent' }),
      timeouts: { requestMs: 1_000, headersMs: 500 },
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is cut off with 408 when its body does not arrive within the request timeout', async () => {
    const { answer, ms } = await slowRequest(
      server.port,
      `POST /api/v1/incidents HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${TOKEN}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"ti`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(5_000);
  });

  it('is cut off when its headers do not arrive within the headers timeout', async () => {
    const { answer, ms } = await slowRequest(server.port, 'GET /api/v1/health HTTP/1.1\r\nhost: x\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(5_000);
  });

  it('does not cut off a live stream that outlasts the request timeout', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/v1/controls/stream`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const race = await Promise.race([
      reader.read().then((chunk) => (chunk.done ? 'closed' : 'open')),
      new Promise((resolve) => setTimeout(() => resolve('open'), 500)),
    ]);
    expect(race).toBe('open');
    controller.abort();
  });
});
