import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelsFile, channelSettings } from './channel-settings';
import { deliverOnChannels } from './deliver-channels';
import type { NotificationRow } from './store';

interface Receiver {
  server: Server;
  url: string;
  bodies: string[];
}

async function receiver(): Promise<Receiver> {
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

const notification = {
  id: 'NTF-3',
  idempotencyKey: 'INC-2:page:sam-okafor',
  kind: 'page',
  incident: {
    id: 'INC-2',
    title: 'Copilot quotes another customer’s address',
    severity: 'SEV1',
    type: 'privacy_leak',
    system: 'support-copilot-drill-1',
    status: 'triage',
  },
  recipient: { name: 'Sam Okafor' },
  links: { warRoom: 'http://127.0.0.1:7311/incidents/INC-2' },
  summary: 'SEV1 privacy leak on support-copilot-drill-1.',
  createdAt: '2026-12-07T10:00:00.000Z',
};

const row = (over: Partial<NotificationRow>) =>
  ({
    id: 3,
    idempotencyKey: notification.idempotencyKey,
    incidentId: 'INC-2',
    channel: 'webhook',
    recipient: 'ops',
    payload: { notification },
    ...over,
  }) as NotificationRow;

describe('delivering a drill’s messages', () => {
  let real: Receiver;
  let drill: Receiver;
  let deliver: ReturnType<typeof deliverOnChannels>;

  beforeAll(async () => {
    real = await receiver();
    drill = await receiver();
    const file = ChannelsFile.parse({
      webhook: { url: real.url, secret: `whsec_${randomBytes(32).toString('base64')}` },
    });
    const settings = channelSettings(file, { publicUrl: 'http://127.0.0.1:7311', ackSecret: randomBytes(32) });
    deliver = deliverOnChannels(settings, { now: () => new Date() });
  });
  afterAll(async () => {
    await new Promise((resolve) => real.server.close(resolve));
    await new Promise((resolve) => drill.server.close(resolve));
  });

  it('sends a drill’s message to its drill channel, marked, and nothing to the configured webhook', async () => {
    const result = await deliver(
      row({ recipient: drill.url, payload: { notification, drill: 'DRL-1', plannedChannel: 'slack' } }),
    );
    expect(result.delivered).toBe(true);
    expect(real.bodies).toEqual([]);
    expect(drill.bodies).toHaveLength(1);
    const body = JSON.parse(drill.bodies[0]!);
    expect(body.data.summary).toBe('DRILL DRL-1: SEV1 privacy leak on support-copilot-drill-1.');
    expect(body.data.incident.title).toBe('[DRILL DRL-1] Copilot quotes another customer’s address');
  });

  it('never sends a drill’s message on another channel', async () => {
    const result = await deliver(
      row({ channel: 'slack', recipient: 'U024BE7LH', payload: { notification, drill: 'DRL-1' } }),
    );
    expect(result).toMatchObject({ delivered: false, retryable: false });
    expect(result.error).toMatch(/^drill DRL-1: /);
    expect(real.bodies).toEqual([]);
  });

  it('sends a real message to the configured webhook, unmarked', async () => {
    const result = await deliver(row({ payload: { notification } }));
    expect(result.delivered).toBe(true);
    expect(real.bodies).toHaveLength(1);
    expect(JSON.parse(real.bodies[0]!).data.summary).toBe(notification.summary);
  });
});
