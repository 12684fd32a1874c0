import { DomainError } from '@firebreak/core';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Db } from '../db/connect';
import type { AppEnv } from '../http/env';
import { LiveQueue } from '../http/live-queue';
import type { ControlFeed, FedControl } from './feed';
import { presentControl } from './presenter';
import { latestSeq, listControlRows } from './store';

/**
 * The control stream apps follow: a `snapshot` of every control of the systems asked for
 * (id = the newest change's seq), then a `control` event per change (id = its seq). Resuming
 * with Last-Event-ID sends only the controls that changed since, read from the store, so a
 * resume works across restarts and replicas. Seqs commit in order (see lockAudit).
 */
export function controlStream(c: Context<AppEnv>, db: Db, feed: ControlFeed, systems: readonly string[], resumeFrom: number | undefined): Response {
  return streamSSE(c, async (stream) => {
    const queue = new LiveQueue<FedControl>();
    let lastSent = resumeFrom ?? 0;
    // Subscribe before reading, so no change falls between the read and the live feed.
    const unsubscribe = feed.subscribe(systems, (fed) => queue.push(fed));
    stream.onAbort(() => {
      unsubscribe();
      queue.wakeUp();
    });
    const send = async ({ control, json }: FedControl) => {
      if (control.seq <= lastSent) return;
      lastSent = control.seq;
      await stream.writeSSE({ id: String(control.seq), event: 'control', data: json });
    };
    try {
      const filter = systems.length > 0 ? { systems } : {};
      if (resumeFrom !== undefined) {
        const changed = (await listControlRows(db, { ...filter, afterSeq: resumeFrom })).map(presentControl).sort((a, b) => a.seq - b.seq);
        for (const control of changed) await send({ control, json: JSON.stringify(control) });
      } else {
        const seq = await latestSeq(db);
        const controls = (await listControlRows(db, filter)).map(presentControl);
        lastSent = Math.max(seq, ...controls.map((control) => control.seq));
        await stream.writeSSE({ id: String(lastSent), event: 'snapshot', data: JSON.stringify({ seq: lastSent, controls }) });
      }
      await stream.writeSSE({ event: 'ready', data: JSON.stringify({ seq: lastSent, systems }) });
      await queue.drain(stream, send);
    } finally {
      unsubscribe();
    }
  });
}

/** Last-Event-ID of the control stream: a seq this stream sent. */
export function parseResume(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  if (!/^\d{1,15}$/.test(header)) throw new DomainError('validation_failed', 'header.last-event-id: expected the id of an event the control stream sent (a number)');
  return Number(header);
}
