import type { LiveEvent } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { type ConnectionState, subscribe } from './subscribe';

const CONTROL = {
  type: 'control',
  control: { key: 'support-copilot.auto-send', state: { kind: 'kill_switch', enabled: false } },
  change: { action: 'changed', actor: 'dana', reason: 'PII in answers' },
  incidentId: 'INC-2',
};

/** A stream that sends `text` and then stays open until the request is aborted, like the server's. */
function openStream(text: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      signal.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')), {
        once: true,
      });
    },
  });
}

function sse(event: string, data: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

describe('subscribe', () => {
  it('forwards timeline, alert and control events in order, and skips types it does not know', async () => {
    const body = [
      sse('ready', { incident: null }),
      sse('timeline', { type: 'timeline', incidentId: 'INC-2', entry: { seq: 4 } }, 1),
      sse(
        'alert',
        { type: 'alert', alertId: 'ALR-1', system: 'support-copilot', change: 'opened', incidentId: null },
        2,
      ),
      sse('future', { type: 'future' }, 3),
      sse('control', CONTROL, 4),
    ].join('');
    const requests: Array<{ url: string; headers: Record<string, string> }> = [];
    const fetchFake = (async (url: URL, init: RequestInit) => {
      requests.push({ url: String(url), headers: init.headers as Record<string, string> });
      return new Response(openStream(body, init.signal!), { headers: { 'content-type': 'text/event-stream' } });
    }) as unknown as typeof fetch;

    const events: LiveEvent[] = [];
    const states: ConnectionState[] = [];
    let heardControl: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (heardControl = resolve));
    const subscription = subscribe(
      { baseUrl: 'http://firebreak.test', token: 'fbk_t', fetch: fetchFake },
      {
        onEvent: (event) => {
          events.push(event);
          if (event.type === 'control') heardControl();
        },
        onState: (state) => states.push(state),
      },
    );
    await done;
    subscription.close();

    expect(events.map((event) => event.type)).toEqual(['timeline', 'alert', 'control']);
    expect(events[2]).toEqual(CONTROL);
    expect(states.slice(0, 2)).toEqual(['connecting', 'open']);
    expect(requests[0]).toEqual({
      url: 'http://firebreak.test/api/v1/events',
      headers: { accept: 'text/event-stream', authorization: 'Bearer fbk_t' },
    });
  });
});
