/**
 * Durability under kill -9: a real `firebreak serve` child takes telemetry and incident writes
 * from concurrent clients and is killed with SIGKILL at a seeded random moment; it is then
 * started again on the same store, and every write it had acknowledged (a 2xx) must be there.
 *
 * Per run: a fresh store (a PGlite data folder, or a database of its own on the PostgreSQL
 * server), a system, an app token scoped to it (telemetry) and a responder token (incidents).
 * Telemetry writers send batches and note the id of every event in a batch answered 202;
 * incident writers declare incidents and add decisions, evidence and status updates to them,
 * noting every 201. The kill lands a seeded random delay after both kinds of write first went
 * through. After the kill and the restart: each acknowledged incident and record is
 * read back through the API, every incident's timeline is verified (`/timeline/verify`) and the
 * whole store too (`/verify`); the server is then stopped and the telemetry log read from the
 * store directly, to find each acknowledged event id in it.
 *
 * `--sabotage` deletes one acknowledged telemetry batch and one acknowledged decision while the
 * server is down: the check must then report losses and exit non-zero (a test of the bench).
 *
 * Run: npx tsx bench/kill9.ts [--runs 6] [--store pglite|postgres|both] [--seed 1]
 *        [--telemetry-writers 4] [--incident-writers 4] [--batch 100] [--kill-after 3000-10000]
 * Prints one JSON object; exits 1 when anything acknowledged was lost or a timeline broke.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mulberry32 } from '@firebreak/detection';
import { openStore } from '@firebreak/server';
import { sql } from 'drizzle-orm';
import { freshDatabase } from './postgres';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '6' },
    store: { type: 'string', default: 'both' },
    seed: { type: 'string', default: '1' },
    'telemetry-writers': { type: 'string', default: '4' },
    'incident-writers': { type: 'string', default: '4' },
    batch: { type: 'string', default: '100' },
    'kill-after': { type: 'string', default: '3000-10000' },
    sabotage: { type: 'boolean', default: false },
  },
});
const RUNS = Number(values.runs);
const SEED = Number(values.seed);
const TELEMETRY_WRITERS = Number(values['telemetry-writers']);
const INCIDENT_WRITERS = Number(values['incident-writers']);
const BATCH = Number(values.batch);
const [KILL_MIN, KILL_MAX] = values['kill-after'].split('-').map(Number) as [number, number];
const STORES = values.store === 'both' ? (['pglite', 'postgres'] as const) : [values.store as 'pglite' | 'postgres'];
if (!STORES.every((store) => store === 'pglite' || store === 'postgres'))
  throw new Error(`--store ${values.store}: expected pglite, postgres or both`);
if (!(KILL_MIN >= 0 && KILL_MAX >= KILL_MIN))
  throw new Error(`--kill-after ${values['kill-after']}: expected MIN-MAX ms`);

const BIN = fileURLToPath(new URL('../apps/cli/bin/firebreak.js', import.meta.url));
const ADMIN = 'fbk_bench_kill9_admin';
const SYSTEM = 'kill9-model';

interface Server {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Starts `firebreak serve` (the bundle) on a free port with quotas off; resolves once it listens. */
function startServer(store: { dataDir: string; databaseUrl?: string; keyPath?: string }): Promise<Server> {
  const args = [BIN, 'serve', '--port', '0', '--data-dir', store.dataDir];
  if (store.databaseUrl) args.push('--database-url', store.databaseUrl);
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      FIREBREAK_ADMIN_TOKEN: ADMIN,
      FIREBREAK_LOG_LEVEL: 'warn',
      // Without a data folder the checkpoint key would live in memory and die with the process.
      ...(store.keyPath ? { FIREBREAK_CHECKPOINT_KEY: store.keyPath } : {}),
      // Many writers on one token: the quotas are not what is measured.
      FIREBREAK_RATE_LIMIT_REQUESTS_PER_MINUTE: '0',
      FIREBREAK_RATE_LIMIT_TELEMETRY_EVENTS_PER_SECOND: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let seen = '';
    // Read the output to its end, so a full pipe never blocks the server.
    const take = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-20_000);
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) resolve({ url: match[1]!, child, exited });
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    void exited.then((code) => reject(new Error(`firebreak serve exited ${code}: ${seen}`)));
  });
}

