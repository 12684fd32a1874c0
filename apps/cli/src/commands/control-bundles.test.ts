import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run } from '../main';

const KEY = 'support-copilot.stack';
const NOW = '2026-12-07T10:00:00.000Z';
const bundle = (version: string, status: string, contents: Record<string, unknown>) => ({
  version,
  contents,
  status,
  registeredAt: NOW,
  registeredBy: 'dana',
  reason: `deploy ${version}`,
  retiredAt: status === 'retired' ? NOW : null,
  retiredBy: status === 'retired' ? 'dana' : null,
  retireReason: status === 'retired' ? 'bad index' : null,
});
const control = { key: KEY, versions: ['v41', 'v42'] };

// A stand-in API: records each request and answers the bundle routes with canned bodies.
let server: Server;
let url = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      requests.push(`${request.method} ${request.url}${body ? ` ${body}` : ''}`);
      const answer =
        request.method === 'GET'
          ? {
              key: KEY,
              bundles: [
                bundle('v41', 'known-good', { model: 'gpt-4o', prompt: 'p6' }),
                bundle('v42', 'active', { model: 'gpt-4.1', tools: ['search', 'refund'] }),
                bundle('v40', 'retired', { index: 'kb-1' }),
              ],
            }
          : request.method === 'POST'
            ? { bundle: bundle('v43', 'available', JSON.parse(body).contents), control, pruned: ['v30'] }
            : { bundle: bundle('v40', 'retired', { index: 'kb-1' }), control, pruned: [] };
      response.writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function cli(...argv: string[]) {
  const io = memoryIo({ env: { FIREBREAK_URL: url, FIREBREAK_TOKEN: 'fbk_test' }, now: () => new Date(NOW) });
  const code = await run(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('firebreak control bundles, bundle-add, bundle-delete', () => {
  it('lists a route’s bundles with their status and contents', async () => {
    const { code, stdout } = await cli('control', 'bundles', KEY);
    expect(code).toBe(0);
    expect(requests.at(-1)).toBe(`GET /api/v1/controls/${KEY}/bundles`);
    expect(stdout).toMatch(/VERSION\s+STATUS\s+CONTENTS/);
    expect(stdout).toMatch(/v42\s+active\s+model gpt-4\.1, tools search\+refund/);
    expect(stdout).toMatch(/v40\s+retired\s+index kb-1\s+dana, .*retired: bad index/);
  });

  it('registers a bundle from its parts, with the reason and incident', async () => {
    const { code, stdout } = await cli(
      'control',
      'bundle-add',
      KEY,
      'v43',
      '--model',
      'gpt-4.1',
      '--prompt',
      'p7',
      '--policy',
      'safety-4',
      '--index',
      'kb-2',
      '--tool',
      'search',
      '--tool',
      'refund',
      '--reason',
      'release 43',
      '--incident',
      'inc-4',
    );
    expect(code).toBe(0);
    expect(requests.at(-1)).toBe(
      `POST /api/v1/controls/${KEY}/bundles {"version":"v43","contents":{"model":"gpt-4.1","prompt":"p7","policy":"safety-4","index":"kb-2","tools":["search","refund"]},"reason":"release 43","incident":"INC-4"}`,
    );
    expect(stdout).toContain(
      `${KEY}: bundle v43 registered (model gpt-4.1, prompt p7, policy safety-4, index kb-2, tools search+refund).`,
    );
    expect(stdout).toContain('Retention retired the oldest unused bundle: v30.');
    await cli('control', 'bundle-add', KEY, 'v44', '--model', 'm', '--no-tools', '--reason', 'r');
    expect(requests.at(-1)).toContain('"contents":{"model":"m","tools":[]}');
  });

  it('refuses a bundle with no parts before asking the server', async () => {
    const before = requests.length;
    const { code, stderr } = await cli('control', 'bundle-add', KEY, 'v45', '--reason', 'empty');
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/a bundle needs at least one part: give --model, --prompt, --policy, --index or --tool/);
    expect(requests.length).toBe(before);
  });

  it('deletes a bundle with a reason', async () => {
    const { code, stdout } = await cli('control', 'bundle-delete', KEY, 'v40', '--reason', 'bad index', '--json');
    expect(code).toBe(0);
    expect(requests.at(-1)).toBe(`DELETE /api/v1/controls/${KEY}/bundles/v40 {"reason":"bad index"}`);
    expect(JSON.parse(stdout).bundle.status).toBe('retired');
    expect((await cli('control', 'bundle-delete', KEY, 'v40')).stderr).toMatch(/required option '--reason <text>'/);
  });
});
