import { randomBytes } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { harness } from '../test/harness';
import { NATS_URL } from '../test/scale-out';
import { STORE_TARGETS } from '../test/stores';
import {
  type JetStreamOptions,
  JetStreamTelemetry,
  PartitionCountMismatch,
  type PartitionReader,
  ReaderFailed,
  type StreamLogger,
} from './jetstream';
import { readTelemetry } from './store';

const HOUR = 3_600_000;

/** Lines a JetStreamTelemetry logged, as `{ details, message }`. */
function recorder() {
  const lines: Array<{ level: string; details: Record<string, unknown>; message: string }> = [];
  const at = (level: string) => (details: object, message: string) =>
    void lines.push({ level, details: details as Record<string, unknown>, message });
  const logger: StreamLogger = { info: at('info'), warn: at('warn') };
  return { lines, logger };
}

const opened: JetStreamTelemetry[] = [];
afterEach(async () => {
  // Whichever connection is still open deletes the stream; the others' attempts fail quietly.
  for (const log of opened) await log.deleteStream();
  for (const log of opened.splice(0)) await log.close();
});

function streamOptions(): JetStreamOptions {
  const tag = randomBytes(4).toString('hex');
  return { url: NATS_URL, prefix: `fbjs_${tag}`, stream: `FBJS_${tag}`, partitions: 4 };
}

async function open(options: JetStreamOptions): Promise<JetStreamTelemetry> {
  const log = await JetStreamTelemetry.open(options);
  opened.push(log);
  return log;
}

describe('the JetStream telemetry stream’s retention', () => {
  it('creates the stream with a maximum age (7 days unless given) and drops the oldest messages past it', async () => {
    const log = await open({ ...streamOptions(), logger: recorder().logger });
    const { config } = await log.info();
    expect(config.max_age).toBe(7 * 24 * HOUR * 1_000_000);
    expect(config.discard).toBe('old');
  });

  it('updates an existing stream to the maximum age it is opened with, and logs that it did', async () => {
    const options = streamOptions();
    const first = await open({ ...options, maxAgeMs: 24 * HOUR, logger: recorder().logger });
    expect((await first.info()).config.max_age).toBe(24 * HOUR * 1_000_000);
    const { lines, logger } = recorder();
    const second = await open({ ...options, maxAgeMs: 48 * HOUR, logger });
    expect((await second.info()).config.max_age).toBe(48 * HOUR * 1_000_000);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        details: expect.objectContaining({ maxAgeMs: { from: 24 * HOUR, to: 48 * HOUR } }),
        message: expect.stringContaining('retention updated'),
      }),
    ]);
    const { lines: again, logger: quiet } = recorder();
    await open({ ...options, maxAgeMs: 48 * HOUR, logger: quiet });
    expect(again).toEqual([]);
  });
});

describe('the JetStream telemetry stream’s partition count', () => {
  it('is recorded when the stream is created, and a process with another count is refused, naming both', async () => {
    const options = streamOptions();
    await open({ ...options, partitions: 4, logger: recorder().logger });
    const refusal = JetStreamTelemetry.open({ ...options, partitions: 8, logger: recorder().logger });
    await expect(refusal).rejects.toBeInstanceOf(PartitionCountMismatch);
    await expect(refusal).rejects.toThrow(/has 4 partitions but FIREBREAK_PARTITIONS \(or --partitions\) is 8 here/);
    await open({ ...options, partitions: 4, logger: recorder().logger });
  });

  it('adopts the opening process’s count into a stream made before counts were recorded, and logs it', async () => {
    const options = streamOptions();
    const nc = await connect({ servers: NATS_URL });
    try {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: options.stream!, subjects: [`${options.prefix}.telemetry.*`] });
    } finally {
      await nc.close();
    }
    const { lines, logger } = recorder();
    const log = await open({ ...options, partitions: 4, logger });
    expect((await log.info()).config.description).toContain('partitions=4');
    expect(lines).toContainEqual(
      expect.objectContaining({
        details: expect.objectContaining({ partitions: 4 }),
        message: expect.stringContaining('FIREBREAK_PARTITIONS'),
      }),
    );
    await expect(JetStreamTelemetry.open({ ...options, partitions: 16, logger })).rejects.toThrow(/has 4 partitions/);
  });
});

