import { OnCallDirectory, SystemCard } from '@firebreak/contract';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAlert } from '../alerts/fixtures';
import type { Ctx } from '../context';
import { demoDirectory } from '../demo/directory';
import { DEMO_SYSTEMS } from '../demo/systems';
import { applySystems } from '../flows/apply-catalog';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

const MINUTE = 60_000;

// One day (Tuesday 24 November 2026, T0 = 10:00 UTC) worked through the API, and its figures by hand:
//   X  SEV2 hallucination_spike, support-copilot: onset 09:40, detected 09:55, declared 10:00,
//      acknowledged 10:05, active 10:06, cause identified 10:15, contained 10:25, resolved 11:05
//      → MTTD 15m = 900 s, MTTA 10m = 600 s, MTTI 20m = 1200 s, MTTC 30m = 1800 s, MTTR 70m = 4200 s
//   Y  SEV4 model_degradation, fraud-model: declared 12:00 (onset unknown), acknowledged 12:30 → MTTA 1800 s
//   Z  declared 12:10 and dismissed: counted as declared, in no response time
//   a drill (DRL-1) whose incident is declared in its exercise space: in no figure but the drills'
//   two pii alerts: one attached to X (acted on), one dismissed → precision 1/2
// So: MTTD 900 (one incident), MTTA mean (600 + 1800)/2 = 1200, median 1200; MTTC 1800; MTTR 4200.
describe.each(STORE_TARGETS)('readiness on $name', (target) => {
  let h: Harness;
  let body: any;

  const at = (minutes: number) => {
    const target = Date.parse('2026-11-24T10:00:00.000Z') + minutes * MINUTE;
    h.advance(target - h.now().getTime());
  };
  const post = async (path: string, payload: unknown = {}) => {
    const response = await h.call('POST', path, { body: payload });
    expect(response.status, `${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
    return response.body;
  };

  beforeAll(async () => {
    h = await harness(target);
    const ctx: Ctx = {
      db: h.store.db,
      actor: { name: 'platform-admin', role: 'admin', tokenId: null },
      now: h.now,
      log: pino({ level: 'silent' }),
      requestId: 'test',
      events: h.events,
    };
    await applySystems({
      ctx,
      input: {
        systems: DEMO_SYSTEMS.map((card) => SystemCard.parse(card)),
        directory: OnCallDirectory.parse(demoDirectory(h.now())),
      },
    });
    const x = await post('/api/v1/incidents', {
      title: 'Copilot states a refund policy that does not exist',
      type: 'hallucination_spike',
      severity: 'SEV2',
      systems: ['support-copilot'],
      onsetAt: '2026-11-24T09:40:00Z',
      detectedAt: '2026-11-24T09:55:00Z',
    });
    const acted = await buildAlert(h.store.db, h.now());
    await post(`/api/v1/alerts/${acted.id}/attach`, { incident: x.id });
    const dismissed = await buildAlert(h.store.db, h.now(), { fingerprint: 'support-copilot/pii/other' });
    await post(`/api/v1/alerts/${dismissed.id}/dismiss`, { reason: 'A test message with a fake address' });
    at(5);
    await post(`/api/v1/incidents/${x.id}/acknowledge`);
    at(6);
    await post(`/api/v1/incidents/${x.id}/roles`, { role: 'incident_commander', person: 'Dana Reyes' });
    await post(`/api/v1/incidents/${x.id}/transition`, { status: 'active' });
    at(15);
    await post(`/api/v1/incidents/${x.id}/isolated`, { cause: 'Prompt v7 dropped the policy excerpt' });
    at(25);
    await post(`/api/v1/incidents/${x.id}/transition`, { status: 'contained', reason: 'Rolled back' });
    at(65);
    await post(`/api/v1/incidents/${x.id}/transition`, { status: 'recovering', reason: 'Checking' });
    await post(`/api/v1/incidents/${x.id}/transition`, { status: 'resolved', reason: 'Verified' });

    const drill = await post('/api/v1/exercises', { scenario: 'copilot-retrieval-pii-leak', mode: 'tabletop' });
    await post(`/api/v1/exercises/${drill.id}/clock`, { action: 'start' });
    at(110);
    const practice = await post('/api/v1/incidents', {
      title: 'Drill: retrieval leak',
      type: 'privacy_leak',
      severity: 'SEV1',
      systems: [drill.space.system],
    });
    expect(practice.exercise).toBe(drill.id);
    await post(`/api/v1/incidents/${practice.id}/acknowledge`);

    at(120);
    const y = await post('/api/v1/incidents', {
      title: 'Fraud precision slipped',
      type: 'model_degradation',
      severity: 'SEV4',
      systems: ['fraud-model'],
    });
    at(130);
    const z = await post('/api/v1/incidents', {
      title: 'Load test',
      type: 'infrastructure',
      severity: 'SEV4',
      systems: ['fraud-model'],
    });
    await post(`/api/v1/incidents/${z.id}/transition`, { status: 'dismissed', reason: 'A load test' });
    at(150);
    await post(`/api/v1/incidents/${y.id}/acknowledge`);
    await post(`/api/v1/exercises/${drill.id}/clock`, { action: 'end' });
    at(180);
    const read = await h.call('GET', '/api/v1/readiness?from=2026-11-24&to=2026-11-24');
    expect(read.status).toBe(200);
    body = read.body;
  });
  afterAll(() => h.close());

  it('agrees with the hand computation, leaving the drill and the dismissed incident out', () => {
    expect(body.incidents).toEqual({ declared: 3, counted: 2, dismissed: 1, nearMisses: 0 });
    expect(body.response.overall).toEqual({
      mttd: { count: 1, mean: 900, median: 900 },
      mtta: { count: 2, mean: 1200, median: 1200 },
      mtti: { count: 1, mean: 1200, median: 1200 },
      mttc: { count: 1, mean: 1800, median: 1800 },
      mttr: { count: 1, mean: 4200, median: 4200 },
    });
    expect(body.response.bySystem.map((g: any) => [g.key, g.times.mtta.mean])).toEqual([
      ['fraud-model', 1800],
      ['support-copilot', 600],
    ]);
    // X is a resolved SEV2 whose postmortem is due 10 business days on (8 December): pending.
    expect(body.postmortems).toMatchObject({ considered: 1, pending: 1, share: null });
    expect(body.postmortems.items[0]).toMatchObject({ dueAt: '2026-12-08T11:05:00.000Z', outcome: 'pending' });
    expect(body.alerts).toMatchObject({ total: 2, actedOn: 1, dismissed: 1, precision: 0.5 });
    // The tabletop drill declared late and never contained: run, not passed; its copy is no real system.
    expect(body.drills).toEqual({
      run: 1,
      passed: 0,
      passRate: 0,
      teams: [{ team: 'support-ai', run: 1, passed: 0, failed: 1, passRate: 0 }],
    });
    expect(body.coverage.map((c: any) => c.system)).toEqual(['fraud-model', 'support-copilot']);
    expect(body.coverage[1].covered).toContain('privacy_leak');
  });

  it('writes the report in Markdown and in HTML with its charts inline', async () => {
    const md = await h.call('GET', '/api/v1/readiness/report?from=2026-11-24&to=2026-11-24');
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(md.body).toContain('# Readiness report: 2026-11-24 to 2026-11-24');
    expect(md.body).toContain('| MTTC (detected → contained), median / mean | 30m / 30m (1 incident) |');
    expect(md.body).toContain('| support-ai | 1 | 0 | 1 | 0% |');
    const html = await h.call('GET', '/api/v1/readiness/report?from=2026-11-24&to=2026-11-24&format=html');
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.body.match(/<svg /g)?.length).toBe(5);
    expect(html.body).toContain('<title>Alert precision per monitor</title>');
  });

  it.each([
    ['from=yesterday', 'from'],
    ['from=2026-11-25&to=2026-11-24', 'to'],
    ['from=2020-01-01&to=2026-11-24', 'to'],
    ['format=pdf', 'format'],
  ])('refuses %s naming %s', async (query, field) => {
    const path = query.startsWith('format') ? '/api/v1/readiness/report' : '/api/v1/readiness';
    const response = await h.call('GET', `${path}?${query}`);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.error)).toContain(field);
  });

  it('needs a token', async () => {
    expect((await h.call('GET', '/api/v1/readiness', { token: null })).status).toBe(401);
  });
});
