import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeclareIncidentRequest } from '@firebreak/contract';
import { mulberry32 } from '@firebreak/detection';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../context';
import { EventBus } from '../events/bus';
import { changeIncident } from '../incidents/change';
import { declareIncident } from '../incidents/declare';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { deliverByChannel, deliverWebhook } from './deliver';
import { enqueueNotifications, type NewNotification } from './enqueue';
import { claimDue, countByStatus, listIncidentNotifications } from './store';
import { NotificationWorker, type NotificationWorkerOptions } from './worker';

/** A local webhook receiver: answers each request with what `answer` says, and keeps what it got. */
interface Receiver {
  url: string;
  keys: string[];
  answer: (request: IncomingMessage, response: ServerResponse) => void;
  close(): Promise<void>;
}

async function receiver(): Promise<Receiver> {
  const sockets = new Set<import('node:net').Socket>();
  const state: Receiver = {
    url: '',
    keys: [],
    answer: (_request, response) => response.writeHead(204).end(),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
  const server: Server = createServer((request, response) => {
    state.keys.push(String(request.headers['idempotency-key']));
    request.resume();
    request.on('end', () => state.answer(request, response));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return state;
}

describe.each(STORE_TARGETS)('the notification outbox on $name', (target) => {
  let h: Harness;
  let hook: Receiver;
  let ctx: Ctx;
  let serial = 0;
  beforeAll(async () => {
    h = await harness(target);
    hook = await receiver();
    ctx = {
      db: h.store.db,
      actor: { name: 'dana', role: 'responder', tokenId: null },
      now: h.now,
      log: pino({ level: 'silent' }),
      requestId: 'test',
      events: new EventBus(),
    };
  });
  afterAll(async () => {
    await hook.close();
    await h.close();
  });
  afterEach(async () => {
    hook.answer = (_request, response) => response.writeHead(204).end();
    await drain();
    hook.keys.length = 0;
  });

  const message = (overrides: Partial<NewNotification> = {}): NewNotification => ({
    idempotencyKey: `key-${++serial}`,
    channel: 'webhook',
    recipient: hook.url,
    payload: { text: 'SEV1 declared' },
    ...overrides,
  });
  const worker = (options: Partial<NotificationWorkerOptions> = {}) =>
    new NotificationWorker({
      db: h.store.db,
      log: pino({ level: 'silent' }),
      now: h.now,
      deliver: deliverByChannel({ webhook: deliverWebhook({ timeoutMs: 2_000 }) }),
      random: mulberry32(1),
      ...options,
    });
  // Leaves no due row behind for the next test: what one test queued is never another's delivery.
  async function drain() {
    while ((await worker().runOnce()) > 0);
  }

  it('queues with the incident it is about, and queues nothing when that write rolls back', async () => {
    const incident = await declareIncident({
      ctx,
      input: DeclareIncidentRequest.parse(declareBody()),
      notify: (declared) => [message({ idempotencyKey: `${declared.id}:declared`, incidentId: declared.id })],
    });
    await expect(
      changeIncident(ctx, incident.id, async (scope) => {
        await scope.record('note_added', { text: 'a note that will not stay' });
        await scope.notify([message({ idempotencyKey: `${incident.id}:note`, incidentId: incident.id })]);
        throw new Error('the change fails after queueing');
      }),
    ).rejects.toThrow('the change fails after queueing');
    const queued = await listIncidentNotifications(h.store.db, incident.id);
    expect(queued.map((row) => [row.idempotencyKey, row.status, row.attempts])).toEqual([
      [`${incident.id}:declared`, 'pending', 0],
    ]);
    const timeline = await h.call('GET', `/api/v1/incidents/${incident.id}/timeline`);
    expect(timeline.body.entries.map((entry: { kind: string }) => entry.kind)).toEqual(['declared']);
  });

  it('keeps one row per idempotency key when the same notification is queued twice', async () => {
    const again = message();
    const counts = await h.store.db.transaction(async (tx) => [
      await enqueueNotifications(tx, [again], h.now()),
      await enqueueNotifications(tx, [again, message()], h.now()),
    ]);
    expect(counts).toEqual([1, 1]);
    await drain();
    expect(hook.keys).toHaveLength(2);
  });

  it('refuses a notification without a recipient, naming the field', async () => {
    await expect(enqueueNotifications(h.store.db, [message(), message({ recipient: ' ' })], h.now())).rejects.toThrow(
      'notifications[1].recipient: must not be empty',
    );
  });

  it('retries a receiver answering 5xx with growing waits, then marks the notification failed', async () => {
    hook.answer = (_request, response) => response.writeHead(503).end();
    const retry = { baseMs: 1_000, capMs: 4_000, maxAttempts: 4 };
    const w = worker({ retry });
    const { idempotencyKey } = message({ incidentId: 'INC-retry' });
    await enqueueNotifications(h.store.db, [message({ idempotencyKey, incidentId: 'INC-retry' })], h.now());
    const waits: number[] = [];
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      expect(await w.runOnce()).toBe(1);
      const [row] = await listIncidentNotifications(h.store.db, 'INC-retry');
      if (attempt < retry.maxAttempts) {
        expect(row).toMatchObject({ status: 'pending', attempts: attempt, lastError: 'receiver answered 503' });
        const wait = row!.nextAttemptAt.getTime() - h.now().getTime();
        waits.push(wait);
        expect(await w.runOnce()).toBe(0); // not due yet
        h.advance(wait);
      } else {
        expect(row).toMatchObject({ status: 'failed', attempts: 4, lastError: 'receiver answered 503' });
      }
    }
    // Doubling from 1 s to the 4 s cap, each jittered to between half and all of it.
    for (const [i, ceiling] of [1_000, 2_000, 4_000].entries()) {
      expect(waits[i]).toBeGreaterThanOrEqual(ceiling / 2);
      expect(waits[i]).toBeLessThanOrEqual(ceiling);
    }
    expect(hook.keys).toEqual([idempotencyKey, idempotencyKey, idempotencyKey, idempotencyKey]);
  });

  it('retries a receiver that does not answer in time, and delivers once it does', async () => {
    let calls = 0;
    hook.answer = (_request, response) => {
      if (++calls === 1) return; // never answers: the attempt times out
      response.writeHead(200).end('ok');
    };
    const w = worker({ deliver: deliverWebhook({ timeoutMs: 200 }) });
    await enqueueNotifications(h.store.db, [message({ incidentId: 'INC-timeout' })], h.now());
    await w.runOnce();
    const [first] = await listIncidentNotifications(h.store.db, 'INC-timeout');
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'no answer within 200 ms' });
    h.advance(first!.nextAttemptAt.getTime() - h.now().getTime());
    await w.runOnce();
    const [second] = await listIncidentNotifications(h.store.db, 'INC-timeout');
    expect(second).toMatchObject({ status: 'delivered', attempts: 2, lastError: null, deliveredAt: h.now() });
  });

  it('fails at once on a 4xx, and on a channel with no deliverer', async () => {
    hook.answer = (_request, response) => response.writeHead(410).end();
    await enqueueNotifications(
      h.store.db,
      [message({ incidentId: 'INC-gone' }), message({ incidentId: 'INC-gone', channel: 'carrier-pigeon' })],
      h.now(),
    );
    await worker().runOnce();
    const rows = await listIncidentNotifications(h.store.db, 'INC-gone');
    expect(rows.map((row) => [row.status, row.attempts, row.lastError])).toEqual([
      ['failed', 1, 'receiver answered 410'],
      ['failed', 1, 'channel carrier-pigeon has no deliverer'],
    ]);
  });

  it('takes back rows a crashed worker left delivering once their lease runs out', async () => {
    await enqueueNotifications(h.store.db, [message({ incidentId: 'INC-crash' })], h.now());
    // A worker claims the row and dies before recording anything: the claim is all that is left.
    const leaseMs = 30_000;
    const [claimed] = await claimDue(h.store.db, h.now(), new Date(h.now().getTime() + leaseMs), 10);
    expect(claimed).toMatchObject({ status: 'delivering', attempts: 1 });
    const successor = worker({ leaseMs });
    expect(await successor.runOnce()).toBe(0); // still leased
    h.advance(leaseMs);
    expect(await successor.runOnce()).toBe(1);
    const [row] = await listIncidentNotifications(h.store.db, 'INC-crash');
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(hook.keys).toEqual([claimed!.idempotencyKey]);
  });

  it('keeps taking incident writes while a receiver holds a delivery open', async () => {
    const held: ServerResponse[] = [];
    hook.answer = (_request, response) => held.push(response);
    await enqueueNotifications(h.store.db, [message({ incidentId: 'INC-slow' })], h.now());
    const w = worker({ pollMs: 10 });
    w.start();
    while (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const declared = await h.call('POST', '/api/v1/incidents', { body: declareBody({ title: 'declared meanwhile' }) });
    expect(declared.status).toBe(201);
    expect((await countByStatus(h.store.db)).delivering).toBe(1);
    held[0]!.writeHead(204).end();
    await w.stop();
    const [row] = await listIncidentNotifications(h.store.db, 'INC-slow');
    expect(row).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});
