import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { EventBus } from './bus';

interface Sse {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads Server-Sent Events from a response body, one message at a time. */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<Sse> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) continue;
          const message: Sse = {};
          for (const line of block.split('\n')) {
            const [field, ...rest] = line.split(':');
            (message as Record<string, string>)[field!] = rest.join(':').trimStart();
          }
          return message;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe('live events', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(STORE_TARGETS[0]!);
  });
  afterAll(() => h.close());

  const open = async (query = '', headers: Record<string, string> = {}) => {
    const response = await h.app.request(`/api/v1/events${query}`, {
      headers: { authorization: `Bearer ${h.tokens.viewer}`, ...headers },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    return sseReader(response.body!);
  };

  it('streams timeline entries of one incident as they commit', async () => {
    const { body: incident } = await h.call('POST', '/api/v1/incidents', { body: declareBody() });
    const { body: other } = await h.call('POST', '/api/v1/incidents', { body: declareBody() });
    const stream = await open(`?incident=${incident.id}`);
    expect((await stream.next()).event).toBe('ready');
    await h.call('POST', `/api/v1/incidents/${other.id}/acknowledge`, { body: {} });
    await h.call('POST', `/api/v1/incidents/${incident.id}/transition`, { body: { status: 'active' } });
    const message = await stream.next();
    expect(message.event).toBe('timeline');
    expect(JSON.parse(message.data!)).toMatchObject({
      type: 'timeline',
      incidentId: incident.id,
      entry: { seq: 2, kind: 'status_changed', actor: 'dana', payload: { to: 'active' } },
    });
    await stream.cancel();
  });

  it('replays what a reconnecting client missed after its Last-Event-ID', async () => {
    const stream = await open();
    await stream.next();
    const { body: incident } = await h.call('POST', '/api/v1/incidents', { body: declareBody({ commander: 'Dana' }) });
    const declared = await stream.next();
    await stream.cancel();
    await h.call('POST', `/api/v1/incidents/${incident.id}/transition`, { body: { status: 'active' } });
    const resumed = await open('', { 'last-event-id': declared.id! });
    const missed = await resumed.next();
    expect(JSON.parse(missed.data!).entry.kind).toBe('role_assigned');
    expect(JSON.parse((await resumed.next()).data!).entry.kind).toBe('status_changed');
    expect((await resumed.next()).event).toBe('ready');
    await resumed.cancel();
  });

  it('streams alert changes, and to an incident’s stream only those of alerts on it', async () => {
    const all = await open();
    const one = await open('?incident=INC-7');
    expect((await all.next()).event).toBe('ready');
    expect((await one.next()).event).toBe('ready');
    h.events.publish({ type: 'alert', alertId: 'ALR-1', system: 'copilot', change: 'opened', incidentId: null });
    h.events.publish({
      type: 'alert',
      alertId: 'ALR-2',
      system: 'copilot',
      change: 'incident_opened',
      incidentId: 'INC-7',
    });
    const first = await all.next();
    const second = await all.next();
    expect([first.event, JSON.parse(first.data!).alertId, JSON.parse(second.data!).alertId]).toEqual([
      'alert',
      'ALR-1',
      'ALR-2',
    ]);
    const message = await one.next();
    expect(message.event).toBe('alert');
    expect(JSON.parse(message.data!)).toEqual({
      type: 'alert',
      alertId: 'ALR-2',
      system: 'copilot',
      change: 'incident_opened',
      incidentId: 'INC-7',
    });
    await all.cancel();
    await one.cancel();
  });

  it('says reset when it no longer has the events a client asks for', async () => {
    const stream = await open('', { 'last-event-id': `${h.events.epoch}.999999` });
    expect((await stream.next()).event).toBe('reset');
    await stream.cancel();
  });

  it('says reset to an id another replica or an earlier run sent, and refuses one it never could have', async () => {
    for (const id of ['0a1b2c3d4e.3', '17']) {
      const stream = await open('', { 'last-event-id': id });
      const reset = await stream.next();
      expect(reset.event).toBe('reset');
      expect(JSON.parse(reset.data!).reason).toMatch(/another replica/);
      await stream.cancel();
    }
    const bad = await h.call('GET', '/api/v1/events', { headers: { 'last-event-id': '1; drop' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^header\.last-event-id: /);
  });

  it('refuses an unknown filter, naming it, and needs a token', async () => {
    const bad = await h.call('GET', '/api/v1/events?incident=nope', { token: h.tokens.viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^query\.incident: /);
    expect((await h.call('GET', '/api/v1/events', { token: null })).status).toBe(401);
  });
});

describe('event bus', () => {
  it('keeps a bounded replay buffer', () => {
    const bus = new EventBus(3);
    for (let i = 0; i < 5; i++) bus.publish({ type: 'timeline', incidentId: `INC-${i}`, entry: {} as never });
    expect(bus.since(3)?.map((s) => s.id)).toEqual([4, 5]);
    expect(bus.since(1)).toBeUndefined();
    expect(bus.since(5)).toEqual([]);
  });
});
