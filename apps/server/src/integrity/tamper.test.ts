import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CheckpointExport, checkpointBodyText, GENESIS_HASH, hashEntry } from '@firebreak/core';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copilotCard } from '../controls/fixtures';
import type { Db } from '../db/connect';
import { createApp } from '../http/app';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { type CheckpointKey, loadCheckpointKey, memoryCheckpointKey } from './key';

/**
 * The tamper suite (docs/benchmarks.md, "Tamper evidence"): each case changes the store with
 * direct SQL, as someone holding the database's credentials would, and `verify` must name it.
 */
describe.each(STORE_TARGETS)('tamper evidence on $name', (target) => {
  let h: Harness;
  let key: CheckpointKey;
  let dir: string;
  let app: ReturnType<typeof createApp>;
  let db: Db;
  // Evidence content is stored once per SHA-256: each incident's differs, so one tampered file is one incident's.
  let made = 0;
  const sqlRun = (text: string) => db.execute(sql.raw(text));
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(`/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${h.tokens.admin}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const verify = async () => (await api('GET', '/verify')).body;
  const checkpoint = () => api('POST', '/checkpoints', {});

  /** An incident with a commander, a decision, evidence with content, and a status update, then a checkpoint. */
  async function incident(): Promise<string> {
    const id = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ commander: 'Dana' }) })).body.id;
    await h.call('POST', `/api/v1/incidents/${id}/acknowledge`, { body: {} });
    const evidence = await h.call('POST', `/api/v1/incidents/${id}/evidence`, {
      body: {
        kind: 'log',
        title: 'answers with emails',
        content: `user${(made += 1)}@example.com`,
        contentEncoding: 'utf8',
      },
    });
    await h.call('POST', `/api/v1/incidents/${id}/decisions`, {
      body: { observation: 'emails in answers', decision: 'kill auto-send', evidence: [evidence.body.id] },
    });
    await h.call('POST', `/api/v1/incidents/${id}/status-updates`, {
      body: {
        audience: 'internal',
        whatHappened: 'PII in answers',
        impact: 'some users',
        currentStatus: 'contained',
        nextSteps: 'fix the filter',
      },
    });
    expect((await checkpoint()).status).toBe(201);
    return id;
  }

  /** Rewrites a timeline as an attacker with the code would: every hash recomputed, the head moved. */
  async function rewriteChain(
    id: string,
    change: (entries: Array<{ at: string; actor: string; kind: string; payload: any }>) => void,
  ) {
    const rows = (await sqlRun(
      `select seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor, kind, payload from timeline_events where incident_id = '${id}' order by seq`,
    )) as unknown as { rows: Array<{ at: string; actor: string; kind: string; payload: any }> };
    const entries = rows.rows.map(({ at, actor, kind, payload }) => ({
      at,
      actor,
      kind,
      payload: typeof payload === 'string' ? JSON.parse(payload) : payload,
    }));
    change(entries);
    await sqlRun(`delete from timeline_events where incident_id = '${id}'`);
    let prevHash = GENESIS_HASH;
    for (const [index, entry] of entries.entries()) {
      const fields = { incidentId: id, seq: index + 1, ...entry, prevHash };
      const hash = await hashEntry(fields);
      await db.execute(
        sql`insert into timeline_events (incident_id, seq, at, actor, kind, payload, prev_hash, hash) values (${id}, ${fields.seq}, ${entry.at}, ${entry.actor}, ${entry.kind}, ${JSON.stringify(entry.payload)}::jsonb, ${prevHash}, ${hash})`,
      );
      prevHash = hash;
    }
    await db.execute(
      sql`update incidents set timeline_length = ${entries.length}, timeline_head = ${prevHash} where id = ${id}`,
    );
  }

  beforeAll(async () => {
    h = await harness(target);
    db = h.store.db;
    dir = mkdtempSync(join(tmpdir(), 'firebreak-key-'));
    key = await loadCheckpointKey(join(dir, 'checkpoint-key.pem'));
    app = createApp({
      db,
      log: pino({ level: 'silent' }),
      now: h.now,
      store: h.store.kind,
      version: 'test',
      checkpointKey: key,
    });
    // An attacker with the database's credentials switches the append-only triggers off first.
    for (const table of ['timeline_events', 'audit_log', 'checkpoints'])
      await sqlRun(`alter table ${table} disable trigger user`);
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds nothing wrong in an untouched store, whatever the incidents went through', async () => {
    const id = await incident();
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [copilotCard] } });
    const steps: Array<[string, string, unknown]> = [
      ['POST', `/incidents/${id}/severity`, { severity: 'SEV2', reason: 'fewer users than feared' }],
      ['POST', `/incidents/${id}/type`, { type: 'hallucination_spike', reason: 'not a leak after all' }],
      ['PATCH', `/incidents/${id}`, { title: 'Made-up emails in answers', systems: ['support-copilot', 'search'] }],
      ['POST', `/incidents/${id}/transition`, { status: 'active' }],
      ['POST', `/incidents/${id}/roles`, { role: 'incident_commander', person: 'Sam', reason: 'handover' }],
      ['POST', `/incidents/${id}/roles`, { role: 'scribe', person: 'Vic' }],
      ['POST', `/incidents/${id}/roles`, { role: 'scribe', person: null, reason: 'shift over' }],
      ['POST', '/controls/support-copilot.auto-send', { enabled: false, reason: 'stop the leak', incident: id }],
    ];
    for (const [method, path, body] of steps) {
      const response = await h.call(method, `/api/v1${path}`, { body });
      expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    }
    await checkpoint();
    const report = await verify();
    expect(report).toMatchObject({ intact: true, problems: [] });
    expect(report.checkpoints).toBeGreaterThan(0);
    expect(report.evidenceFiles).toBeGreaterThan(0);
  });

  type Problem = { scope: string; check: string; message: string };
  const said = (p: Problem) => `${p.scope}: ${p.message}`;
  type Case = [string, string, (id: string) => Promise<void>];
  const cases: Case[] = [
    [
      'a timeline payload edited',
      'chain',
      (id) =>
        sqlRun(
          `update timeline_events set payload = jsonb_set(payload, '{title}', '"nothing happened"') where incident_id = '${id}' and seq = 1`,
        ).then(),
    ],
    [
      'a timeline entry deleted from the middle',
      'chain',
      (id) => sqlRun(`delete from timeline_events where incident_id = '${id}' and seq = 2`).then(),
    ],
    [
      'a timeline time moved by a second',
      'chain',
      (id) =>
        sqlRun(
          `update timeline_events set at = at - interval '1 second' where incident_id = '${id}' and seq = 1`,
        ).then(),
    ],
    [
      'a timeline actor changed',
      'chain',
      (id) =>
        sqlRun(`update timeline_events set actor = 'someone-else' where incident_id = '${id}' and seq = 3`).then(),
    ],
    [
      'the last entries truncated and the head moved back',
      'checkpoint',
      (id) =>
        rewriteChain(id, (e) => {
          e.splice(3);
        }),
    ],
    [
      'an entry edited and the chain recomputed with the head moved',
      'checkpoint',
      (id) =>
        rewriteChain(id, (e) => {
          e[0]!.payload.severity = 'SEV4';
        }),
    ],
    [
      'an entry inserted and the chain recomputed with the head moved',
      'checkpoint',
      (id) =>
        rewriteChain(id, (e) => {
          e.splice(1, 0, { ...e[1]!, kind: 'note_added', payload: { text: 'all fine' } });
        }),
    ],
    [
      'a timeline time edited below the millisecond',
      'precision',
      (id) =>
        sqlRun(
          `update timeline_events set at = at + interval '300 microseconds' where incident_id = '${id}' and seq = 1`,
        ).then(),
    ],
    [
      'a payload number beyond double precision',
      'precision',
      (id) =>
        sqlRun(
          `update timeline_events set payload = jsonb_set(payload, '{size}', '16.00000000000000000001'::jsonb) where incident_id = '${id}' and kind = 'evidence_added'`,
        ).then(),
    ],
    [
      'the incident status changed on its row',
      'projection',
      (id) => sqlRun(`update incidents set status = 'closed' where id = '${id}'`).then(),
    ],
    [
      'the incident severity changed on its row',
      'projection',
      (id) => sqlRun(`update incidents set severity = 'SEV4' where id = '${id}'`).then(),
    ],
    [
      'the incident title changed on its row',
      'projection',
      (id) => sqlRun(`update incidents set title = 'a small thing' where id = '${id}'`).then(),
    ],
    [
      'the commander changed in the role history',
      'projection',
      (id) => sqlRun(`update role_assignments set person = 'Mallory' where incident_id = '${id}'`).then(),
    ],
    [
      'a decision text changed',
      'projection',
      (id) => sqlRun(`update decisions set decision = 'do nothing' where incident_id = '${id}'`).then(),
    ],
    [
      'evidence metadata changed',
      'projection',
      (id) => sqlRun(`update evidence set title = 'harmless log' where incident_id = '${id}'`).then(),
    ],
    [
      'a status update text changed',
      'projection',
      (id) => sqlRun(`update status_updates set impact = 'nobody' where incident_id = '${id}'`).then(),
    ],
    [
      'evidence file contents changed',
      'evidence',
      (id) =>
        sqlRun(
          `update blobs set content = convert_to('user@example.org', 'UTF8') where sha256 = (select sha256 from evidence where incident_id = '${id}')`,
        ).then(),
    ],
    [
      'a whole incident deleted',
      'deleted',
      async (id) => {
        for (const table of ['timeline_events', 'role_assignments', 'decisions', 'evidence', 'status_updates'])
          await sqlRun(`delete from ${table} where incident_id = '${id}'`);
        await sqlRun(`delete from incidents where id = '${id}'`);
      },
    ],
  ];

  it.each(cases)('detects %s', async (_name, check, tamper) => {
    const id = await incident();
    const report = await verify();
    expect(report.problems.filter((p: Problem) => p.scope === id)).toEqual([]);
    const before = new Set(report.problems.map(said));
    await tamper(id);
    const found = (await verify()).problems.filter((p: Problem) => p.scope === id && !before.has(said(p)));
    expect(found.map((p: { check: string }) => p.check)).toContain(check);
  });

  it.each([
    [
      'an audit entry edited',
      'chain',
      () => sqlRun(`update audit_log set payload = jsonb_set(payload, '{role}', '"viewer"') where seq = 1`),
    ],
    [
      'the audit log recomputed after an edit',
      'checkpoint',
      async () => {
        const rows = (await sqlRun(
          `select seq, at, actor, action, subject, payload from audit_log order by seq`,
        )) as unknown as { rows: any[] };
        let prevHash = GENESIS_HASH;
        for (const row of rows.rows) {
          const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
          if (row.seq === 1) payload.role = 'viewer';
          const at = new Date(row.at).toISOString();
          const hash = await hashEntry({
            incidentId: 'audit',
            seq: row.seq,
            at,
            actor: row.actor,
            kind: `${row.action}:${row.subject}`,
            payload,
            prevHash,
          });
          await db.execute(
            sql`update audit_log set payload = ${JSON.stringify(payload)}::jsonb, prev_hash = ${prevHash}, hash = ${hash} where seq = ${row.seq}`,
          );
          prevHash = hash;
        }
      },
    ],
    [
      'the audit log tail deleted',
      'checkpoint',
      () => sqlRun(`delete from audit_log where seq = (select max(seq) from audit_log)`),
    ],
  ])('detects %s', async (_name, check, tamper) => {
    await checkpoint();
    const before = new Set((await verify()).problems.map(said));
    await tamper();
    const found = (await verify()).problems.filter((p: Problem) => p.scope === 'audit' && !before.has(said(p)));
    expect(found.map((p: { check: string }) => p.check)).toContain(check);
  });

  it('detects a checkpoint edited, one forged with another key, and the latest ones deleted', async () => {
    await checkpoint();
    const latest = (await sqlRun('select seq, body from checkpoints order by seq desc limit 1')) as unknown as {
      rows: Array<{ seq: number; body: string }>;
    };
    const { seq, body } = latest.rows[0]!;
    const edited = JSON.parse(body);
    edited.incidents = [];
    await db.execute(sql`update checkpoints set body = ${checkpointBodyText(edited)} where seq = ${seq}`);
    expect((await verify()).problems.map((p: { message: string }) => p.message)).toContain(
      `checkpoint ${seq}: the signature does not match its body (key ${key.keyId})`,
    );
    const forger = await memoryCheckpointKey();
    const forged = checkpointBodyText(edited);
    await db.execute(
      sql`update checkpoints set body = ${forged}, signature = ${forger.sign(forged)} where seq = ${seq}`,
    );
    expect((await verify()).problems.some((p: { check: string }) => p.check === 'signature')).toBe(true);
    await sqlRun(`delete from checkpoints where seq >= ${seq}`);
    expect((await verify()).problems.map((p: { message: string }) => p.message)).toContain(
      `checkpoint ${seq} was written but is gone`,
    );
  });

  it('detects an incident deleted along with every checkpoint in the database, from an export a third party kept', async () => {
    const id = await incident();
    const exported = (await api('GET', '/checkpoints/export')).body as CheckpointExport;
    expect(exported.publicKey).toBe(key.publicKey);
    for (const table of ['timeline_events', 'role_assignments', 'decisions', 'evidence', 'status_updates'])
      await sqlRun(`delete from ${table} where incident_id = '${id}'`);
    await sqlRun(`delete from incidents where id = '${id}'`);
    await sqlRun('delete from checkpoints');
    const report = (await api('POST', '/verify', exported)).body;
    expect(report.problems).toContainEqual({
      scope: id,
      check: 'deleted',
      message: expect.stringContaining(`${id} is in checkpoint`),
    });
  });
});
