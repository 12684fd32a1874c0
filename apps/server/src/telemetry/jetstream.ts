import { randomUUID } from 'node:crypto';
import type { TelemetryEvent } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import {
  type ConsumerMessages,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
  StorageType,
} from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import pino from 'pino';
import type { LogBatch, TelemetryLog } from './log';
import {
  type NatsAuth,
  natsAuthFromEnv,
  natsConnectError,
  natsConnectionOptions,
  redactNatsUrl,
} from './nats-connection';

/** Where the scaled-out telemetry stream lives (ADR 42). */
export interface JetStreamOptions {
  /** NATS server URL (FIREBREAK_NATS_URL), e.g. nats://127.0.0.1:4222. */
  url: string;
  /** Subject prefix: subjects are `<prefix>.telemetry.<partition>` (default `firebreak`; tests use their own). */
  prefix?: string;
  /** Stream name (default FIREBREAK_TELEMETRY). */
  stream?: string;
  /**
   * Partitions of the stream (FIREBREAK_PARTITIONS, default 16). Fixed for a stream's life: recorded
   * in the stream when it is created, and `open` refuses a different count.
   */
  partitions?: number;
  /** Window within which a repeated `Nats-Msg-Id` is dropped as a duplicate (default 2 minutes). */
  duplicateWindowMs?: number;
  /**
   * How long the stream keeps a message (FIREBREAK_NATS_MAX_AGE, default 7 days); older ones are
   * dropped, read or not. Applied to an existing stream too.
   */
  maxAgeMs?: number;
  /** Where stream changes and skipped messages are logged (a pino logger at FIREBREAK_LOG_LEVEL unless given). */
  logger?: StreamLogger;
  /** Credentials and TLS (FIREBREAK_NATS_USER, _TOKEN, _CREDS, _TLS_CA… from the environment unless given). */
  auth?: NatsAuth;
}

/** The part of a pino logger the stream uses. */
export interface StreamLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export const DEFAULT_PARTITIONS = 16;
/** What a refused publish asks senders to wait: long enough for a NATS client to reconnect. */
const PUBLISH_RETRY_AFTER_SECONDS = 5;
export const DEFAULT_MAX_AGE_MS = 7 * 86_400_000;
const NANOS_PER_MS = 1_000_000;

