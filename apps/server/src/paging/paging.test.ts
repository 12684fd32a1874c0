import { readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FirebreakConfig } from '@firebreak/contract';
import { parseYamlFile } from '@firebreak/contract/yaml-file';
import { FirebreakClient } from '@firebreak/sdk';
import { type ParsedMail, simpleParser } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { freshDataDir } from '../test/pglite-dir';
import { until as waitUntil } from '../test/until';

/** This file's waits give up after 10 s. */
const until = <T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false) =>
  waitUntil(what, probe, 10_000);

// The whole path of issue 11 against real parts: telemetry → detector → triage rule → SEV1 →
// the matrix → the outbox → SMTP (a real server in this process), Slack, PagerDuty and a
// Standard Webhooks receiver (local HTTP servers checking the published formats) → no
// acknowledgement → escalation → the acknowledge link in the mail → escalation stops.

const EXAMPLE = new URL('../../../../examples/firebreak.yaml', import.meta.url);
const WEBHOOK_SECRET = `whsec_${Buffer.from('firebreak-e2e-webhook-secret-32b').toString('base64')}`;
// The server's clock starts at the real time (receivers check webhook signatures against theirs)
// and the test moves it on to make deadlines pass.
const START = Math.floor(Date.now() / 60_000) * 60_000;
const MIN = 60_000;

