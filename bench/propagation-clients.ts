/**
 * The client side of bench/propagation-rounds.ts (for propagation.ts, fanout.ts, scale-out.ts),
 * in its own process so clients and server do not share a core: N clients of one kind, each
 * recording when it sees a round's value.
 *
 * Modes: `firebreak` (FirebreakControls from the SDK), `sse` (a bare fetch + SSE parser, the
 * floor), `unleash` (unleash-client from a folder outside the repository).
 * Protocol: prints `{"ready":true}` once every client has the initial state; then reads one
 * `{"round":r,"expect":bool}` line per round from stdin, answers `{"armed":r}` (the parent flips
 * the switch only then), and prints `{"round":r,"times":[…]}` (epoch ms, fractional) once every
 * client has seen `expect`, or after 60 s with what it has.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { FirebreakControls, readEventStream } from '@firebreak/sdk';

const { values } = parseArgs({
  options: {
    mode: { type: 'string' },
    clients: { type: 'string', default: '1000' },
    url: { type: 'string' },
    token: { type: 'string', default: '' },
    key: { type: 'string', default: '' },
    system: { type: 'string', default: '' },
    refresh: { type: 'string', default: '15000' },
    'unleash-dir': { type: 'string', default: '' },
  },
});
const n = Number(values.clients);
const now = () => performance.timeOrigin + performance.now();
const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

/** Each client calls `seen(i, value)` whenever its view of the switch may have changed. */
let expected: boolean | undefined;
let times: Array<number | undefined> = [];
let remaining = 0;
let finish: (() => void) | undefined;
const seen = (i: number, value: boolean) => {
  if (expected === undefined || value !== expected || times[i] !== undefined) return;
  times[i] = now();
  if (--remaining === 0) finish?.();
};

async function startFirebreak(): Promise<() => boolean[]> {
  const clients = Array.from(
    { length: n },
    () => new FirebreakControls({ baseUrl: values.url!, token: values.token, systems: [values.system!] }),
  );
  for (const [i, client] of clients.entries()) client.subscribe(() => seen(i, client.isEnabled(values.key!)));
  await Promise.all(clients.map((client) => client.ready(60_000)));
  return () => clients.map((client) => client.isEnabled(values.key!));
}

async function startSse(): Promise<() => boolean[]> {
  const state: boolean[] = new Array(n).fill(true);
  let connected = 0;
  await new Promise<void>((resolve) => {
    for (let i = 0; i < n; i++) {
      void (async () => {
        const response = await fetch(values.url!, { headers: { accept: 'text/event-stream' } });
        await readEventStream(response.body!, (message) => {
          if (message.event === 'ready' && ++connected === n) resolve();
          if (message.event === 'switch') {
            state[i] = message.data === 'true';
            seen(i, state[i]!);
          }
        });
      })();
    }
  });
  return () => state;
}

async function startUnleash(): Promise<() => boolean[]> {
  const require = createRequire(join(values['unleash-dir']!, 'package.json'));
  const { Unleash, InMemStorageProvider } = require('unleash-client') as {
    Unleash: new (
      options: Record<string, unknown>,
    ) => { isEnabled(name: string): boolean; on(event: string, listener: (...args: unknown[]) => void): void };
    InMemStorageProvider: new () => unknown;
  };
  const clients = Array.from(
    { length: n },
    (_, i) =>
      new Unleash({
        url: values.url,
        appName: 'propagation-bench',
        instanceId: `client-${i}`,
        refreshInterval: Number(values.refresh),
        disableMetrics: true,
        customHeaders: { Authorization: values.token },
        // Many clients in one process, on purpose; keep their backups in memory, not in 1,000 files.
        skipInstanceCountWarning: true,
        storageProvider: new InMemStorageProvider(),
      }),
  );
  for (const client of clients) {
    client.on('error', (error) => process.stderr.write(`unleash client: ${String(error)}\n`));
  }
  await Promise.all(
    clients.map((client) => new Promise<void>((resolve) => client.on('synchronized', () => resolve()))),
  );
  for (const [i, client] of clients.entries()) client.on('changed', () => seen(i, client.isEnabled(values.key!)));
  return () => clients.map((client) => client.isEnabled(values.key!));
}

const current = await (values.mode === 'firebreak'
  ? startFirebreak()
  : values.mode === 'sse'
    ? startSse()
    : startUnleash());
// Every round starts from the switch on: wait (a minute at most) until each client shows it, since
// a polling client may have started from a server cache that had not caught up yet.
for (let waited = 0; waited < 60_000 && !current().every(Boolean); waited += 100)
  await new Promise((resolve) => setTimeout(resolve, 100));
out({ ready: true, state: current().filter(Boolean).length });

for await (const line of createInterface({ input: process.stdin })) {
  const { round, expect } = JSON.parse(line) as { round: number; expect: boolean };
  times = new Array(n).fill(undefined);
  remaining = n;
  expected = expect;
  out({ armed: round });
  if (remaining > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 60_000);
      finish = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  expected = undefined;
  out({ round, times });
}
process.exit(0);