/** The partition a system's telemetry goes to: FNV-1a of its UTF-8 name, mod `partitions`. Stable across releases. */
export function partitionOf(system: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(system)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

const COUNT_HEADER = 'Firebreak-Count';
const SYSTEMS_HEADER = 'Firebreak-Systems';

/**
 * The telemetry stream on NATS JetStream: file storage, one subject per partition. `append`
 * publishes a batch's events, grouped by partition and cut to the server's message size, each
 * message with a `Nats-Msg-Id` (a retry inside the window is dropped as a duplicate) and returns
 * only once every PubAck is in: then the events are on disk on the NATS server.
 */
export class JetStreamTelemetry implements TelemetryLog {
  readonly partitions: number;
  readonly prefix: string;
  readonly stream: string;
  private readonly logger: StreamLogger;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    options: JetStreamOptions,
  ) {
    this.partitions = options.partitions ?? DEFAULT_PARTITIONS;
    this.prefix = options.prefix ?? 'firebreak';
    this.stream = options.stream ?? 'FIREBREAK_TELEMETRY';
    this.logger = options.logger ?? defaultLogger();
  }

  /** Connects, creates the stream when it is not there, and brings an existing one's retention to `maxAgeMs`. */
  static async open(options: JetStreamOptions): Promise<JetStreamTelemetry> {
    const settings = natsConnectionOptions(options.url, 'firebreak', options.auth ?? natsAuthFromEnv(process.env));
    let nc: NatsConnection;
    try {
      nc = await connect({ ...settings, maxReconnectAttempts: -1 });
    } catch (error) {
      throw new Error(natsConnectError(options.url, error), { cause: error });
    }
    try {
      const jsm = await jetstreamManager(nc);
      const log = new JetStreamTelemetry(nc, jetstream(nc), jsm, options);
      await log.ensureStream(options.duplicateWindowMs ?? 120_000, options.maxAgeMs ?? DEFAULT_MAX_AGE_MS);
      return log;
    } catch (error) {
      await nc.close();
      if (error instanceof PartitionCountMismatch) throw error;
      throw new Error(`NATS JetStream at ${redactNatsUrl(options.url)}: ${(error as Error).message}`, { cause: error });
    }
  }

  private async ensureStream(duplicateWindowMs: number, maxAgeMs: number): Promise<void> {
    const maxAge = maxAgeMs * NANOS_PER_MS;
    const info = await this.jsm.streams.info(this.stream).catch((error: unknown) => {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return undefined;
      throw error;
    });
    if (!info) {
      await this.jsm.streams.add({
        name: this.stream,
        description: describePartitions(this.partitions),
        subjects: [`${this.prefix}.telemetry.*`],
        storage: StorageType.File,
        // NATS refuses a duplicate window longer than the stream keeps messages.
        duplicate_window: Math.min(duplicateWindowMs, maxAgeMs) * NANOS_PER_MS,
        max_age: maxAge,
        discard: DiscardPolicy.Old,
      });
      return;
    }
    const { config } = info;
    const recorded = recordedPartitions(config.description);
    if (recorded !== undefined && recorded !== this.partitions)
      throw new PartitionCountMismatch(this.stream, recorded, this.partitions);
    const retention = config.max_age !== maxAge || config.discard !== DiscardPolicy.Old;
    if (!retention && recorded !== undefined) return;
    await this.jsm.streams.update(this.stream, {
      ...(retention ? { max_age: maxAge, discard: DiscardPolicy.Old } : {}),
      ...(recorded === undefined
        ? { description: [config.description, describePartitions(this.partitions)].filter(Boolean).join('; ') }
        : {}),
    });
    if (retention)
      this.logger.info(
        {
          stream: this.stream,
          maxAgeMs: { from: config.max_age / NANOS_PER_MS, to: maxAgeMs },
          discard: config.discard,
        },
        'telemetry stream retention updated (FIREBREAK_NATS_MAX_AGE): messages older than maxAgeMs are dropped',
      );
    if (recorded === undefined)
      this.logger.info(
        { stream: this.stream, partitions: this.partitions },
        'telemetry stream had no partition count: recorded this process’s (FIREBREAK_PARTITIONS)',
      );
  }

  /** The stream's configuration as NATS holds it (tests and `firebreak` diagnostics). */
  async info() {
    return this.jsm.streams.info(this.stream);
  }

  subject(partition: number): string {
    return `${this.prefix}.telemetry.${partition}`;
  }

  async append(
    events: readonly TelemetryEvent[],
    texts: readonly string[],
    _receivedAt?: Date,
    _db?: unknown,
    key?: string,
  ): Promise<void> {
    const groups = new Map<number, number[]>();
    events.forEach((event, index) => {
      const partition = partitionOf(event.system, this.partitions);
      const group = groups.get(partition);
      if (group) group.push(index);
      else groups.set(partition, [index]);
    });
    // Room for the headers under the server's max_payload (1 MiB unless configured).
    const maxBytes = Math.max(4096, (this.nc.info?.max_payload ?? 1024 * 1024) - 8192);
    const batch = key ?? randomUUID();
    const publishes: Array<Promise<unknown>> = [];
    for (const [partition, indexes] of groups) {
      let part = 0;
      let start = 0;
      while (start < indexes.length) {
        let end = start;
        let size = 2;
        while (end < indexes.length && (end === start || size + texts[indexes[end]!]!.length + 1 <= maxBytes)) {
          size += texts[indexes[end]!]!.length + 1;
          end += 1;
        }
        const slice = indexes.slice(start, end);
        const h = headers();
        h.set(COUNT_HEADER, String(slice.length));
        h.set(SYSTEMS_HEADER, [...new Set(slice.map((i) => events[i]!.system))].join(','));
        const payload = `[${slice.map((i) => texts[i]).join(',')}]`;
        publishes.push(this.publish(this.subject(partition), payload, h, `${batch}.${partition}.${part}`));
        part += 1;
        start = end;
      }
    }
    try {
      await Promise.all(publishes);
    } catch (error) {
      // A 503 with Retry-After: senders retry it, where a 500 reads as a bug (ADR 42).
      this.logger.warn({ err: error, stream: this.stream }, 'telemetry publish to NATS JetStream failed');
      throw new DomainError(
        'unavailable',
        'telemetry log unavailable: NATS JetStream did not store the batch; retry later',
        {
          cause: error,
          details: { retryAfterSeconds: PUBLISH_RETRY_AFTER_SECONDS },
        },
      );
    }
  }

  /** One publish, tried again with the same id (so never stored twice) when the PubAck does not come. */
  private async publish(subject: string, payload: string, h: ReturnType<typeof headers>, msgID: string) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.js.publish(subject, payload, { msgID, headers: h, timeout: 5_000 });
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  /** Reads one partition after stream sequence `after`, oldest first; a message not ours is skipped and logged. */
  async reader(partition: number, after: number): Promise<PartitionReader> {
    const consumer = await this.js.consumers.get(this.stream, {
      filter_subjects: this.subject(partition),
      ...(after > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: after + 1 } : {}),
    });
    return new PartitionReader(await consumer.consume({ max_messages: 64 }), (skipped) =>
      this.logger.warn(
        { stream: this.stream, partition, ...skipped },
        'telemetry message skipped: not a Firebreak batch',
      ),
    );
  }

  /** Deletes the stream (tests and benchmarks clean up after themselves). */
  async deleteStream(): Promise<void> {
    await this.jsm.streams.delete(this.stream).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.nc.drain().catch(() => this.nc.close());
  }
}

