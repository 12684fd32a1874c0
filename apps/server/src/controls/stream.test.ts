import { type SseMessage, SseParser } from '@firebreak/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { copilotCard } from './fixtures';

/** Reads SSE messages from a response until `until` says stop; then cancels the stream. */
async function read(response: Response, until: (messages: SseMessage[]) => boolean): Promise<SseMessage[]> {
  const reader = response.body!.getReader();
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const messages: SseMessage[] = [];
  while (!until(messages)) {
    const { value, done } = await reader.read();
    if (done) break;
    messages.push(...parser.push(decoder.decode(value, { stream: true })));
  }
  await reader.cancel();
  return messages;
}

describe.each(STORE_TARGETS)('the control stream on $name', (target) => {
  let h: Harness;
  const stream = (headers: Record<string, string> = {}, query = '?system=support-copilot') =>
    h.app.request(`/api/v1/controls/stream${query}`, {
      headers: { authorization: `Bearer ${h.tokens.viewer}`, ...headers },
    });

  beforeAll(async () => {
    h = await harness(target);
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [copilotCard] } });
  });
  afterAll(() => h.close());

  it('opens with a snapshot of the system’s controls, then sends each change with its seq as id', async () => {
    const response = await stream();
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const change = h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      body: { enabled: false, reason: 'PII leak' },
    });
    const messages = await read(response, (m) => m.some((x) => x.event === 'control'));
    await change;
    const [snapshot, ready, control] = messages;
    expect(snapshot!.event).toBe('snapshot');
    const body = JSON.parse(snapshot!.data);
    expect(body.controls).toHaveLength(5);
    expect(snapshot!.id).toBe(String(body.seq));
    expect(ready!.event).toBe('ready');
    expect(control).toMatchObject({ event: 'control' });
    expect(JSON.parse(control!.data)).toMatchObject({ key: 'support-copilot.auto-send', state: { enabled: false } });
    expect(Number(control!.id)).toBeGreaterThan(body.seq);
  });

  it('resumes after a drop with only what changed since Last-Event-ID, from the store', async () => {
    const { seq } = (await h.call('GET', '/api/v1/controls')).body;
    await h.call('POST', '/api/v1/controls/support-copilot.filter', {
      body: { level: 'strict', reason: 'while disconnected' },
    });
    const messages = await read(await stream({ 'last-event-id': String(seq) }), (m) =>
      m.some((x) => x.event === 'ready'),
    );
    expect(messages.map((m) => m.event)).toEqual(['control', 'ready']);
    expect(JSON.parse(messages[0]!.data)).toMatchObject({ key: 'support-copilot.filter', state: { level: 'strict' } });
  });

  it('names a bad system list and a bad Last-Event-ID', async () => {
    const badSystem = await stream({}, '?system=Support_Copilot!');
    expect(badSystem.status).toBe(400);
    expect((await badSystem.json()).error.message).toMatch(/^query.system: expected system ids/);
    const badResume = await stream({ 'last-event-id': 'abc' });
    expect(badResume.status).toBe(400);
    expect((await badResume.json()).error.message).toMatch(/^header.last-event-id:/);
  });

  it.each([
    [
      'support-copilot.rate',
      { limit: { rate: 5, per: '1m', by: 'user' } },
      { kind: 'throttle', limit: { rate: 5, per: '1m', by: 'user' } },
    ],
    ['support-copilot.rate', { limit: null }, { kind: 'throttle', limit: null }],
    [
      'support-copilot.review',
      { share: 0.25, when: [{ confidenceBelow: 0.5 }] },
      { kind: 'human_review', share: 0.25, when: [{ confidenceBelow: 0.5 }] },
    ],
    ['support-copilot.filter', { level: 'off' }, { kind: 'output_filter', level: 'off' }],
    [
      'support-copilot.model',
      { canary: { version: 'm-11', percent: 10 } },
      { kind: 'route', active: 'm-12', canary: { version: 'm-11', percent: 10, stickyBy: 'user' } },
    ],
  ])('changes %s to %j', async (key, change, state) => {
    const response = await h.call('POST', `/api/v1/controls/${key}`, { body: { ...change, reason: 'test' } });
    expect(response.status).toBe(200);
    expect(response.body.control.state).toMatchObject(state);
  });
});