describe('a telemetry publish NATS does not take', () => {
  it('answers POST /telemetry with 503 and Retry-After, naming NATS, and stores nothing', async () => {
    const options = streamOptions();
    const log = await open({ ...options, logger: recorder().logger });
    const h = await harness(STORE_TARGETS[0]!, { telemetryLog: log });
    try {
      await log.close();
      const response = await h.call('POST', '/api/v1/telemetry', {
        body: [{ system: 'nats-down', ts: '2026-11-24T10:00:00.000Z', id: 'e1', prediction: 'ok' }],
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.body.error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('NATS') });
      expect(await readTelemetry(h.store.db, 0, 100)).toEqual([]);
      const again = await open({ ...options, logger: recorder().logger });
      expect((await again.info()).state.messages).toBe(0);
    } finally {
      await h.close();
    }
  });
});

/** Reads until `count` batches came, or the reader throws. */
async function readAll(reader: PartitionReader, count: number) {
  const out: Array<{ seq: number; count: number }> = [];
  for (let i = 0; i < 200 && out.length < count; i++) {
    out.push(...reader.read(100, 100_000).map(({ seq, count }) => ({ seq, count })));
    if (out.length < count) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return out;
}

describe('a partition reader', () => {
  const event = {
    system: 'reader-a',
    ts: '2026-11-24T10:00:00.000Z',
    kind: 'prediction' as const,
    id: 'e1',
    prediction: 'ok',
  };

  it('skips, and logs, a message that is not a batch of events with a matching count', async () => {
    const options = streamOptions();
    const { lines, logger } = recorder();
    const log = await open({ ...options, partitions: 1, logger });
    const nc = await connect({ servers: NATS_URL });
    try {
      const js = jetstream(nc);
      const subject = log.subject(0);
      const counted = (n: string) => {
        const h = headers();
        h.set('Firebreak-Count', n);
        return { headers: h };
      };
      await js.publish(subject, '{not json', counted('1'));
      await js.publish(subject, '{"system":"reader-a"}', counted('1'));
      await js.publish(subject, `[${JSON.stringify(event)}]`, counted('2'));
      await js.publish(subject, '[1]', counted('1'));
    } finally {
      await nc.close();
    }
    await log.append([event, event], [JSON.stringify(event), JSON.stringify(event)]);
    const reader = await log.reader(0, 0);
    try {
      expect(await readAll(reader, 1)).toEqual([{ seq: 5, count: 2 }]);
      expect(lines.filter((line) => line.level === 'warn').map((line) => line.details.seq)).toEqual([1, 2, 3, 4]);
      expect(lines.map((line) => line.details.reason)).toEqual([
        'payload is not JSON',
        'payload is not a JSON array',
        'Firebreak-Count 2, payload holds 1',
        'an element is not an event with a system',
      ]);
    } finally {
      await reader.close();
    }
  });

  it('throws ReaderFailed once its queue is drained after the consumer ended', async () => {
    const options = streamOptions();
    const log = await open({ ...options, partitions: 1, logger: recorder().logger });
    await log.append([event], [JSON.stringify(event)]);
    const other = await open({ ...options, partitions: 1, logger: recorder().logger });
    const reader = await other.reader(0, 0);
    expect(await readAll(reader, 1)).toHaveLength(1);
    await log.append([event], [JSON.stringify(event)]);
    for (let i = 0; i < 100 && reader.behind() === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await other.close();
    for (let i = 0; i < 100 && !reader.failed; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reader.read(100, 100_000)).toHaveLength(1);
    expect(() => reader.read(100, 100_000)).toThrow(ReaderFailed);
  });
});
