import type { ServerResponse } from 'node:http';
import { DomainError } from '@firebreak/core';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Db } from '../db/connect';
import type { AppEnv } from '../http/env';
import { LiveQueue } from '../http/live-queue';
import { type ControlFeed, controlFrame, type FedControl, sseFrame } from './feed';
import { presentControl } from './presenter';
import { latestSeq, listControlRows } from './store';

const KEEP_ALIVE_MS = 15_000;

/**
 * The control stream apps follow: a `snapshot` of every control of the systems asked for
 * (id = the newest change's seq), then a `control` event per change (id = its seq). Resuming
 * with Last-Event-ID sends only the controls that changed since, read from the store, so a
 * resume works across restarts and replicas. Seqs commit in order (see lockAudit).
 *
 * Served by Node, it writes each change's frame (formatted once per change) straight to the
 * socket: with a thousand apps connected, web-stream plumbing per write was most of the time a
 * kill switch took to reach them (docs/benchmarks.md). Elsewhere (tests through app.request)
 * it uses Hono's stream, with the same bytes.
 */
export function controlStream(
  c: Context<AppEnv>,
  db: Db,
  feed: ControlFeed,
  systems: readonly string[],
  resumeFrom: number | undefined,
): Response | Promise<Response> {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  return outgoing ? nodeStream(outgoing, db, feed, systems, resumeFrom) : honoStream(c, db, feed, systems, resumeFrom);
}

/** What a stream starts with: a snapshot, or the controls changed since the resume point; then `ready`. */
async function opening(
  db: Db,
  systems: readonly string[],
  resumeFrom: number | undefined,
): Promise<{ frames: string[]; lastSent: number }> {
  const filter = systems.length > 0 ? { systems } : {};
  const frames: string[] = [];
  let lastSent = resumeFrom ?? 0;
  if (resumeFrom !== undefined) {
    const changed = (await listControlRows(db, { ...filter, afterSeq: resumeFrom }))
      .map(presentControl)
      .sort((a, b) => a.seq - b.seq);
    for (const control of changed) frames.push(controlFrame(control));
    lastSent = Math.max(lastSent, ...changed.map((control) => control.seq));
  } else {
    const seq = await latestSeq(db);
    const controls = (await listControlRows(db, filter)).map(presentControl);
    lastSent = Math.max(seq, ...controls.map((control) => control.seq));
    frames.push(sseFrame('snapshot', JSON.stringify({ seq: lastSent, controls }), String(lastSent)));
  }
  frames.push(sseFrame('ready', JSON.stringify({ seq: lastSent, systems })));
  return { frames, lastSent };
}

async function nodeStream(
  outgoing: ServerResponse,
  db: Db,
  feed: ControlFeed,
  systems: readonly string[],
  resumeFrom: number | undefined,
): Promise<Response> {
  // Subscribe before reading, so no change falls between the read and the live feed.
  const early: FedControl[] = [];
  let lastSent = Number.POSITIVE_INFINITY;
  const send = ({ control, frame }: FedControl) => {
    if (control.seq <= lastSent) return;
    lastSent = control.seq;
    outgoing.write(frame);
  };
  const unsubscribe = feed.subscribe(systems, (fed) =>
    lastSent === Number.POSITIVE_INFINITY ? early.push(fed) : send(fed),
  );
  const keepAlive = setInterval(() => outgoing.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  outgoing.on('close', () => {
    unsubscribe();
    clearInterval(keepAlive);
  });
  try {
    const start = await opening(db, systems, resumeFrom);
    outgoing.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    outgoing.write(start.frames.join(''));
    lastSent = start.lastSent;
    for (const fed of early) send(fed);
  } catch (error) {
    unsubscribe();
    clearInterval(keepAlive);
    throw error;
  }
  return RESPONSE_ALREADY_SENT;
}

function honoStream(
  c: Context<AppEnv>,
  db: Db,
  feed: ControlFeed,
  systems: readonly string[],
  resumeFrom: number | undefined,
): Response {
  return streamSSE(c, async (stream) => {
    const queue = new LiveQueue<FedControl>();
    const unsubscribe = feed.subscribe(systems, (fed) => queue.push(fed));
    stream.onAbort(() => {
      unsubscribe();
      queue.wakeUp();
    });
    try {
      const start = await opening(db, systems, resumeFrom);
      let lastSent = start.lastSent;
      await stream.write(start.frames.join(''));
      await queue.drain(stream, async ({ control, frame }) => {
        if (control.seq <= lastSent) return;
        lastSent = control.seq;
        await stream.write(frame);
      });
    } finally {
      unsubscribe();
    }
  });
}

/** Last-Event-ID of the control stream: a seq this stream sent. */
export function parseResume(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  if (!/^\d{1,15}$/.test(header))
    throw new DomainError(
      'validation_failed',
      'header.last-event-id: expected the id of an event the control stream sent (a number)',
    );
  return Number(header);
}
