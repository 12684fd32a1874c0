import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run } from '../main';
import { chartLines } from './alert';

interface Seen {
  method: string | undefined;
  url: string | undefined;
  authorization: string | undefined;
  body: string;
}

const ACKNOWLEDGED = { id: 'ALR-3', acknowledged: { by: 'dana', at: '2026-11-24T09:10:00.000Z' } };

// A stand-in for the API's two answers to an acknowledgement, so the test sees exactly what the verb sends.
let server: Server;
let url = '';
const seen: Seen[] = [];

function read(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => resolve(body));
  });
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    seen.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.authorization,
      body: await read(request),
    });
    const dismissed = request.url?.includes('ALR-4');
    response.writeHead(dismissed ? 409 : 200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify(
        dismissed
          ? {
              error: {
                code: 'conflict',
                message: 'alert ALR-4 was dismissed as a false positive; there is nothing to acknowledge',
                requestId: 'r1',
              },
            }
          : ACKNOWLEDGED,
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function cli(argv: string[]) {
  const io = memoryIo({ env: { FIREBREAK_URL: url, FIREBREAK_TOKEN: 'fbk_test' } });
  const code = await run(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('firebreak alert ack', () => {
  it('posts the acknowledgement and says who holds it', async () => {
    const result = await cli(['alert', 'ack', 'alr-3']);
    expect(result).toMatchObject({ code: 0, stdout: 'ALR-3 acknowledged by dana at 2026-11-24T09:10Z\n' });
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/api/v1/alerts/ALR-3/acknowledge',
      authorization: 'Bearer fbk_test',
      body: '{}',
    });
  });

  it('prints the server JSON with --json', async () => {
    const result = await cli(['alert', 'ack', 'ALR-3', '--json']);
    expect(JSON.parse(result.stdout)).toEqual(ACKNOWLEDGED);
  });

  it('explains why a dismissed alert cannot be acknowledged, exit 1', async () => {
    const result = await cli(['alert', 'ack', 'ALR-4']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('alert ALR-4 was dismissed as a false positive');
  });
});

describe('alert show', () => {
  it('sums up the charts of the evidence in a line each', () => {
    const lines = chartLines({
      series: {
        measure: 'z-score of the window mean',
        windowMs: 300_000,
        history: [
          { at: '2026-11-24T09:00:00.000Z', value: 0.2, level: 'ok' },
          { at: '2026-11-24T09:05:00.000Z', value: 3.1, level: 'page' },
        ],
        lines: [
          { role: 'centre', value: 0, label: 'baseline' },
          { role: 'page', value: 2.5, label: 'page' },
        ],
      },
      selection: {
        positive: 'decline',
        line: 0.8,
        groups: [
          { group: 'A', selected: 10, total: 100, rate: 0.1 },
          { group: 'B', selected: 30, total: 100, rate: 0.3 },
        ],
      },
    });
    expect(lines).toEqual([
      '  chart: 2 windows of z-score of the window mean (1 alerting); centre 0, page 2.5',
      '  selection rate of "decline": A 0.1, B 0.3; line 0.8',
    ]);
  });
});