/** `read` after the consumer failed or ended and the queue is drained: drop the partition, take it again. */
export class ReaderFailed extends Error {
  constructor(cause: unknown) {
    super(`partition reader stopped: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'ReaderFailed';
  }
}

/** A message `read` skipped, and why. */
export interface SkippedMessage {
  seq: number;
  reason: string;
}

/**
 * What one partition's engine reads: messages pulled ahead into a small queue (at most a few
 * hundred), handed out in stream order by `read`.
 */
export class PartitionReader {
  private queue: JsMsg[] = [];
  private queuedEvents = 0;
  private receivedEvents = 0;
  private pending = 0;
  private meanBatch = 1;
  private waiting: (() => void) | undefined;
  private closed = false;
  private failure: unknown;

  constructor(
    private readonly messages: ConsumerMessages,
    private readonly onSkip: (skipped: SkippedMessage) => void = () => {},
  ) {
    void this.pump();
    void this.watch();
  }

  private async pump(): Promise<void> {
    try {
      for await (const message of this.messages) {
        this.queue.push(message);
        this.queuedEvents += countOf(message);
        this.receivedEvents += countOf(message);
        this.pending = message.info.pending;
        while (this.queue.length >= 256 && !this.closed) await new Promise<void>((resolve) => (this.waiting = resolve));
        if (this.closed) return;
      }
      if (!this.closed) this.failure = new Error('the consumer ended (connection closed?)');
    } catch (error) {
      if (!this.closed) this.failure = error;
    }
  }

  /** The ordered consumer recreates itself forever when its stream is gone: stop it so `read` can fail. */
  private async watch(): Promise<void> {
    for await (const status of this.messages.status())
      if (status.type === 'stream_not_found') this.messages.stop(new Error('stream not found'));
  }

  /** Set once the consumer failed or ended; `read` throws ReaderFailed when the queue is drained. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Up to `limit` batches and about `maxEvents` events (always at least one batch when any is queued). */
  read(limit: number, maxEvents: number): LogBatch[] {
    const out: LogBatch[] = [];
    let events = 0;
    while (out.length < limit && this.queue.length > 0) {
      const message = this.queue[0]!;
      const count = countOf(message);
      if (out.length > 0 && events + count > maxEvents) break;
      this.queue.shift();
      this.queuedEvents -= count;
      const problem = poison(message);
      if (problem) {
        this.onSkip({ seq: message.seq, reason: problem });
        continue;
      }
      events += count;
      out.push({
        seq: message.seq,
        events: message.string(),
        count,
        systems: (message.headers?.get(SYSTEMS_HEADER) ?? '').split(',').filter(Boolean),
        receivedAt: receivedAt(message),
      });
    }
    if (out.length > 0) this.meanBatch = this.meanBatch * 0.9 + (events / out.length) * 0.1;
    this.waiting?.();
    this.waiting = undefined;
    if (out.length === 0 && this.queue.length === 0 && this.failure !== undefined) throw new ReaderFailed(this.failure);
    return out;
  }

  /** Events queued here plus an estimate for the messages the stream still holds past them. */
  behind(): number {
    return this.queuedEvents + Math.round(this.pending * this.meanBatch);
  }

  /** Events pulled from the stream so far, handed out or still queued (`firebreak_worker_events_read_total`). */
  get received(): number {
    return this.receivedEvents;
  }

  /** When the oldest queued batch was stored in the stream; null when nothing is queued. */
  oldest(): Date | null {
    const first = this.queue[0];
    return first ? receivedAt(first) : null;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting?.();
    await this.messages.close().catch(() => undefined);
  }
}

/**
 * Where the stream records its partition count: its description, since stream metadata needs
 * NATS 2.10 and Debian's nats-server (what CI runs) is 2.9.
 */
const PARTITIONS_MARK = /\bpartitions=(\d+)\b/;

function describePartitions(partitions: number): string {
  return `Firebreak telemetry (ADR 42); partitions=${partitions}`;
}

function recordedPartitions(description: string | undefined): number | undefined {
  const match = PARTITIONS_MARK.exec(description ?? '');
  return match ? Number(match[1]) : undefined;
}

/** A process whose partition count is not the stream's: it would publish to, or read, the wrong partitions. */
export class PartitionCountMismatch extends Error {
  constructor(stream: string, recorded: number, mine: number) {
    super(
      `stream ${stream} has ${recorded} partitions but FIREBREAK_PARTITIONS (or --partitions) is ${mine} here: ` +
        `start every replica and worker with ${recorded}, or use a new stream (FIREBREAK_NATS_STREAM) to change the count`,
    );
    this.name = 'PartitionCountMismatch';
  }
}

let fallbackLogger: StreamLogger | undefined;

/** One pino logger for every stream opened without one, made the first time it is needed. */
function defaultLogger(): StreamLogger {
  fallbackLogger ??= pino({ level: process.env.FIREBREAK_LOG_LEVEL ?? 'info' });
  return fallbackLogger;
}

function receivedAt(message: JsMsg): Date {
  return new Date(Math.floor(message.info.timestampNanos / 1_000_000));
}

/**
 * Why a message is not a batch `append` published, or null: its payload must be a JSON array of
 * event objects, as many as its count header says. Anyone who can publish on the subject could
 * put anything there, and the engine must not fail on it (it parses the text again).
 */
function poison(message: JsMsg): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.string());
  } catch {
    return 'payload is not JSON';
  }
  if (!Array.isArray(parsed)) return 'payload is not a JSON array';
  if (!parsed.every((item) => typeof item === 'object' && item !== null && typeof item.system === 'string'))
    return 'an element is not an event with a system';
  const header = message.headers?.get(COUNT_HEADER);
  if (header !== String(parsed.length)) return `${COUNT_HEADER} ${header || 'missing'}, payload holds ${parsed.length}`;
  return null;
}

function countOf(message: JsMsg): number {
  return Number(message.headers?.get(COUNT_HEADER) ?? 1) || 1;
}
