import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, telemetryBatches } from '../db/schema';
import { createMetrics } from '../observability/metrics';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const clone = <T>(value: T): T => structuredClone(value);

const rules = [
  {
    id: 'external-page',
    when: { signal: 'external:*', level: 'page' },
    then: { type: 'model_degradation', severity: 'SEV2', declare: true },
  },
];

describe.each(STORE_TARGETS)('inbound integrations on $name', (target) => {
  let h: Harness;
  const metrics = createMetrics({ defaults: false });
  const secrets: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const create = async (body: Record<string, unknown>) => {
    const res = await h.call('POST', '/api/v1/integrations', { token: h.tokens.admin, body });
    expect(res.status).toBe(201);
    secrets[body.name as string] = res.body.secret;
    ids[body.name as string] = res.body.id;
    return res.body;
  };
  const post = (kind: string, name: string, body: unknown, headers: Record<string, string> = {}, method = 'POST') =>
    h.call(method, `/api/v1/inbound/${kind}`, { token: secrets[name]!, body, headers });
  const alertsOf = async (system: string) =>
    (await h.call('GET', `/api/v1/alerts?system=${system}`)).body.alerts as Array<Record<string, any>>;
  const incidentsOf = async (system: string) =>
    ((await h.call('GET', '/api/v1/incidents?limit=200')).body.incidents as Array<{ systems: string[] }>).filter(
      (incident) => incident.systems.includes(system),
    );

  beforeAll(async () => {
    h = await harness(target, { metrics });
    expect((await h.call('PUT', '/api/v1/rules', { token: h.tokens.admin, body: { rules } })).status).toBe(200);
    await create({ name: 'prom', kind: 'alertmanager', mapping: { systemLabel: 'job' } });
    await create({ name: 'prom-prod', kind: 'alertmanager' });
    await create({ name: 'grafana-blue', kind: 'grafana', mapping: { systemLabel: 'team' } });
    await create({ name: 'pd', kind: 'pagerduty', mapping: { systemLabel: 'component' } });
    await create({
      name: 'ce',
      kind: 'cloudevents',
      mapping: { defaultSystem: 'support-bot', fingerprintBy: 'subject' },
    });
  });
  afterAll(() => h.close());

  describe('managing integrations', () => {
    it('shows the secret once, keeps a digest, and audits create, rotate and revoke', async () => {
      const created = await create({ name: 'audited', kind: 'alertmanager', mapping: { defaultSystem: 'x-sys' } });
      expect(created.secret).toMatch(/^fbi_/);
      expect(created).toMatchObject({ kind: 'alertmanager', endpoint: '/api/v1/inbound/alertmanager' });
      const list = await h.call('GET', '/api/v1/integrations', { token: h.tokens.admin });
      expect(JSON.stringify(list.body)).not.toContain(created.secret);
      const rotated = await h.call('POST', `/api/v1/integrations/${created.id}/rotate`, {
        token: h.tokens.admin,
        body: {},
      });
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(created.secret);
      const sample = fixture('alertmanager-sample-v4.json');
      expect(
        (await h.call('POST', '/api/v1/inbound/alertmanager', { token: created.secret, body: sample })).status,
      ).toBe(401);
      const revoked = await h.call('DELETE', `/api/v1/integrations/${created.id}`, { token: h.tokens.admin });
      expect(revoked.body.revokedAt).not.toBeNull();
      expect(
        (await h.call('POST', '/api/v1/inbound/alertmanager', { token: rotated.body.secret, body: sample })).status,
      ).toBe(401);
      const audit = await h.store.db.select().from(auditLog).where(eq(auditLog.subject, created.id));
      expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([
        ['integration.created', 'admin'],
        ['integration.rotated', 'admin'],
        ['integration.revoked', 'admin'],
      ]);
    });

    it('validates the mapping on create, naming the field, and needs an admin', async () => {
      const bad = await h.call('POST', '/api/v1/integrations', {
        token: h.tokens.admin,
        body: {
          name: 'bad',
          kind: 'alertmanager',
          mapping: { systemLabel: 'has space', defaultSystem: 'Not A System' },
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('mapping.systemLabel');
      expect(bad.body.error.message).toContain('mapping.defaultSystem');
      const kind = await h.call('POST', '/api/v1/integrations', {
        token: h.tokens.admin,
        body: { name: 'k', kind: 'nagios' },
      });
      expect(kind.body.error.message).toMatch(/^kind:/);
      const responder = await h.call('POST', '/api/v1/integrations', { body: { name: 'r', kind: 'grafana' } });
      expect(responder.status).toBe(403);
      const taken = await h.call('POST', '/api/v1/integrations', {
        token: h.tokens.admin,
        body: { name: 'prom', kind: 'grafana' },
      });
      expect(taken.status).toBe(409);
    });

    it('an integration secret opens no other route, and an API token opens no inbound endpoint', async () => {
      const secret = secrets.prom!;
      for (const [method, path, body] of [
        ['GET', '/api/v1/incidents', undefined],
        ['GET', '/api/v1/whoami', undefined],
        ['POST', '/api/v1/telemetry', [{ system: 'x', ts: '2026-11-24T10:00:00Z' }]],
        ['POST', '/api/v1/integrations/preview', { format: 'alertmanager', payload: {} }],
        ['GET', '/api/v1/integrations', undefined],
      ] as const)
        expect((await h.call(method, path, { token: secret, body })).status, `${method} ${path}`).toBe(401);
      const sample = fixture('alertmanager-sample-v4.json');
      expect(
        (await h.call('POST', '/api/v1/inbound/alertmanager', { token: h.tokens.admin, body: sample })).status,
      ).toBe(401);
      expect((await h.call('POST', '/api/v1/inbound/alertmanager', { token: null, body: sample })).status).toBe(401);
      // Another kind's endpoint refuses it too.
      const wrong = await post('grafana', 'prom', fixture('grafana-example.json'));
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.message).toContain('alertmanager integration');
    });
  });

  describe('Alertmanager', () => {
    it('records the documented sample v4 payload as a paging alert at the source’s start', async () => {
      const res = await post('alertmanager', 'prom', fixture('alertmanager-sample-v4.json'));
      expect(res.status).toBe(200);
      expect(res.body.alerts).toEqual([
        { fingerprint: `${ids.prom}|1a30ba71cca2921f`, alertId: expect.stringMatching(/^ALR-/), change: 'opened' },
      ]);
      const [alert] = await alertsOf('http_checks');
      expect(alert).toMatchObject({
        system: 'http_checks',
        monitor: 'prom/ProbeFailure',
        signal: 'external:alertmanager',
        detector: 'alertmanager',
        level: 'page',
        status: 'firing',
        openedAt: '2023-02-06T13:08:45.828Z',
        owner: 'prom',
      });
      expect(alert!.evidence.external).toMatchObject({
        sourceFingerprint: '1a30ba71cca2921f',
        summary: 'BlackBox Probe Failure: https://server.example.org',
        endsAt: null,
        generatorURL: 'http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0',
      });
      // The same triage rules as detection's alerts: a paging alert declares.
      expect(alert!.incidentId).toMatch(/^INC-/);
    });

    it('a firing and resolved group sent three times is one alert each and one incident; truncatedAlerts is reported', async () => {
      const batch = fixture('alertmanager-mixed.json');
      const first = await post('alertmanager', 'prom-prod', batch);
      expect(first.status).toBe(200);
      expect(first.body.alerts.map((a: { change: string }) => a.change)).toEqual(['opened', 'resolved']);
      expect(first.body.truncatedAlerts).toBe(2);
      expect(first.body.warnings[0]).toMatch(/^truncatedAlerts: .*2 alert/);
      for (const _ of [2, 3]) {
        const again = await post('alertmanager', 'prom-prod', batch);
        expect(again.body.alerts.map((a: { change: string }) => a.change)).toEqual(['unchanged', 'unchanged']);
      }
      const alerts = await alertsOf('support-copilot');
      expect(alerts).toHaveLength(2);
      const toxic = alerts.find((a) => a.monitor === 'prom-prod/ToxicityRateHigh')!;
      expect(toxic).toMatchObject({ status: 'firing', level: 'page', owner: 'trust' });
      expect(toxic.runbook).toBe('https://runbooks.example.org/toxicity');
      expect(toxic.evidence.external.truncatedAlerts).toBe(2);
      const latency = alerts.find((a) => a.monitor === 'prom-prod/LatencyHigh')!;
      expect(latency).toMatchObject({ status: 'resolved', level: 'warn', resolvedAt: '2026-11-24T09:45:00.000Z' });
      expect(latency.incidentId).toBeNull();
      expect(await incidentsOf('support-copilot')).toHaveLength(1);
      const text = await metrics.registry.metrics();
      expect(text).toMatch(/firebreak_inbound_truncated_alerts_total\{kind="alertmanager"\} 6/);
      expect(text).toMatch(/firebreak_inbound_alerts_total\{kind="alertmanager",change="unchanged"\} [1-9]/);
    });

    it('the same batch three times at once is still one alert and one incident', async () => {
      const batch = clone(fixture('alertmanager-mixed.json'));
      for (const alert of batch.alerts) {
        alert.labels.system = 'concurrent-copilot';
        alert.fingerprint = `c${alert.fingerprint.slice(1)}`;
      }
      const results = await Promise.all([1, 2, 3].map(() => post('alertmanager', 'prom-prod', batch)));
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      const opened = results.flatMap((r) => r.body.alerts).filter((a: { change: string }) => a.change === 'opened');
      expect(opened).toHaveLength(1);
      expect(await alertsOf('concurrent-copilot')).toHaveLength(2);
      expect(await incidentsOf('concurrent-copilot')).toHaveLength(1);
    });

    it('resolves a firing alert when the source sends it resolved with a real endsAt', async () => {
      const batch = clone(fixture('alertmanager-mixed.json'));
      batch.alerts = [batch.alerts[0]];
      batch.alerts[0].labels.system = 'resolving-copilot';
      batch.alerts[0].fingerprint = 'aaaa000011112222';
      expect((await post('alertmanager', 'prom-prod', batch)).body.alerts[0].change).toBe('opened');
      batch.status = 'resolved';
      batch.alerts[0].status = 'resolved';
      batch.alerts[0].endsAt = '2026-11-24T10:05:00Z';
      expect((await post('alertmanager', 'prom-prod', batch)).body.alerts[0].change).toBe('resolved');
      expect((await post('alertmanager', 'prom-prod', batch)).body.alerts[0].change).toBe('unchanged');
      const [alert] = await alertsOf('resolving-copilot');
      expect(alert).toMatchObject({ status: 'resolved', resolvedAt: '2026-11-24T10:05:00.000Z' });
    });

    it('refuses a malformed batch naming the field, and applies none of it', async () => {
      const batch = clone(fixture('alertmanager-mixed.json'));
      for (const alert of batch.alerts) alert.labels.system = 'half-applied';
      batch.alerts[1].startsAt = 'yesterday';
      const bad = await post('alertmanager', 'prom-prod', batch);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/^alerts\[1\]\.startsAt: /);
      delete batch.alerts[1].labels.system;
      batch.alerts[1].startsAt = '2026-11-24T09:20:00.000Z';
      const unmapped = await post('alertmanager', 'prom-prod', batch);
      expect(unmapped.status).toBe(400);
      expect(unmapped.body.error.message).toMatch(/^alerts\[1\]\.labels\.system: no system/);
      const version = await post('alertmanager', 'prom-prod', { ...batch, version: '3' });
      expect(version.body.error.message).toMatch(/^version: /);
      expect(await alertsOf('half-applied')).toEqual([]);
      const notJson = await h.call('POST', '/api/v1/inbound/alertmanager', {
        token: secrets['prom-prod']!,
        raw: '{"alerts": [',
      });
      expect(notJson.status).toBe(400);
      const tooMany = { ...batch, alerts: Array.from({ length: 1001 }, () => batch.alerts[0]) };
      expect((await post('alertmanager', 'prom-prod', tooMany)).body.error.message).toMatch(/^alerts: at most 1000/);
    });
  });

  describe('Grafana', () => {
    it('takes the documented example by PUT, with its values', async () => {
      const res = await post('grafana', 'grafana-blue', fixture('grafana-example.json'), {}, 'PUT');
      expect(res.status).toBe(200);
      expect(res.body.alerts.map((a: { change: string }) => a.change)).toEqual(['opened', 'opened']);
      const alerts = await alertsOf('blue');
      expect(alerts.map((a) => [a.monitor, a.level, a.openedAt, a.value])).toEqual(
        expect.arrayContaining([
          ['grafana-blue/High memory usage', 'warn', '2021-10-12T07:51:03.157Z', 44.23943737541908],
          ['grafana-blue/High CPU usage', 'warn', '2021-10-12T07:56:03.157Z', 44.23943737541908],
        ]),
      );
      expect(alerts[0]!.runbook).toBe('https://myrunbook.com/runbook/1234');
      // warn: no rule for it, no incident.
      expect(await incidentsOf('blue')).toEqual([]);
    });
  });

  describe('PagerDuty Events v2', () => {
    it('triggers, acknowledges and resolves by dedup_key, answering as PagerDuty does', async () => {
      const trigger = { ...fixture('pagerduty-trigger.json'), routing_key: secrets.pd };
      const res = await h.call('POST', '/api/v1/inbound/pagerduty', { token: null, body: trigger });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'srv01/mysql' });
      const again = await h.call('POST', '/api/v1/inbound/pagerduty', { token: null, body: trigger });
      expect(again.status).toBe(202);
      let [alert] = await alertsOf('mysql');
      expect(alert).toMatchObject({
        fingerprint: `${ids.pd}|srv01/mysql`,
        level: 'page',
        status: 'firing',
        openedAt: '2015-07-17T08:42:58.315Z',
        monitor: 'pd/deploy',
      });
      expect(alert!.evidence.external.labels).toMatchObject({ 'free space': '1%', 'load avg': '0.75' });
      const ack = { routing_key: secrets.pd, event_action: 'acknowledge', dedup_key: 'srv01/mysql' };
      const acked = await h.call('POST', '/api/v1/inbound/pagerduty', { token: null, body: ack });
      expect(acked.body).toEqual({ status: 'success', message: 'Event processed', dedup_key: 'srv01/mysql' });
      [alert] = await alertsOf('mysql');
      expect(alert!.acknowledged).toMatchObject({ by: 'integration:pd' });
      const resolve = { ...ack, event_action: 'resolve' };
      expect((await h.call('POST', '/api/v1/inbound/pagerduty', { token: null, body: resolve })).status).toBe(202);
      [alert] = await alertsOf('mysql');
      expect(alert).toMatchObject({ status: 'resolved', resolvedAt: h.now().toISOString() });
      expect(await alertsOf('mysql')).toHaveLength(1);
    });

    it('refuses a wrong routing_key with 401 and a resolve without dedup_key naming it', async () => {
      const wrong = await h.call('POST', '/api/v1/inbound/pagerduty', {
        token: null,
        body: { ...fixture('pagerduty-trigger.json'), routing_key: 'e93facc04764012d7bfb002500d5d1a6' },
      });
      expect(wrong.status).toBe(401);
      const resolve = await h.call('POST', '/api/v1/inbound/pagerduty', {
        token: null,
        body: { routing_key: secrets.pd, event_action: 'resolve' },
      });
      expect(resolve.status).toBe(400);
      expect(resolve.body.error.message).toMatch(/^dedup_key: /);
      const severity = await h.call('POST', '/api/v1/inbound/pagerduty', {
        token: null,
        body: {
          ...fixture('pagerduty-trigger.json'),
          routing_key: secrets.pd,
          payload: { summary: 's', source: 's', severity: 'sev0' },
        },
      });
      expect(severity.body.error.message).toMatch(/^payload\.severity: /);
    });
  });

  describe('CloudEvents', () => {
    it('takes the structured example, and a batch, and binary mode', async () => {
      const event = fixture('cloudevent-structured.json');
      const structured = await post('cloudevents', 'ce', event, { 'content-type': 'application/cloudevents+json' });
      expect(structured.status).toBe(200);
      expect(structured.body.alerts[0]).toMatchObject({
        fingerprint: `${ids.ce}|/firebreak/detectors/drift|ai-system/support-bot`,
        change: 'opened',
      });
      const [alert] = await alertsOf('support-bot');
      expect(alert).toMatchObject({ level: 'page', value: 0.31, openedAt: '2026-05-01T12:00:00.000Z' });
      // Another event about the same subject while it fires is the same alert.
      const batch = [
        { ...event, id: 'a1b3', subject: 'ai-system/other-bot' },
        { ...event, id: 'a1b4' },
      ];
      const res = await post('cloudevents', 'ce', batch, { 'content-type': 'application/cloudevents-batch+json' });
      expect(res.body.alerts.map((a: { change: string }) => a.change)).toEqual(['opened', 'unchanged']);
      const binary = await h.call('POST', '/api/v1/inbound/cloudevents', {
        token: secrets.ce!,
        body: { status: 'resolved' },
        headers: {
          'ce-specversion': '1.0',
          'ce-id': 'a1b5',
          'ce-source': '/firebreak/detectors/drift',
          'ce-type': 'dev.firebreak.alert.resolved.v1',
          'ce-subject': 'ai-system/support-bot',
          'ce-time': '2026-05-01T12:30:00Z',
        },
      });
      expect(binary.status).toBe(200);
      expect(binary.body.alerts[0].change).toBe('resolved');
      expect((await alertsOf('support-bot'))[0]).toMatchObject({
        status: 'resolved',
        resolvedAt: '2026-05-01T12:30:00.000Z',
      });
    });

    it('names the missing attribute, in the body or the header', async () => {
      const { id: _id, ...noId } = fixture('cloudevent-structured.json');
      const res = await post('cloudevents', 'ce', noId, { 'content-type': 'application/cloudevents+json' });
      expect(res.body.error.message).toMatch(/^id: /);
      const batch = await post('cloudevents', 'ce', [fixture('cloudevent-structured.json'), noId], {
        'content-type': 'application/cloudevents-batch+json',
      });
      expect(batch.body.error.message).toMatch(/^\[1\]\.id: /);
      const binary = await h.call('POST', '/api/v1/inbound/cloudevents', {
        token: secrets.ce!,
        raw: 'plain text data',
        headers: { 'content-type': 'text/plain', 'ce-id': 'x', 'ce-specversion': '1.0', 'ce-type': 't' },
      });
      expect(binary.status).toBe(400);
      expect(binary.body.error.message).toBe('header.ce-source: required in binary mode');
    });
  });

  describe('replay console', () => {
    it('maps a payload and names the rule each alert meets, storing nothing', async () => {
      const before = {
        alerts: (await h.call('GET', '/api/v1/alerts?limit=1000')).body.alerts.length,
        incidents: (await h.call('GET', '/api/v1/incidents?limit=200')).body.incidents.length,
        audit: (await h.store.db.select().from(auditLog)).length,
      };
      const batch = clone(fixture('alertmanager-mixed.json'));
      for (const alert of batch.alerts) alert.labels.system = 'preview-only';
      const res = await h.call('POST', '/api/v1/integrations/preview', {
        body: { format: 'alertmanager', payload: batch, integration: ids['prom-prod'] },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ produces: 'alerts', truncatedAlerts: 2, events: [], rejected: [] });
      expect(res.body.alerts).toEqual([
        expect.objectContaining({
          fingerprint: `${ids['prom-prod']}|7f3c9a2b10d4e5f6`,
          system: 'preview-only',
          level: 'page',
          status: 'firing',
          rule: { id: 'external-page', declares: true, type: 'model_degradation', severity: 'SEV2' },
        }),
        expect.objectContaining({ level: 'warn', status: 'resolved', rule: null }),
      ]);
      const after = {
        alerts: (await h.call('GET', '/api/v1/alerts?limit=1000')).body.alerts.length,
        incidents: (await h.call('GET', '/api/v1/incidents?limit=200')).body.incidents.length,
        audit: (await h.store.db.select().from(auditLog)).length,
      };
      expect(after).toEqual(before);
    });

    it('shows the telemetry events an OTLP export would become, and what it ignored, storing nothing', async () => {
      const otlp = (name: string) =>
        JSON.parse(
          readFileSync(new URL(`../../../../packages/contract/src/fixtures/otlp/${name}`, import.meta.url), 'utf8'),
        );
      const before = (await h.store.db.select().from(telemetryBatches)).length;
      const res = await h.call('POST', '/api/v1/integrations/preview', {
        body: { format: 'otlp-traces', payload: otlp('guardrail-deny.json') },
      });
      expect(res.status).toBe(200);
      expect(res.body.produces).toBe('events');
      expect(res.body.alerts).toEqual([]);
      expect(res.body.events).toContainEqual(
        expect.objectContaining({
          system: 'support-bot',
          flags: expect.objectContaining({ injection_suspected: true }),
        }),
      );
      const plain = await h.call('POST', '/api/v1/integrations/preview', {
        body: { format: 'otlp-traces', payload: otlp('plain-trace.json') },
      });
      expect(plain.body).toMatchObject({ produces: 'events', events: [] });
      expect(plain.body.warnings[0]).toMatch(/carry no GenAI attributes: ignored$/);
      const logs = await h.call('POST', '/api/v1/integrations/preview', {
        body: { format: 'otlp-logs', payload: { resourceLogs: [{ scopeLogs: 'x' }] } },
      });
      expect(logs.status).toBe(400);
      expect(logs.body.error.message).toContain('scopeLogs');
      expect((await h.store.db.select().from(telemetryBatches)).length).toBe(before);
    });

    it('says what is wrong with a payload under payload., and tries a mapping before an integration exists', async () => {
      const bad = await h.call('POST', '/api/v1/integrations/preview', {
        body: { format: 'grafana', payload: { ...fixture('grafana-example.json'), alerts: [{ status: 'firing' }] } },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('payload.alerts[0].labels');
      const tried = await h.call('POST', '/api/v1/integrations/preview', {
        body: { format: 'pagerduty', payload: fixture('pagerduty-trigger.json'), mapping: { defaultSystem: 'db' } },
      });
      expect(tried.body.alerts[0]).toMatchObject({
        system: 'db',
        sourceFingerprint: 'srv01/mysql',
        monitor: 'preview/deploy',
      });
    });
  });
});
