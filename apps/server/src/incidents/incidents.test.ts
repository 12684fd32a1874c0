import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

describe.each(STORE_TARGETS)('incidents on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target);
  });
  afterAll(() => h.close());

  const declare = async (overrides: Record<string, unknown> = {}) => {
    const response = await h.call('POST', '/api/v1/incidents', { body: declareBody(overrides) });
    expect(response.status).toBe(201);
    return response.body;
  };

  it('declares an incident with a human-friendly id, type defaults and a response deadline', async () => {
    const incident = await declare({ onsetAt: '2026-11-24T09:30:00Z', detectedAt: '2026-11-24T09:50:00Z' });
    expect(incident.id).toMatch(/^INC-\d+$/);
    expect(incident).toMatchObject({
      status: 'triage',
      severity: 'SEV1',
      category: 'safety',
      driver: 'data',
      nearMiss: false,
      declaredBy: 'dana',
      response: {
        deadline: '2026-11-24T10:15:00.000Z',
        acknowledgedAt: null,
        overdue: false,
        containDeadline: '2026-11-24T11:00:00.000Z',
        containOverdue: false,
      },
      metrics: { onsetAt: '2026-11-24T09:30:00.000Z', detectedAt: '2026-11-24T09:50:00.000Z', timeToDetect: 1200 },
      timeline: { length: 1 },
    });
    expect(incident.warnings).toEqual([expect.stringContaining('support-copilot is not in the catalog')]);
  });

  it('accepts P0..P3 as severity aliases and seats a commander on declaration', async () => {
    const incident = await declare({ severity: 'p2', commander: 'Dana Reyes', category: 'systemic', nearMiss: true });
    expect(incident).toMatchObject({
      severity: 'SEV3',
      category: 'systemic',
      nearMiss: true,
      roles: [{ role: 'incident_commander', person: 'Dana Reyes' }],
    });
    expect(incident.response.deadline).toBe('2026-11-24T14:00:00.000Z');
  });

  it('shows an overdue acknowledgement, and a late one once acknowledged', async () => {
    const incident = await declare();
    h.advance(16 * 60_000);
    const overdue = await h.call('GET', `/api/v1/incidents/${incident.id}`);
    expect(overdue.body.response).toMatchObject({ overdue: true, late: false });
    const acked = await h.call('POST', `/api/v1/incidents/${incident.id}/acknowledge`, { body: { note: 'looking' } });
    expect(acked.status).toBe(200);
    expect(acked.body.response).toMatchObject({ overdue: false, late: true, acknowledgedBy: 'dana' });
    expect(acked.body.metrics.timeToAcknowledge).toBe(16 * 60);
    h.advance(45 * 60_000);
    const uncontained = await h.call('GET', `/api/v1/incidents/${incident.id}`);
    expect(uncontained.body.response.containOverdue).toBe(true);
    const contained = await h.call('POST', `/api/v1/incidents/${incident.id}/transition`, {
      body: { status: 'contained' },
    });
    expect(contained.body.response.containOverdue).toBe(false);
  });

  it('runs the lifecycle and derives response metrics from the timeline', async () => {
    const { id } = await declare({ detectedAt: h.now().toISOString(), severity: 'SEV3' });
    const step = async (status: string, minutes: number, reason?: string) => {
      h.advance(minutes * 60_000);
      const response = await h.call('POST', `/api/v1/incidents/${id}/transition`, { body: { status, reason } });
      expect(response.status).toBe(200);
      return response.body;
    };
    await step('active', 1);
    await step('contained', 9);
    await step('recovering', 10);
    const resolved = await step('resolved', 20);
    expect(resolved.metrics).toMatchObject({ timeToContain: 600, timeToResolve: 2400 });
    const closed = await step('closed', 5);
    expect(closed.status).toBe('closed');
  });

  it('refuses illegal transitions with the reason, and a dismissal without one', async () => {
    const { id } = await declare();
    const dismiss = await h.call('POST', `/api/v1/incidents/${id}/transition`, { body: { status: 'dismissed' } });
    expect(dismiss.status).toBe(400);
    expect(dismiss.body.error.message).toMatch(/^reason: /);
    await h.call('POST', `/api/v1/incidents/${id}/transition`, {
      body: { status: 'dismissed', reason: 'load test traffic' },
    });
    const contain = await h.call('POST', `/api/v1/incidents/${id}/transition`, { body: { status: 'contained' } });
    expect(contain.status).toBe(409);
    expect(contain.body.error).toMatchObject({
      code: 'invalid_transition',
      message: expect.stringContaining('cannot move a dismissed incident to contained'),
    });
  });

  it('refuses to resolve a closed incident and to change it', async () => {
    const { id } = await declare({ severity: 'SEV3' });
    for (const status of ['active', 'resolved', 'closed']) {
      expect((await h.call('POST', `/api/v1/incidents/${id}/transition`, { body: { status } })).status).toBe(200);
    }
    const resolve = await h.call('POST', `/api/v1/incidents/${id}/transition`, { body: { status: 'resolved' } });
    expect(resolve.status).toBe(409);
    expect(resolve.body.error.message).toContain('closed is final');
    const severity = await h.call('POST', `/api/v1/incidents/${id}/severity`, {
      body: { severity: 'SEV2', reason: 'x' },
    });
    expect(severity.status).toBe(409);
  });

  it('changes severity with a reason and restarts the response clock at the new SLA', async () => {
    const { id } = await declare({ severity: 'SEV4' });
    h.advance(30 * 60_000);
    const missing = await h.call('POST', `/api/v1/incidents/${id}/severity`, { body: { severity: 'SEV2' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('reason');
    const changed = await h.call('POST', `/api/v1/incidents/${id}/severity`, {
      body: { severity: 'P1', reason: 'affects all EU tenants' },
    });
    expect(changed.body).toMatchObject({
      severity: 'SEV2',
      response: { deadline: new Date(h.now().getTime() + 3600_000).toISOString() },
    });
  });

  it('reclassifies type with the new type’s category and driver', async () => {
    const { id } = await declare({ type: 'model_degradation', severity: 'SEV3' });
    const changed = await h.call('POST', `/api/v1/incidents/${id}/type`, {
      body: { type: 'prompt_injection', reason: 'payload found in retrieved docs' },
    });
    expect(changed.body).toMatchObject({ type: 'prompt_injection', category: 'misuse', driver: 'platform' });
  });

  it('keeps who held which role when', async () => {
    const { id } = await declare();
    await h.call('POST', `/api/v1/incidents/${id}/roles`, { body: { role: 'incident_commander', person: 'Dana' } });
    h.advance(60_000);
    const handover = await h.call('POST', `/api/v1/incidents/${id}/roles`, {
      body: { role: 'incident_commander', person: 'Sam', reason: 'shift change' },
    });
    expect(handover.body.roles).toEqual([expect.objectContaining({ role: 'incident_commander', person: 'Sam' })]);
    await h.call('POST', `/api/v1/incidents/${id}/roles`, { body: { role: 'privacy', person: 'Ana' } });
    await h.call('POST', `/api/v1/incidents/${id}/roles`, { body: { role: 'privacy', person: null } });
    const detail = await h.call('GET', `/api/v1/incidents/${id}`);
    expect(detail.body.roles.map((r: { person: string }) => r.person)).toEqual(['Sam']);
    expect(detail.body.roleHistory).toEqual([
      expect.objectContaining({
        role: 'incident_commander',
        person: 'Dana',
        until: expect.any(String),
        relievedBy: 'dana',
      }),
      expect.objectContaining({ role: 'incident_commander', person: 'Sam', until: null }),
      expect.objectContaining({ role: 'privacy', person: 'Ana', until: expect.any(String) }),
    ]);
    const again = await h.call('POST', `/api/v1/incidents/${id}/roles`, {
      body: { role: 'incident_commander', person: 'Sam' },
    });
    expect(again.status).toBe(409);
  });

  it('records evidence by content hash or by reference, and decisions that cite it', async () => {
    const { id } = await declare();
    const content = '{"answer":"your neighbour’s order is 1234"}';
    const stored = await h.call('POST', `/api/v1/incidents/${id}/evidence`, {
      body: {
        kind: 'model_output',
        title: 'Leaking answer',
        content,
        modelVersion: 'gpt-4.1',
        promptVersion: 'v7',
        windowStart: '2026-11-24T09:00:00Z',
        windowEnd: '2026-11-24T09:30:00Z',
      },
    });
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({
      id: expect.stringMatching(/^EV-\d+$/),
      storage: 'server',
      size: Buffer.byteLength(content),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const bytes = await h.app.request(`/api/v1/incidents/${id}/evidence/${stored.body.id}/content`, {
      headers: { authorization: `Bearer ${h.tokens.viewer}` },
    });
    expect(await bytes.text()).toBe(content);
    expect(bytes.headers.get('x-content-sha256')).toBe(stored.body.sha256);

    const external = await h.call('POST', `/api/v1/incidents/${id}/evidence`, {
      body: { kind: 'log', title: 'Gateway logs', uri: 's3://evidence/inc/logs.gz', sha256: 'a'.repeat(64) },
    });
    expect(external.body).toMatchObject({ storage: 'external', size: null, uri: 's3://evidence/inc/logs.gz' });
    const noHash = await h.call('POST', `/api/v1/incidents/${id}/evidence`, {
      body: { kind: 'log', title: 'x', uri: 'https://x.example/a' },
    });
    expect(noHash.body.error.message).toContain('sha256: required with uri');
    const wrongHash = await h.call('POST', `/api/v1/incidents/${id}/evidence`, {
      body: { kind: 'log', title: 'x', content: 'abc', sha256: 'b'.repeat(64) },
    });
    expect(wrongHash.body.error.message).toMatch(/^sha256: does not match the content/);

    const decision = await h.call('POST', `/api/v1/incidents/${id}/decisions`, {
      body: {
        observation: 'Answers quote other users’ orders',
        hypothesis: 'retrieval ignores tenant filter',
        test: 'replayed 20 prompts',
        decision: 'kill auto-send',
        rationale: 'stops exposure now',
        evidence: [stored.body.id],
      },
    });
    expect(decision.status).toBe(201);
    expect(decision.body).toMatchObject({
      id: expect.stringMatching(/^DEC-\d+$/),
      evidence: [stored.body.id],
      decidedBy: 'dana',
    });
    const badCite = await h.call('POST', `/api/v1/incidents/${id}/decisions`, {
      body: { observation: 'o', decision: 'd', evidence: ['EV-99999'] },
    });
    expect(badCite.status).toBe(400);
    expect(badCite.body.error.message).toBe(`evidence[0]: EV-99999 is not evidence on ${id}`);
  });

  it('posts status updates per audience, snapshotting status and severity', async () => {
    const { id } = await declare();
    const update = await h.call('POST', `/api/v1/incidents/${id}/status-updates`, {
      body: {
        audience: 'executive',
        whatHappened: 'PII in answers',
        impact: '12 customers',
        currentStatus: 'contained',
        nextSteps: 'notify DPO',
        asks: 'approve comms',
      },
    });
    expect(update.status).toBe(201);
    expect(update.body).toMatchObject({
      id: expect.stringMatching(/^UPD-\d+$/),
      audience: 'executive',
      incidentStatus: 'triage',
      severity: 'SEV1',
      postedBy: 'dana',
    });
    const list = await h.call('GET', `/api/v1/incidents/${id}/status-updates`, { token: h.tokens.viewer });
    expect(list.body.statusUpdates).toHaveLength(1);
  });

  it('lists with filters and search', async () => {
    await declare({
      title: 'Refund policy hallucinated',
      type: 'hallucination_spike',
      severity: 'SEV2',
      systems: ['refund-bot'],
    });
    const bySystem = await h.call('GET', '/api/v1/incidents?system=refund-bot');
    expect(bySystem.body.incidents.map((i: { title: string }) => i.title)).toEqual(['Refund policy hallucinated']);
    const bySearch = await h.call('GET', '/api/v1/incidents?q=REFUND%20policy&severity=P1&open=true');
    expect(bySearch.body.total).toBe(1);
    const limited = await h.call('GET', '/api/v1/incidents?limit=2');
    expect(limited.body.incidents).toHaveLength(2);
    expect(limited.body.total).toBeGreaterThan(2);
  });

  it('writes a timeline entry for every change, chained and verifiable', async () => {
    const { id } = await declare();
    await h.call('POST', `/api/v1/incidents/${id}/acknowledge`, { body: {} });
    await h.call('POST', `/api/v1/incidents/${id}/transition`, { body: { status: 'active' } });
    await h.call('PATCH', `/api/v1/incidents/${id}`, {
      body: { title: 'PII in answers (EU only)', onsetAt: '2026-11-24T08:00:00Z', reason: 'scope narrowed' },
    });
    const timeline = await h.call('GET', `/api/v1/incidents/${id}/timeline`, { token: h.tokens.viewer });
    expect(timeline.body.entries.map((e: { kind: string }) => e.kind)).toEqual([
      'declared',
      'acknowledged',
      'status_changed',
      'details_edited',
      'onset_estimated',
    ]);
    expect(timeline.body.entries[1].prevHash).toBe(timeline.body.entries[0].hash);
    const verdict = await h.call('GET', `/api/v1/incidents/${id}/timeline/verify`, { token: h.tokens.viewer });
    expect(verdict.body).toMatchObject({ intact: true, entries: 5 });
  });
});
