import { EventStream, LiveEventsQuery } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import { streamSSE } from 'hono/streaming';
import { validationError } from '../http/errors';
import { LiveQueue } from '../http/live-queue';
import { needs, router, security } from '../http/openapi';
import { type ConnectionCount, connectionCounted } from '../observability/metrics';
import type { EventBus, StampedEvent } from './bus';

/**
 * `GET /events`: Server-Sent Events of committed changes (timeline entries, alert and control changes),
 * optionally for one incident (its timeline, and alerts on it). A client that reconnects with
 * Last-Event-ID gets what it missed, or a `reset` event when the server no longer has it (re-read
 * the timeline then). `clients` counts the streams open (`GET /metrics`).
 */
export function eventRoutes(bus: EventBus, clients?: ConnectionCount) {
  const app = router();
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/events',
    tags: ['events'],
    summary:
      'Live changes as Server-Sent Events (timeline entries, alert and control changes); resume with Last-Event-ID',
    security,
    ...needs('viewer'),
    request: { query: LiveEventsQuery },
    responses: {
      200: {
        description:
          'An event stream: `ready`, then `timeline`, `alert` and `control` events; `reset` when a resume is impossible',
        content: { 'text/event-stream': { schema: EventStream } },
      },
    },
  });

  app.get('/events', async (c) => {
    const parsed = LiveEventsQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationError(parsed.error, 'query');
    const { incident } = parsed.data;
    const resumeFrom = resumePoint(bus, c.req.header('last-event-id'));
    const wanted = (stamped: StampedEvent) =>
      incident === undefined || ('incidentId' in stamped.event && stamped.event.incidentId === incident);

    return streamSSE(c, async (stream) => {
      const queue = new LiveQueue<StampedEvent | Lost>();
      let lastSent = 0;
      // Subscribe before replaying, so nothing falls between the replay and the live feed.
      const unsubscribeBus = bus.subscribe((stamped) => {
        if (wanted(stamped)) queue.push(stamped);
      });
      // Another replica's events may have been missed: the client re-reads, as after a failed resume.
      const unsubscribeLost = bus.onLost((reason) => queue.push({ lost: reason }));
      const disconnected = connectionCounted(clients);
      const unsubscribe = () => {
        unsubscribeBus();
        unsubscribeLost();
        disconnected();
      };
      stream.onAbort(() => {
        unsubscribe();
        queue.wakeUp();
      });
      const send = async (stamped: StampedEvent | Lost) => {
        if ('lost' in stamped) {
          await stream.writeSSE({ event: 'reset', data: JSON.stringify({ reason: stamped.lost }) });
          return;
        }
        if (stamped.id <= lastSent) return;
        lastSent = stamped.id;
        await stream.writeSSE({
          id: `${bus.epoch}.${stamped.id}`,
          event: stamped.event.type,
          data: JSON.stringify(stamped.event),
        });
      };
      try {
        if (resumeFrom !== undefined) {
          const missed = resumeFrom === 'elsewhere' ? undefined : bus.since(resumeFrom);
          if (missed === undefined)
            await stream.writeSSE({
              event: 'reset',
              data: JSON.stringify({
                reason:
                  resumeFrom === 'elsewhere'
                    ? 'that id is from another replica or an earlier run of this one'
                    : 'events since that id are no longer kept',
              }),
            });
          else for (const stamped of missed.filter(wanted)) await send(stamped);
        }
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ incident: incident ?? null }) });
        await queue.drain(stream, send);
      } finally {
        unsubscribe();
      }
    });
  });
  return app;
}

interface Lost {
  lost: string;
}

/**
 * Last-Event-ID of the event stream: `<epoch>.<n>`, the epoch naming the process that sent it.
 * An id of this process resumes from its buffer; a well-formed id of another replica (or of an
 * earlier run, or a bare number from before epochs) gets `reset`, since ids are per process.
 */
function resumePoint(bus: EventBus, header: string | undefined): number | 'elsewhere' | undefined {
  if (header === undefined) return undefined;
  if (!/^[0-9a-z]{1,32}(\.\d{1,15})?$/.test(header))
    throw new DomainError('validation_failed', 'header.last-event-id: expected the id of an event this stream sent');
  const [epoch, n] = header.split('.');
  return n !== undefined && epoch === bus.epoch ? Number(n) : 'elsewhere';
}
