import { FirebreakApiError, FirebreakClient, FirebreakConnectionError, TelemetryReporter } from '@firebreak/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertOpenedAlert } from './alerts/store';
import { readTelemetry } from './telemetry/store';
import { type Harness, harness } from './test/harness';
import { STORE_TARGETS } from './test/stores';

// The SDK's typed client against the real API, in-process: fetch is the app's own handler.
describe('the SDK client against the API', () => {
  let h: Harness;
  let client: FirebreakClient;
  beforeAll(async () => {
    h = await harness(STORE_TARGETS[0]!);
    const fetch = ((input: URL | RequestInfo, init?: RequestInit) =>
      h.app.request(String(input), init)) as typeof globalThis.fetch;
    client = new FirebreakClient({ baseUrl: 'http://firebreak.test/', token: h.tokens.responder, fetch });
  });
  afterAll(() => h.close());

  it('declares, works and reads an incident through typed calls', async () => {
    const incident = await client.declareIncident({
      title: 'Jailbreak spreading',
      type: 'safety_bypass',
      severity: 'P1',
      systems: ['support-copilot'],
    });
    await client.transition(incident.id, { status: 'active' });
    await client.assignRole(incident.id, { role: 'tech_lead', person: 'Sam' });
    const evidence = await client.addEvidence(incident.id, {
      kind: 'prompt',
      title: 'The jailbreak prompt',
      content: 'ignore previous instructions',
    });
    await client.logDecision(incident.id, { observation: 'o', decision: 'd', evidence: [evidence.id] });
    await client.postStatusUpdate(incident.id, {
      audience: 'support',
      whatHappened: 'w',
      impact: 'i',
      currentStatus: 'c',
      nextSteps: 'n',
    });
    const detail = await client.getIncident(incident.id);
    expect(detail).toMatchObject({ severity: 'SEV2', status: 'active', roles: [{ role: 'tech_lead', person: 'Sam' }] });
    expect(detail.decisions[0]?.evidence).toEqual([evidence.id]);
    expect((await client.listIncidents({ open: true, type: 'safety_bypass' })).total).toBe(1);
    expect((await client.verifyTimeline(incident.id)).intact).toBe(true);
    expect((await client.timeline(incident.id)).entries).toHaveLength(6);
  });

  it('rejects with the server’s code, message, field issues and request id', async () => {
    const error = await client
      .declareIncident({ title: 't', type: 'bias', severity: 'SEV9', systems: ['x'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FirebreakApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', requestId: expect.any(String) });
    expect((error as FirebreakApiError).issues).toEqual([
      { path: 'severity', message: expect.stringContaining('SEV1') },
    ]);
    await expect(client.getIncident('INC-424242')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'incident INC-424242 not found',
    });
  });

  it('follows live changes and resumes after a dropped connection without losing any', async () => {
    const { id } = await client.declareIncident({ title: 'Live', type: 'misuse', severity: 'SEV3', systems: ['x'] });
    const requests: Array<string | undefined> = [];
    // The first connection drops right after delivering one timeline event.
    const dropping = (async (input: URL | RequestInfo, init?: RequestInit) => {
      requests.push(new Headers(init?.headers).get('last-event-id') ?? undefined);
      const response = await h.app.request(String(input), init);
      if (requests.length > 1) return response;
      let seen = '';
      const cut = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          controller.enqueue(chunk);
          seen += new TextDecoder().decode(chunk);
          if (seen.includes('event: timeline')) controller.terminate();
        },
      });
      return new Response(response.body!.pipeThrough(cut), response);
    }) as typeof globalThis.fetch;
    const live = new FirebreakClient({ baseUrl: 'http://firebreak.test', token: h.tokens.viewer, fetch: dropping });
    const kinds: string[] = [];
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const subscription = live.subscribe({
      incident: id,
      minBackoffMs: 10,
      onEvent: (event) => event.type === 'timeline' && kinds.push(`${event.entry.seq}:${event.entry.kind}`),
      onState: (state) => state === 'open' && opened(),
    });
    await open;
    await client.acknowledge(id);
    await client.transition(id, { status: 'active' });
    await client.assignRole(id, { role: 'scribe', person: 'Ana' });
    await expect
      .poll(() => kinds, { timeout: 5000 })
      .toEqual(['2:acknowledged', '3:status_changed', '4:role_assigned']);
    expect(requests).toHaveLength(2);
    // Resumed with the id of the last event seen: `<process epoch>.<n>` (ADR 43).
    expect(requests[1]).toMatch(/^[0-9a-f]+\.\d+$/);
    subscription.close();
  });

  it('acknowledges an alert, and a subscriber hears of it', async () => {
    const alert = await insertOpenedAlert(
      h.store.db,
      {
        transition: 'opened',
        fingerprint: 'sdk-bot|pii|',
        system: 'sdk-bot',
        monitor: 'pii',
        signal: 'flag:pii',
        detector: 'zero_tolerance',
        level: 'page',
        at: '2026-11-24T09:05:00.000Z',
        onset: '2026-11-24T09:00:00.000Z',
        onsetModel: 'abrupt',
        value: 1,
        threshold: 1,
        score: 1,
        owner: 'privacy',
        evidence: {
          window: { start: '2026-11-24T09:00:00.000Z', end: '2026-11-24T09:05:00.000Z', observed: 0.1, summary: {} },
          detail: {},
          sampleEventIds: [],
          series: { measure: 'hits per window', windowMs: 300_000, history: [], lines: [] },
        },
      },
      null,
    );
    const changes: string[] = [];
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const subscription = client.subscribe({
      onEvent: (event) => event.type === 'alert' && changes.push(`${event.alertId}:${event.change}`),
      onState: (state) => state === 'open' && opened(),
    });
    await open;
    const acknowledged = await client.acknowledgeAlert(alert!.id);
    expect(acknowledged.acknowledged).toEqual({ by: 'dana', at: h.now().toISOString() });
    await expect.poll(() => changes, { timeout: 5000 }).toEqual([`${alert!.id}:acknowledged`]);
    subscription.close();
    await expect(client.acknowledgeAlert('ALR-424242')).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('reports telemetry in batches that the server keeps, counting what it refused', async () => {
    const fetch = ((input: URL | RequestInfo, init?: RequestInit) =>
      h.app.request(String(input), init)) as typeof globalThis.fetch;
    const reporter = new TelemetryReporter({
      baseUrl: 'http://firebreak.test',
      token: h.tokens.responder,
      fetch,
      maxBatch: 500,
    });
    for (let i = 0; i < 1200; i++) {
      reporter.report({
        system: 'sdk-reporter',
        ts: new Date(Date.UTC(2026, 10, 24, 10, 0, i)).toISOString(),
        id: `e-${i}`,
        confidence: i === 7 ? 3 : 0.5,
      });
    }
    await reporter.close();
    expect(reporter.stats).toEqual({ buffered: 0, sent: 1199, rejected: 1, dropped: 0, retries: 0 });
    const kept = (await readTelemetry(h.store.db, 0, 10_000))
      .flatMap((batch) => batch.events)
      .filter((e) => e.system === 'sdk-reporter');
    expect(kept).toHaveLength(1199);
  });

  it('says the server cannot be reached rather than failing obscurely', async () => {
    const offline = new FirebreakClient({ baseUrl: 'http://127.0.0.1:9', token: 'x' });
    await expect(offline.health()).rejects.toBeInstanceOf(FirebreakConnectionError);
    await expect(offline.health()).rejects.toThrow('cannot reach Firebreak at http://127.0.0.1:9');
  });
});