interface Hit {
  at: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP receiver that records what it got and answers as `answer` says. */
async function receiver(answer: (hit: Hit) => { status: number; body?: string }) {
  const hits: Hit[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const hit = { at: Date.now(), headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      hits.push(hit);
      const { status, body } = answer(hit);
      response.writeHead(status, { 'content-type': 'application/json' }).end(body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A real SMTP server in this process that keeps every mail it is sent, parsed, with when it came. */
async function mailCatcher(mails: Array<{ at: number; mail: ParsedMail }>): Promise<SMTPServer> {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push({ at: Date.now(), mail });
          callback(null, 'queued');
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return smtp;
}

describe('a SEV1 from a triage rule reaches people, escalates, and stops when acknowledged from the mail', () => {
  let clock = START;
  let dir: string;
  let server: RunningServer;
  let client: FirebreakClient;
  let smtp: SMTPServer;
  const mails: Array<{ at: number; mail: ParsedMail }> = [];
  let slack: Awaited<ReturnType<typeof receiver>>;
  let pagerduty: Awaited<ReturnType<typeof receiver>>;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const verifiedWebhookIds: string[] = [];

  beforeAll(async () => {
    smtp = await mailCatcher(mails);
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    // Slack's incoming webhook answers the text `ok`; a Block Kit message has blocks and a fallback text.
    slack = await receiver((hit) => {
      const body = JSON.parse(hit.body) as { text?: unknown; blocks?: unknown };
      const ok = typeof body.text === 'string' && Array.isArray(body.blocks) && body.blocks.length > 0;
      return ok ? { status: 200, body: 'ok' } : { status: 400, body: 'invalid_blocks' };
    });
    // PagerDuty Events API v2: routing_key, event_action, dedup_key and a payload with summary, source, severity.
    pagerduty = await receiver((hit) => {
      const event = JSON.parse(hit.body) as Record<string, Record<string, unknown> | string>;
      const payload = event.payload as Record<string, unknown> | undefined;
      const keyed = event.routing_key === 'R0UT1NGKEY0000000000000000000000' && typeof event.dedup_key === 'string';
      const trigger =
        event.event_action === 'trigger' &&
        typeof payload?.summary === 'string' &&
        typeof payload?.source === 'string' &&
        ['critical', 'error', 'warning', 'info'].includes(String(payload?.severity));
      const ok = keyed && (trigger || event.event_action === 'acknowledge' || event.event_action === 'resolve');
      return ok
        ? { status: 202, body: JSON.stringify({ status: 'success', dedup_key: event.dedup_key }) }
        : { status: 400, body: JSON.stringify({ status: 'invalid event' }) };
    });
    // A Standard Webhooks receiver verifies the signature with the specification's own library.
    const verifier = new Webhook(WEBHOOK_SECRET);
    hook = await receiver((hit) => {
      try {
        verifier.verify(hit.body, hit.headers as Record<string, string>);
        verifiedWebhookIds.push(String(hit.headers['webhook-id']));
        return { status: 204 };
      } catch {
        return { status: 400 };
      }
    });

    dir = await freshDataDir('firebreak-paging-');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      adminToken: 'paging-e2e-admin-token',
      logger: pino({ level: 'silent' }),
      now: () => new Date(clock),
      escalationEveryMs: 100,
      notifications: { pollMs: 50 },
      channels: {
        email: { host: '127.0.0.1', port: smtpPort, from: 'Firebreak <firebreak@example.com>' },
        slack: { webhookUrl: `${slack.url}/services/T000/B000/XXXX` },
        pagerduty: { routingKey: 'R0UT1NGKEY0000000000000000000000', eventsUrl: `${pagerduty.url}/v2/enqueue` },
        webhook: { url: `${hook.url}/hooks/firebreak`, secret: WEBHOOK_SECRET },
      },
    });
    client = new FirebreakClient({ baseUrl: server.url, token: 'paging-e2e-admin-token' });
    const parsed = parseYamlFile(FirebreakConfig, await readFile(EXAMPLE, 'utf8'), 'firebreak.yaml', '');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const { systems, rules, people, teams, schedules, overrides, notifications } = parsed.value;
    await client.applySystems(systems, rules, { people, teams, schedules, overrides, notifications });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await Promise.all([slack.close(), pagerduty.close(), hook.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the whole path', async () => {
    // Thirty answers over the last half hour, one with candidate PII in it: the rule pii-leak declares a SEV1.
    const events = Array.from({ length: 30 }, (_, m) => ({
      system: 'hiring-screener',
      ts: new Date(START - (30 - m) * MIN).toISOString(),
      id: `e2e-${m}`,
      flags: { pii: m === 25 },
    }));
    await client.sendTelemetry(events);
    clock += MIN;
    const incident = await until(
      'the SEV1',
      async () => (await client.listIncidents({ severity: 'SEV1' })).incidents[0],
    );
    const declaredSeen = Date.now();
    expect(incident).toMatchObject({ type: 'privacy_leak', systems: ['hiring-screener'] });

    // The on-call person (Priya Nair) by mail, Slack and the webhook, and the pager, within 5 s.
    const onCall = (await client.onCall({ schedule: 'talent-ai-oncall' })).onCall[0]!;
    const directory = (await client.directory()).directory;
    const responder = directory.people.find((person) => person.id === onCall.person)!;
    const page = await until('the page by mail', () =>
      mails.find(({ mail }) => addressOf(mail) === responder.email && mail.subject?.includes('Page')),
    );
    const slackPage = await until('the page on Slack', () =>
      slack.hits.find((hit) => hit.body.includes(responder.name)),
    );
    const webhookPage = await until('the signed webhook', () => hook.hits[0]);
    const pagerPage = await until('the PagerDuty trigger', () => pagerduty.hits[0]);
    const latency = Math.max(page.at, slackPage.at, webhookPage.at, pagerPage.at) - declaredSeen;
    expect(latency).toBeLessThan(5_000);
    expect(page.mail.subject).toBe(`[SEV1] Page: ${incident.id} ${incident.title}`);
    expect(page.mail.text).toContain('Acknowledge');
    expect(page.mail.html).toBeTruthy();
    expect(verifiedWebhookIds).toHaveLength(1);

    // Leadership by mail, once the matrix's 15 minutes are up.
    clock += 15 * MIN;
    await until('leadership by mail', () => mails.find(({ mail }) => addressOf(mail) === 'lena.hoffmann@example.com'));

    // Nobody acknowledged: the policy started with the page (step 1), step 2 (the whole team)
    // fired at 10 minutes, and the SEV1's 15-minute deadline escalated again, starting the
    // policy's repeat and telling leadership.
    const escalated = await until('the escalations', async () => {
      const entries = (await client.timeline(incident.id)).entries.filter((entry) => entry.kind === 'escalated');
      return entries.length >= 3 ? entries : undefined;
    });
    const fired = escalated.map(({ payload: p }) => [p.pass, p.step, p.reason, p.leadership]);
    expect(fired).toEqual([
      [0, 1, 'step', false],
      [0, 2, 'step', false],
      [1, 1, 'acknowledge_deadline_missed', true],
    ]);
    const team = directory.teams
      .find((candidate) => candidate.id === 'talent-ai')!
      .members.filter((id) => id !== responder.id);
    const teammate = directory.people.find((person) => person.id === team[0])!;
    await until('the team escalated to by mail', () =>
      mails.find(({ mail }) => addressOf(mail) === teammate.email && mail.subject?.includes('Escalation')),
    );

    // The on-call person acknowledges from the mail: the link opens a page with a button; the button acknowledges as them.
    const link = /https?:\/\/[^\s"<>]+\/ack\?token=[A-Za-z0-9._-]+/.exec(page.mail.text ?? '')?.[0];
    expect(link).toBeDefined();
    const confirm = await fetch(link!);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain(`Acknowledge as ${responder.name}`);
    const token = new URL(link!).searchParams.get('token')!;
    const form = { method: 'POST', body: new URLSearchParams({ token }) };
    const acknowledged = await fetch(`${server.url}/ack`, form);
    expect(acknowledged.status).toBe(200);
    expect(await acknowledged.text()).toContain('Escalation has stopped');
    const after = await client.getIncident(incident.id);
    expect(after.response).toMatchObject({ acknowledgedBy: responder.name });
    // The link works once.
    expect((await fetch(`${server.url}/ack`, form)).status).toBe(409);
    // PagerDuty hears it too, on the incident's dedup key, so its own escalation stops.
    const pdAck = await until('the PagerDuty acknowledge', () =>
      pagerduty.hits.find((hit) => JSON.parse(hit.body).event_action === 'acknowledge'),
    );
    expect(JSON.parse(pdAck.body).dedup_key).toBe(JSON.parse(pagerPage.body).dedup_key);

    // Twenty more minutes without containment's one hour passing: no further step fires.
    const before = (await client.timeline(incident.id)).entries.filter((entry) => entry.kind === 'escalated').length;
    clock += 20 * MIN;
    await new Promise((resolve) => setTimeout(resolve, 600));
    const later = (await client.timeline(incident.id)).entries.filter((entry) => entry.kind === 'escalated').length;
    expect(later).toBe(before);

    // The SEV1 owes a status update every 30 minutes and none was posted: the update clock shows
    // it overdue, and the comms lead, once named, is reminded by mail.
    expect((await client.getIncident(incident.id)).updates).toMatchObject({ overdue: true });
    await client.assignRole(incident.id, { role: 'comms_lead', person: teammate.name });
    await until('the comms lead reminded', () =>
      mails.find(({ mail }) => addressOf(mail) === teammate.email && mail.text?.includes('status update')),
    );

    // Every delivery is on the timeline, and the panel lists them all delivered.
    const listed = await client.incidentNotifications(incident.id);
    expect(listed.notifications.length).toBeGreaterThan(5);
    await until(
      'every notification delivered',
      async () =>
        (await client.incidentNotifications(incident.id)).notifications.every((n) => n.status === 'delivered') ||
        undefined,
    );
    const total = (await client.incidentNotifications(incident.id)).notifications.length;
    // Once each: a delivery made twice (at least once, after a lease ran out) is recorded once.
    const recorded = await until('every delivery on the timeline', async () => {
      const entries = (await client.timeline(incident.id)).entries.filter((e) => e.kind === 'notification_delivered');
      return entries.length >= total ? entries : undefined;
    });
    expect(new Set(recorded.map((entry) => entry.payload.notification)).size).toBe(recorded.length);
  }, 90_000);
});

describe('a page-level alert no triage rule turns into an incident pages on-call, escalates, and is acknowledged from the mail', () => {
  let clock = START;
  let dir: string;
  let server: RunningServer;
  let client: FirebreakClient;
  let smtp: SMTPServer;
  const mails: Array<{ at: number; mail: ParsedMail }> = [];
  let slack: Awaited<ReturnType<typeof receiver>>;
  let pagerduty: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    smtp = await mailCatcher(mails);
    slack = await receiver((hit) => {
      const body = JSON.parse(hit.body) as { text?: unknown; blocks?: unknown };
      return typeof body.text === 'string' && Array.isArray(body.blocks)
        ? { status: 200, body: 'ok' }
        : { status: 400 };
    });
    pagerduty = await receiver((hit) => ({
      status: 202,
      body: JSON.stringify({ status: 'success', dedup_key: JSON.parse(hit.body).dedup_key }),
    }));
    dir = await freshDataDir('firebreak-alert-page-');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      adminToken: 'alert-page-admin-token',
      logger: pino({ level: 'silent' }),
      now: () => new Date(clock),
      escalationEveryMs: 100,
      notifications: { pollMs: 50 },
      channels: {
        email: {
          host: '127.0.0.1',
          port: (smtp.server.address() as AddressInfo).port,
          from: 'Firebreak <f@example.com>',
        },
        slack: { webhookUrl: `${slack.url}/services/T000/B000/XXXX` },
        pagerduty: { routingKey: 'R0UT1NGKEY0000000000000000000000', eventsUrl: `${pagerduty.url}/v2/enqueue` },
      },
    });
    client = new FirebreakClient({ baseUrl: server.url, token: 'alert-page-admin-token' });
    const parsed = parseYamlFile(FirebreakConfig, await readFile(EXAMPLE, 'utf8'), 'firebreak.yaml', '');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const { systems, people, teams, schedules, overrides, notifications } = parsed.value;
    // No triage rule at all, and page-level alerts page by mail too (the default row is pager and Slack).
    const matrix = {
      ...notifications?.matrix,
      alert_page: [{ audience: 'on_call', channels: ['pagerduty', 'slack', 'email'], page: true }],
    };
    await client.applySystems(systems, [], {
      people,
      teams,
      schedules,
      overrides,
      notifications: { ...notifications, matrix } as never,
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await Promise.all([slack.close(), pagerduty.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the whole path', async () => {
    const events = Array.from({ length: 30 }, (_, m) => ({
      system: 'hiring-screener',
      ts: new Date(START - (30 - m) * MIN).toISOString(),
      id: `alert-${m}`,
      flags: { pii: m === 25 },
    }));
    await client.sendTelemetry(events);
    clock += MIN;
    const alert = await until('the page-level alert', async () =>
      (await client.listAlerts({ system: 'hiring-screener' })).alerts.find((a) => a.level === 'page'),
    );
    expect(alert.incidentId).toBeNull();
    expect((await client.listIncidents()).incidents).toHaveLength(0);

    // The on-call person is paged about the alert itself: mail, Slack and the pager.
    const onCall = (await client.onCall({ schedule: 'talent-ai-oncall' })).onCall[0]!;
    const directory = (await client.directory()).directory;
    const responder = directory.people.find((person) => person.id === onCall.person)!;
    const page = await until('the alert page by mail', () =>
      mails.find(({ mail }) => addressOf(mail) === responder.email && mail.subject?.startsWith('[ALERT] Page')),
    );
    expect(page.mail.subject).toContain(`${alert.id} `);
    expect(page.mail.headers.get('x-firebreak-alert')).toBe(alert.id);
    expect(page.mail.text).toContain('No triage rule declared an incident from it');
    await until('the alert page on Slack', () => slack.hits.find((hit) => hit.body.includes(alert.id)));
    const trigger = await until('the PagerDuty trigger', () => pagerduty.hits[0]);
    expect(JSON.parse(trigger.body)).toMatchObject({
      event_action: 'trigger',
      dedup_key: `firebreak/${alert.id}`,
      payload: { severity: 'error', source: 'hiring-screener' },
    });

    // Ten minutes without an acknowledgement: the policy's second step reaches the whole team.
    clock += 11 * MIN;
    const teammate = directory.people.find(
      (person) =>
        person.id !== responder.id &&
        directory.teams.find((team) => team.id === 'talent-ai')!.members.includes(person.id),
    )!;
    await until('the team escalated to by mail', () =>
      mails.find(({ mail }) => addressOf(mail) === teammate.email && mail.subject?.startsWith('[ALERT] Escalation')),
    );

    // The on-call person acknowledges from the mail: it acknowledges the alert as them.
    const link = /https?:\/\/[^\s"<>]+\/ack\?token=[A-Za-z0-9._-]+/.exec(page.mail.text ?? '')?.[0];
    expect(link).toBeDefined();
    const confirm = await fetch(link!);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain(`Acknowledge ${alert.id}?`);
    const token = new URL(link!).searchParams.get('token')!;
    const acknowledged = await fetch(`${server.url}/ack`, { method: 'POST', body: new URLSearchParams({ token }) });
    expect(acknowledged.status).toBe(200);
    expect(await acknowledged.text()).toContain(`Acknowledged as ${responder.name}`);
    expect((await client.getAlert(alert.id)).acknowledged).toMatchObject({ by: responder.name });
    const pdAck = await until('the PagerDuty acknowledge', () =>
      pagerduty.hits.find((hit) => JSON.parse(hit.body).event_action === 'acknowledge'),
    );
    expect(JSON.parse(pdAck.body).dedup_key).toBe(`firebreak/${alert.id}`);

    // The alert's notifications are listed like an incident's: the page, the pager, the escalation.
    const listed = (await client.request('GET', `/api/v1/alerts/${alert.id}/notifications`)) as {
      notifications: Array<{ kind: string; channel: string; audience: string }>;
    };
    expect(listed.notifications.map((n) => `${n.kind}:${n.channel}`)).toEqual(
      expect.arrayContaining(['page:email', 'page:pagerduty', 'escalation:email', 'acknowledged:pagerduty']),
    );
    expect(
      (
        await fetch(`${server.url}/api/v1/alerts/ALR-999/notifications`, {
          headers: { authorization: 'Bearer alert-page-admin-token' },
        })
      ).status,
    ).toBe(404);

    // Acknowledged: the escalation stops.
    const escalations = () => mails.filter(({ mail }) => mail.subject?.startsWith('[ALERT] Escalation')).length;
    // What the step queued before the acknowledgement may still be on its way: wait for it.
    let before = -1;
    while (escalations() !== before) {
      before = escalations();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    clock += 30 * MIN;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(escalations()).toBe(before);
  }, 90_000);
});

function addressOf(mail: ParsedMail): string | undefined {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address;
}

describe('a receiver that fails', () => {
  let dir: string;
  let server: RunningServer;
  let client: FirebreakClient;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let answer = 503;

  beforeAll(async () => {
    hook = await receiver(() => ({ status: answer }));
    dir = await freshDataDir('firebreak-failing-');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      adminToken: 'failing-receiver-admin-token',
      logger: pino({ level: 'silent' }),
      notifications: { pollMs: 20, retry: { baseMs: 10, capMs: 20, maxAttempts: 3 } },
      deliveryPolicy: { maxAttempts: 1, timeoutMs: 2_000 },
      channels: { webhook: { url: `${hook.url}/hook`, secret: WEBHOOK_SECRET } },
    });
    client = new FirebreakClient({ baseUrl: server.url, token: 'failing-receiver-admin-token' });
    await client.applySystems([], undefined, {
      people: [{ id: 'dana', name: 'Dana Reyes', timeZone: 'Europe/Berlin' }],
      notifications: {
        matrix: { SEV3: [{ audience: 'leadership', channels: ['webhook'] }] },
        audiences: { leadership: [{ person: 'dana' }] },
      },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await hook.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is retried, then marked failed and shown, and sent again on request; the incident is never held up', async () => {
    const started = Date.now();
    const incident = await client.declareIncident({
      title: 'Drift',
      type: 'model_degradation',
      severity: 'SEV3',
      systems: ['x'],
    });
    // The incident's own write did not wait on the receiver.
    expect(Date.now() - started).toBeLessThan(2_000);
    const failed = await until('the notification failed', async () => {
      const [row] = (await client.incidentNotifications(incident.id)).notifications;
      return row?.status === 'failed' ? row : undefined;
    });
    expect(failed).toMatchObject({ attempts: 3, channel: 'webhook', recipientName: 'Dana Reyes' });
    expect(failed.lastError).toContain('503');
    expect(hook.hits).toHaveLength(3);
    const entry = await until('the failure on the timeline', async () =>
      (await client.timeline(incident.id)).entries.find((e) => e.kind === 'notification_failed'),
    );
    expect(entry.payload).toMatchObject({ recipientName: 'Dana Reyes', final: true, attempts: 3 });

    answer = 204;
    await expect(client.retryNotification(incident.id, failed.id)).resolves.toMatchObject({
      status: 'pending',
      attempts: 0,
    });
    await until('delivered after the retry', async () => {
      const [row] = (await client.incidentNotifications(incident.id)).notifications;
      return row?.status === 'delivered' || undefined;
    });
    await expect(client.retryNotification(incident.id, failed.id)).rejects.toMatchObject({ status: 409 });
    await expect(client.retryNotification(incident.id, 999)).rejects.toMatchObject({ status: 404 });
  }, 60_000);
});
