import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run } from '../main';

// A stand-in API that records each request's URL and answers every list with an empty one.
let server: Server;
let url = '';
const urls: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      urls.push(`${request.method} ${request.url}${body ? ` ${body}` : ''}`);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ alerts: [], items: [], total: 0, metrics: {}, expiresAt: null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('--json is an output choice, never a query or body field', () => {
  it.each([
    [['alert', 'list', '--system', 'fraud-model', '--json'], 'GET /api/v1/alerts?system=fraud-model'],
    [['review', 'list', '--json'], 'GET /api/v1/review?status=pending'],
    [['system', 'monitors', 'fraud-model', '--json'], 'GET /api/v1/systems/fraud-model/monitors'],
    [['alert', 'hygiene', '--json'], 'GET /api/v1/alerts/hygiene'],
    [
      ['alert', 'revert-tuning', 'alr-7', '--reason', 'real surge', '--json'],
      'POST /api/v1/alerts/ALR-7/tuning/revert {"reason":"real surge"}',
    ],
    [['review', 'stats', '--incident', 'INC-2', '--json'], 'GET /api/v1/review/stats?incident=INC-2'],
    [
      ['alert', 'incident', 'ALR-2', '--type', 'privacy_leak', '--severity', 'SEV1', '--json'],
      'POST /api/v1/alerts/ALR-2/incident {"type":"privacy_leak","severity":"SEV1"}',
    ],
    [
      ['control', 'renew', 'support-copilot.filter', '--for', '2h', '--reason', 'still', '--json'],
      'POST /api/v1/controls/support-copilot.filter/renew {"for":"2h","reason":"still"}',
    ],
    [['notify', 'list', 'inc-7', '--json'], 'GET /api/v1/incidents/INC-7/notifications'],
    [['notify', 'preview', '7', '--json'], 'GET /api/v1/incidents/INC-7/notifications/preview'],
    [['notify', 'settings', '--json'], 'GET /api/v1/notifications'],
    [
      [
        ...['oncall', 'override', 'add', '--person', 'priya-nair', '--from', '2026-12-24T10:00:00+01:00'],
        ...['--to', '2026-12-27T09:00:00Z', '--schedule', 'talent-ai-oncall', '--replacing', 'jonas-becker', '--json'],
      ],
      'POST /api/v1/directory/overrides {"id":"priya-nair-2026-12-24","schedule":"talent-ai-oncall","person":"priya-nair","from":"2026-12-24T09:00:00.000Z","to":"2026-12-27T09:00:00.000Z","replacing":"jonas-becker"}',
    ],
    [
      ['oncall', 'override', 'remove', 'jonas-conference', '--json'],
      'DELETE /api/v1/directory/overrides/jonas-conference',
    ],
  ])('firebreak %s asks %s', async (argv, expected) => {
    const io = memoryIo({ env: { FIREBREAK_URL: url, FIREBREAK_TOKEN: 'fbk_test' } });
    expect(await run(argv, io)).toBe(0);
    expect(urls.at(-1)).toBe(expected);
    expect(() => JSON.parse(io.stdout)).not.toThrow();
  });
});

describe('one failure, one incident', () => {
  it.each([
    [
      ['alert', 'attach', 'alr-7', 'INC-2', '--reason', 'same leak'],
      'POST /api/v1/alerts/ALR-7/attach {"incident":"INC-2","reason":"same leak"}',
    ],
    [
      ['incident', 'merge', '4', '--into', 'INC-2', '--reason', 'declared twice'],
      'POST /api/v1/incidents/INC-4/merge {"into":"INC-2","reason":"declared twice"}',
    ],
  ])('firebreak %s sends %s', async (argv, expected) => {
    const io = memoryIo({ env: { FIREBREAK_URL: url, FIREBREAK_TOKEN: 'fbk_test' } });
    await run([...argv, '--json'], io);
    expect(urls.at(-1)).toBe(expected);
  });

  it('refuses a merge without its reason, before asking the server', async () => {
    const io = memoryIo({ env: { FIREBREAK_URL: url, FIREBREAK_TOKEN: 'fbk_test' } });
    const before = urls.length;
    expect(await run(['incident', 'merge', 'INC-4', '--into', 'INC-2'], io)).toBe(2);
    expect(io.stderr).toContain('--reason');
    expect(urls).toHaveLength(before);
  });
});