/** A fetch that never hangs: a write cut off by the kill rejects instead of waiting for ever. */
async function call(url: string, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

async function must(url: string, token: string, method: string, path: string, body?: unknown) {
  const answer = await call(url, token, method, path, body);
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
}

/** What the clients were told was kept. */
interface Acknowledged {
  events: Set<string>;
  incidents: Set<string>;
  /** Records by incident: `decisions:DEC-3`, `evidence:EVD-2`, `statusUpdates:UPD-4`. */
  records: Map<string, string[]>;
  refused: number;
  cutOff: number;
}

async function telemetryWriter(
  url: string,
  token: string,
  writer: number,
  run: string,
  ack: Acknowledged,
  stop: () => boolean,
) {
  for (let batch = 0; !stop(); batch++) {
    const ids = Array.from({ length: BATCH }, (_, i) => `${run}-w${writer}-b${batch}-e${i}`);
    const events = ids.map((id, i) => ({
      system: SYSTEM,
      ts: new Date().toISOString(),
      id,
      prediction: i % 7 === 0 ? 'refund' : 'answer',
      latency_ms: 20 + (i % 50),
    }));
    try {
      const answer = await call(url, token, 'POST', '/telemetry', events);
      if (answer.status === 202 && answer.json.accepted === BATCH) for (const id of ids) ack.events.add(id);
      else ack.refused++;
    } catch {
      ack.cutOff++;
      return;
    }
  }
}

async function incidentWriter(url: string, token: string, writer: number, ack: Acknowledged, stop: () => boolean) {
  for (let n = 0; !stop(); n++) {
    let incident: string;
    try {
      const declared = await call(url, token, 'POST', '/incidents', {
        title: `kill -9 writer ${writer} incident ${n}`,
        type: 'privacy_leak',
        severity: 'SEV3',
        systems: [SYSTEM],
      });
      if (declared.status !== 201) {
        ack.refused++;
        continue;
      }
      incident = String(declared.json.id);
      ack.incidents.add(incident);
      ack.records.set(incident, []);
    } catch {
      ack.cutOff++;
      return;
    }
    // A handful of records on each incident, each a timeline entry of its own.
    for (let k = 0; k < 9 && !stop(); k++) {
      const [list, path, body] =
        k % 3 === 0
          ? ['decisions', '/decisions', { observation: `observation ${k}`, decision: `decision ${k}` }]
          : k % 3 === 1
            ? ['evidence', '/evidence', { kind: 'log', title: `log ${k}`, content: `line ${k} of ${incident}\n` }]
            : [
                'statusUpdates',
                '/status-updates',
                { audience: 'internal', whatHappened: 'w', impact: 'i', currentStatus: `c ${k}`, nextSteps: 'n' },
              ];
      try {
        const answer = await call(url, token, 'POST', `/incidents/${incident}${path}`, body);
        if (answer.status === 201) ack.records.get(incident)!.push(`${list}:${answer.json.id}`);
        else ack.refused++;
      } catch {
        ack.cutOff++;
        return;
      }
    }
  }
}

/** The store seen from outside the server: how to open it, read it, and throw it away. */
async function freshStore(kind: 'pglite' | 'postgres') {
  const folder = await mkdtemp(join(tmpdir(), 'firebreak-kill9-'));
  const dataDir = join(folder, 'data');
  if (kind === 'pglite')
    return {
      dataDir,
      where: dataDir,
      open: () => openStore({ dataDir }),
      drop: () => rm(folder, { recursive: true, force: true }),
    };
  const database = await freshDatabase({ prefix: 'firebreak_kill9' });
  const databaseUrl = database.url;
  return {
    dataDir,
    databaseUrl,
    keyPath: join(folder, 'checkpoint-key.pem'),
    where: databaseUrl,
    open: () => openStore({ databaseUrl }),
    drop: async () => {
      await database.drop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

type Rows = { rows: Array<Record<string, unknown>> };

async function oneRun(kind: 'pglite' | 'postgres', run: number, killAfterMs: number) {
  const store = await freshStore(kind);
  const tag = `r${run}`;
  let server = await startServer(store);
  await must(server.url, ADMIN, 'PUT', `/systems/${SYSTEM}`, {
    id: SYSTEM,
    name: 'Kill nine',
    owner: 'ml',
    model: { name: 'kill9', version: '1' },
    riskTier: 'minimal',
  });
  const app = String(
    (await must(server.url, ADMIN, 'POST', '/tokens', { name: 'kill9-app', role: 'app', systems: [SYSTEM] })).token,
  );
  const responder = String(
    (await must(server.url, ADMIN, 'POST', '/tokens', { name: 'kill9-responder', role: 'responder' })).token,
  );

  const ack: Acknowledged = { events: new Set(), incidents: new Set(), records: new Map(), refused: 0, cutOff: 0 };
  let killed = false;
  const stop = () => killed;
  const writers = [
    ...Array.from({ length: TELEMETRY_WRITERS }, (_, w) => telemetryWriter(server.url, app, w, tag, ack, stop)),
    ...Array.from({ length: INCIDENT_WRITERS }, (_, w) => incidentWriter(server.url, responder, w, ack, stop)),
  ];
  // The delay counts from when both kinds of write are going through (a cold start is slow on a busy machine).
  const firstAck = performance.now() + 60_000;
  while ((ack.events.size === 0 || ack.incidents.size === 0) && performance.now() < firstAck)
    await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  const killedAt = performance.now();
  server.child.kill('SIGKILL');
  killed = true;
  await server.exited;
  await Promise.all(writers);

  let sabotaged = { events: 0, records: 0 };
  if (values.sabotage) sabotaged = await sabotage(store.open, ack);

  const restartedAt = performance.now();
  server = await startServer(store);
  const recoverMs = performance.now() - restartedAt;
  const killToReadyMs = performance.now() - killedAt;

  // Incidents and their records, through the API.
  let lostIncidents = 0;
  let lostRecords = 0;
  let acknowledgedRecords = 0;
  for (const [incident, records] of ack.records) {
    acknowledgedRecords += records.length;
    const detail = await call(server.url, ADMIN, 'GET', `/incidents/${incident}`);
    if (detail.status !== 200) {
      lostIncidents++;
      lostRecords += records.length;
      continue;
    }
    const present = new Set(
      (['decisions', 'evidence', 'statusUpdates'] as const).flatMap((list) =>
        ((detail.json[list] as Array<{ id: string }>) ?? []).map((record) => `${list}:${record.id}`),
      ),
    );
    lostRecords += records.filter((record) => !present.has(record)).length;
  }

  // Every incident in the store, not only the acknowledged ones: its timeline must verify.
  const broken: Array<{ incident: string; firstBreak: unknown }> = [];
  let verified = 0;
  for (let offset = 0; ; offset += 500) {
    const page = await must(server.url, ADMIN, 'GET', `/incidents?limit=500&offset=${offset}`);
    const incidents = page.incidents as Array<{ id: string }>;
    for (const { id } of incidents) {
      const check = await must(server.url, ADMIN, 'GET', `/incidents/${id}/timeline/verify`);
      if (check.intact === true) verified++;
      else broken.push({ incident: id, firstBreak: check.firstBreak });
    }
    if (incidents.length < 500) break;
  }
  const integrity = await must(server.url, ADMIN, 'GET', '/verify');

  // Telemetry, from the store itself once the server has stopped (PGlite has one owner).
  server.child.kill('SIGTERM');
  await server.exited;
  const opened = await store.open();
  const stored = new Set<string>();
  try {
    const result = (await opened.db.execute(sql`select events from telemetry_batches`)) as unknown as Rows;
    for (const row of result.rows)
      for (const event of JSON.parse(String(row.events)) as Array<{ id?: string }>) if (event.id) stored.add(event.id);
  } finally {
    await opened.close();
  }
  let lostEvents = 0;
  for (const id of ack.events) if (!stored.has(id)) lostEvents++;
  const unacknowledgedKept = [...stored].filter((id) => id.startsWith(`${tag}-`) && !ack.events.has(id)).length;

  const result = {
    store: kind,
    run,
    killAfterMs: Math.round(killAfterMs),
    telemetry: { acknowledged: ack.events.size, lost: lostEvents, keptWithoutAcknowledgement: unacknowledgedKept },
    incidentWrites: {
      acknowledged: ack.incidents.size + acknowledgedRecords,
      lost: lostIncidents + lostRecords,
      incidents: ack.incidents.size,
      records: acknowledgedRecords,
    },
    timelines: { verified, broken: broken.length, ...(broken.length ? { breaks: broken } : {}) },
    storeVerify: {
      intact: integrity.intact === true,
      timelineEntries: integrity.timelineEntries,
      problems: (integrity.problems as Array<{ message: string }>).map((problem) => problem.message).slice(0, 5),
    },
    writesRefused: ack.refused,
    writesCutOffByKill: ack.cutOff,
    recoverMs: Math.round(recoverMs),
    killToReadyMs: Math.round(killToReadyMs),
    ...(values.sabotage ? { sabotaged } : {}),
  };
  const failed = lostEvents > 0 || lostIncidents + lostRecords > 0 || broken.length > 0 || !result.storeVerify.intact;
  // A store that lost something is kept, to look into.
  if (failed && !values.sabotage) Object.assign(result, { keptStore: store.where });
  else await store.drop();
  return { result, failed };
}

/** Deletes one acknowledged telemetry batch and one acknowledged decision behind the server's back. */
async function sabotage(open: () => ReturnType<typeof openStore>, ack: Acknowledged) {
  const store = await open();
  try {
    const [event] = ack.events;
    const decision = [...ack.records.values()].flat().find((record) => record.startsWith('decisions:'));
    let events = 0;
    let records = 0;
    if (event) {
      const gone = (await store.db.execute(
        sql`delete from telemetry_batches where events like ${`%"${event}"%`} returning count`,
      )) as unknown as Rows;
      events = gone.rows.reduce((sum, row) => sum + Number(row.count), 0);
    }
    if (decision) {
      const gone = (await store.db.execute(
        sql`delete from decisions where id = ${decision.slice('decisions:'.length)} returning id`,
      )) as unknown as Rows;
      records = gone.rows.length;
    }
    return { events, records };
  } finally {
    await store.close();
  }
}

async function main() {
  // The first bin run builds the bundle if a source changed: not part of what is measured.
  spawnSync(process.execPath, [BIN, '--version'], { stdio: 'ignore' });
  const random = mulberry32(SEED);
  const runs: Array<Awaited<ReturnType<typeof oneRun>>['result']> = [];
  let failed = false;
  for (const kind of STORES) {
    for (let run = 1; run <= RUNS; run++) {
      const killAfterMs = KILL_MIN + random() * (KILL_MAX - KILL_MIN);
      const outcome = await oneRun(kind, run, killAfterMs);
      process.stderr.write(`kill9 ${kind} run ${run}: ${JSON.stringify(outcome.result)}\n`);
      runs.push(outcome.result);
      failed ||= outcome.failed;
    }
  }
  const totals = Object.fromEntries(
    STORES.map((kind) => {
      const mine = runs.filter((run) => run.store === kind);
      const sum = (pick: (run: (typeof runs)[number]) => number) => mine.reduce((total, run) => total + pick(run), 0);
      const recover = mine.map((run) => run.recoverMs).sort((a, b) => a - b);
      return [
        kind,
        {
          runs: mine.length,
          eventsAcknowledged: sum((run) => run.telemetry.acknowledged),
          eventsLost: sum((run) => run.telemetry.lost),
          incidentWritesAcknowledged: sum((run) => run.incidentWrites.acknowledged),
          incidentWritesLost: sum((run) => run.incidentWrites.lost),
          timelinesVerified: sum((run) => run.timelines.verified),
          timelinesBroken: sum((run) => run.timelines.broken),
          recoverMsMedian: recover[Math.floor(recover.length / 2)] ?? 0,
          recoverMsMax: recover.at(-1) ?? 0,
        },
      ];
    }),
  );
  console.log(
    JSON.stringify(
      {
        bench: 'kill9',
        seed: SEED,
        settings: {
          runsPerStore: RUNS,
          telemetryWriters: TELEMETRY_WRITERS,
          incidentWriters: INCIDENT_WRITERS,
          batch: BATCH,
          killAfterMs: [KILL_MIN, KILL_MAX],
          ...(values.sabotage ? { sabotage: true } : {}),
        },
        ok: !failed,
        totals,
        runs,
      },
      null,
      2,
    ),
  );
  process.exitCode = failed ? 1 : 0;
}

await main();
