import { StatusSummary } from '@firebreak/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../audit/store';
import { copilotCard } from '../controls/fixtures';
import { forwardedAddress } from '../intake/limits';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

const MIN = 60_000;

/** Text that lives only inside Firebreak: none of it may reach a public output. */
const INTERNAL = {
  title: 'Tenant filter bypass in copilot retrieval',
  summary: 'Retrieval index returned tickets of tenant 4411 to tenant 9020.',
  internalUpdate: 'Suspect the v7 prompt template; Sam is replaying the failing inputs.',
  draft: 'DRAFT customer text nobody approved: we are rolling back everything.',
  decision: 'Kill auto-send while the filter is patched.',
  note: 'Pager went to the wrong rotation first.',
  evidence: 'Answer quoting order 4411 to the wrong tenant',
};

const people = [
  { id: 'dana-reyes', name: 'Dana Reyes', email: 'dana.reyes@example.com', timeZone: 'Europe/Berlin' },
  { id: 'lee-park', name: 'Lee Park', email: 'lee.park@example.com', timeZone: 'America/New_York' },
];

const statusPage = {
  title: 'Acme AI status',
  description: 'How our AI features are doing.',
  components: [
    {
      id: 'support-assistant',
      name: 'Support assistant',
      description: 'Answers questions in the help centre.',
      systems: ['support-copilot'],
    },
    { id: 'smart-search', name: 'Smart search' },
  ],
};

const fraudCard = { ...copilotCard, id: 'fraud-model', name: 'Fraud model', owner: 'risk-ml' };

describe.each(STORE_TARGETS)('the public status page on $name', (target) => {
  let h: Harness;
  let incident: string;
  let lee: string;
  let published: string;
  let draft: string;
  let internal: string;

  const publicOutputs = async () => {
    const [page, summary, feed] = await Promise.all([
      h.call('GET', '/status', { token: null }),
      h.call('GET', '/status.json', { token: null }),
      h.call('GET', '/status/feed.atom', { token: null }),
    ]);
    return { page, summary, feed, text: [page.body, JSON.stringify(summary.body), feed.body].join('\n') };
  };
  const update = (audience: string, text: string) =>
    h.call('POST', `/api/v1/incidents/${incident}/status-updates`, {
      body: {
        audience,
        whatHappened: text,
        impact: `${audience} impact: some answers in the help centre were wrong.`,
        currentStatus: `${audience} status: the assistant is answering from a safe template.`,
        nextSteps: `${audience} next: verify the fix on yesterday's questions.`,
      },
    });
  const publish = (updateId: string, body: Record<string, unknown>, token?: string) =>
    h.call('POST', `/api/v1/incidents/${incident}/status-updates/${updateId}/publish`, {
      body,
      ...(token ? { token } : {}),
    });

  beforeAll(async () => {
    h = await harness(target);
    const applied = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [copilotCard, fraudCard], directory: { people, statusPage } },
    });
    expect(applied.body.error?.message ?? 'ok').toBe('ok');
    lee = (await h.call('POST', '/api/v1/tokens', { token: h.tokens.admin, body: { name: 'lee', role: 'responder' } }))
      .body.token;
    incident = (
      await h.call('POST', '/api/v1/incidents', {
        body: declareBody({ title: INTERNAL.title, summary: INTERNAL.summary }),
      })
    ).body.id;
    for (const [role, person] of [
      ['incident_commander', 'Dana Reyes'],
      ['comms_lead', 'Lee Park'],
    ])
      expect((await h.call('POST', `/api/v1/incidents/${incident}/roles`, { body: { role, person } })).status).toBe(
        200,
      );
    await h.call('POST', `/api/v1/incidents/${incident}/decisions`, {
      body: { observation: INTERNAL.summary, decision: INTERNAL.decision },
    });
    await h.call('POST', `/api/v1/incidents/${incident}/evidence`, {
      body: { kind: 'model_output', title: INTERNAL.evidence, content: 'order 4411' },
    });
    internal = (await update('internal', INTERNAL.internalUpdate)).body.id;
    h.advance(5 * MIN);
    published = (await update('customer', 'Some help-centre answers quoted the wrong refund period.')).body.id;
    draft = (await update('customer', INTERNAL.draft)).body.id;
  });
  afterAll(() => h.close());

  it('answers without a token before anything is published: components operational, no incidents', async () => {
    const { page, summary, feed } = await publicOutputs();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('<h1>Acme AI status</h1>');
    expect(page.body).toContain('All systems operational');
    expect(summary.status).toBe(200);
    expect(StatusSummary.parse(summary.body)).toMatchObject({
      page: { title: 'Acme AI status', description: 'How our AI features are doing.' },
      status: { indicator: 'operational' },
      components: [
        { id: 'support-assistant', status: 'operational' },
        { id: 'smart-search', status: 'operational', description: null },
      ],
      incidents: [],
    });
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(feed.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(feed.body).not.toContain('<entry>');
  });

  it('publishes a customer update only when the comms lead approves it', async () => {
    const byCommander = await publish(published, { title: 'Wrong answers about refunds' });
    expect(byCommander.status).toBe(403);
    expect(byCommander.body.error.message).toContain('only the comms lead');
    expect(byCommander.body.error.message).toContain('Lee Park');
    const internalOne = await publish(internal, { title: 'x' }, lee);
    expect(internalOne.status).toBe(400);
    expect(internalOne.body.error.message).toContain('only customer updates');
    const untitled = await publish(published, {}, lee);
    expect(untitled.status).toBe(400);
    expect(untitled.body.error.details.fields ?? untitled.body.error.message).toBeTruthy();
    expect(untitled.body.error.message).toContain('title');
    const unknown = await publish(published, { title: 'x', components: ['nope'] }, lee);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('components[0]: no component nope');

    h.advance(MIN);
    const ok = await publish(
      published,
      { title: 'Wrong answers about refunds', states: [{ component: 'support-assistant', state: 'partial_outage' }] },
      lee,
    );
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      updateId: published,
      incidentId: incident,
      title: 'Wrong answers about refunds',
      components: ['support-assistant'],
      publishedBy: 'lee',
      approvedAs: 'comms_lead',
    });
    expect((await publish(published, {}, lee)).status).toBe(409);

    const timeline = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries;
    expect(timeline.at(-1)).toMatchObject({
      kind: 'status_update_published',
      actor: 'lee',
      payload: { updateId: published, approvedAs: 'comms_lead', states: [{ component: 'support-assistant' }] },
    });
    expect((await h.call('GET', `/api/v1/incidents/${incident}/timeline/verify`)).body.intact).toBe(true);
  });

  it('shows the approved update, its component state and the next update time, and never the draft', async () => {
    const { page, summary, feed } = await publicOutputs();
    const body = StatusSummary.parse(summary.body);
    expect(body.status).toEqual({ indicator: 'partial_outage', description: 'Partial outage' });
    expect(body.components[0]).toMatchObject({ id: 'support-assistant', status: 'partial_outage' });
    expect(body.incidents).toHaveLength(1);
    const [shown] = body.incidents;
    expect(shown).toMatchObject({
      name: 'Wrong answers about refunds',
      status: 'investigating',
      components: ['support-assistant'],
      resolvedAt: null,
    });
    expect(shown!.updates).toHaveLength(1);
    // SEV1 owes an update every 30 minutes: the page promises the next by then.
    expect(shown!.updates[0]!.nextUpdateBy).toBe(new Date(h.now().getTime() + 30 * MIN).toISOString());
    expect(page.body).toContain('Wrong answers about refunds');
    expect(page.body).toContain('Some help-centre answers quoted the wrong refund period.');
    expect(page.body).toContain('Partial outage');
    expect(page.body).toContain('Next update by');
    expect(feed.body).toContain('<title type="html"><![CDATA[Wrong answers about refunds: Investigating]]></title>');
    for (const text of [page.body, JSON.stringify(summary.body), feed.body]) expect(text).not.toContain('DRAFT');
  });

  it('leaks nothing internal into the page, the JSON or the feed', async () => {
    await h.call('POST', `/api/v1/incidents/${incident}/notes`, { body: { text: INTERNAL.note } });
    const { text } = await publicOutputs();
    for (const secret of [
      ...Object.values(INTERNAL),
      incident,
      published,
      draft,
      internal,
      'support-copilot',
      'fraud-model',
      'auto-send',
      'Dana Reyes',
      'Lee Park',
      'dana',
      'lee',
      '@example.com',
      'SEV1',
      'privacy_leak',
      'comms_lead',
      'internal impact',
    ])
      expect(text, secret).not.toContain(secret);
  });

  it('lets the incident commander approve when no comms lead is seated', async () => {
    expect(
      (await h.call('POST', `/api/v1/incidents/${incident}/roles`, { body: { role: 'comms_lead', person: null } }))
        .status,
    ).toBe(200);
    h.advance(MIN);
    const byDana = await publish(draft, {});
    expect(byDana.status).toBe(201);
    expect(byDana.body).toMatchObject({ approvedAs: 'incident_commander', title: 'Wrong answers about refunds' });
    const { summary } = await publicOutputs();
    expect(summary.body.incidents[0].updates.map((u: { whatHappened: string }) => u.whatHappened)).toEqual([
      INTERNAL.draft,
      'Some help-centre answers quoted the wrong refund period.',
    ]);
  });

  it('sets component states with a reason, audited, and refuses bad input naming the field', async () => {
    const set = (id: string, body: unknown, token?: string) =>
      h.call('PUT', `/api/v1/status-page/components/${id}`, { body, ...(token ? { token } : {}) });
    expect((await set('smart-search', { state: 'sideways', reason: 'x' })).body.error.message).toContain('state');
    expect((await set('smart-search', { state: 'degraded_quality' })).body.error.message).toContain('reason');
    const missing = await set('no-such', { state: 'major_outage', reason: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('support-assistant, smart-search');
    expect((await set('Bad Id', { state: 'major_outage', reason: 'x' })).status).toBe(400);
    expect((await set('smart-search', { state: 'major_outage', reason: 'x' }, h.tokens.viewer)).status).toBe(403);
    const ok = await set('smart-search', { state: 'degraded_quality', reason: 'Ranking model slow to warm up' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      id: 'smart-search',
      state: 'degraded_quality',
      shown: 'degraded_quality',
      setBy: 'dana',
    });
    expect((await set('smart-search', { state: 'degraded_quality', reason: 'again' })).status).toBe(409);
    const audit = (await readAudit(h.store.db)).filter((row) => row.action === 'status_component.set');
    expect(audit.at(-1)).toMatchObject({
      actor: 'dana',
      subject: 'smart-search',
      payload: { from: 'operational', to: 'degraded_quality', reason: 'Ranking model slow to warm up' },
    });
    const { page, text } = await publicOutputs();
    expect(page.body).toContain('Degraded quality');
    expect(text).not.toContain('Ranking model slow to warm up');
    expect((await set('smart-search', { state: 'operational', reason: 'Warmed up' })).status).toBe(200);
  });

  it('schedules maintenance: announced before, shown as maintenance during, gone when cancelled', async () => {
    const start = new Date(h.now().getTime() + 60 * MIN).toISOString();
    const end = new Date(h.now().getTime() + 120 * MIN).toISOString();
    const schedule = (body: Record<string, unknown>) => h.call('POST', '/api/v1/status-page/maintenance', { body });
    const window = { title: 'Search index rebuild', description: 'Search may be slow.', components: ['smart-search'] };
    const backwards = await schedule({ ...window, startsAt: end, endsAt: start });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toContain('endsAt');
    expect(
      (await schedule({ ...window, components: ['nope'], startsAt: start, endsAt: end })).body.error.message,
    ).toContain('components[0]');
    const created = await schedule({ ...window, startsAt: start, endsAt: end });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^MNT-\d+$/);
    let summary = StatusSummary.parse((await h.call('GET', '/status.json', { token: null })).body);
    expect(summary.scheduledMaintenances).toEqual([
      expect.objectContaining({ name: 'Search index rebuild', status: 'scheduled', components: ['smart-search'] }),
    ]);
    expect(summary.components[1]!.status).toBe('operational');
    h.advance(61 * MIN);
    summary = StatusSummary.parse((await h.call('GET', '/status.json', { token: null })).body);
    expect(summary.scheduledMaintenances[0]!.status).toBe('in_progress');
    expect(summary.components[1]!.status).toBe('maintenance');
    // An outage outranks maintenance: the worse news is shown.
    expect(summary.components[0]!.status).toBe('partial_outage');
    const cancel = await h.call('POST', `/api/v1/status-page/maintenance/${created.body.id}/cancel`, {
      body: { reason: 'Rebuild finished early' },
    });
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ cancelledBy: 'dana', cancelReason: 'Rebuild finished early' });
    summary = StatusSummary.parse((await h.call('GET', '/status.json', { token: null })).body);
    expect(summary.scheduledMaintenances).toEqual([]);
    expect(summary.components[1]!.status).toBe('operational');
  });

  it('moves a resolved incident to past incidents, with no next update promised', async () => {
    expect((await h.call('POST', `/api/v1/incidents/${incident}/acknowledge`, { body: {} })).status).toBe(200);
    const resolved = await h.call('POST', `/api/v1/incidents/${incident}/transition`, {
      token: h.tokens.admin,
      body: { status: 'resolved', reason: 'Filter patched and verified' },
    });
    expect(resolved.status).toBe(200);
    const summary = StatusSummary.parse((await h.call('GET', '/status.json', { token: null })).body);
    expect(summary.incidents).toEqual([]);
    expect(summary.pastIncidents).toHaveLength(1);
    expect(summary.pastIncidents[0]).toMatchObject({ status: 'resolved', resolvedAt: h.now().toISOString() });
    expect(summary.pastIncidents[0]!.updates.every((u) => u.nextUpdateBy === null)).toBe(true);
    // A finished incident is a record: nothing more is published on it.
    expect((await publish(published, {}, lee)).status).toBe(409);
  });

  it('keeps the whole store verifiable: publications and state changes on the chains', async () => {
    const report = (await h.call('GET', '/api/v1/verify', { token: h.tokens.admin })).body;
    expect(report).toMatchObject({ intact: true, problems: [] });
  });

  it('is cacheable: Cache-Control, an ETag, and 304 for a copy still fresh', async () => {
    const first = await h.call('GET', '/status.json', { token: null });
    expect(first.headers.get('cache-control')).toBe('public, max-age=30, stale-while-revalidate=30');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await h.call('GET', '/status.json', { token: null, headers: { 'if-none-match': tag! } });
    expect(again.status).toBe(304);
    const page = await h.call('GET', '/status', { token: null });
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});

describe.each(STORE_TARGETS.slice(0, 1))('the status page under load on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target, { rateLimits: { statusPageRequestsPerMinute: 3 } });
  });
  afterAll(() => h.close());

  it('rate-limits readers by address with a 429 and Retry-After, and leaves the API alone', async () => {
    for (let i = 0; i < 3; i++) expect((await h.call('GET', '/status', { token: null })).status).toBe(200);
    const refused = await h.call('GET', '/status', { token: null });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body).toContain('Too many requests');
    const json = await h.call('GET', '/status.json', { token: null });
    expect(json.status).toBe(429);
    expect(json.body.error.code).toBe('rate_limited');
    expect((await h.call('GET', '/api/v1/status-page')).status).toBe(200);
  });
});

describe.each(STORE_TARGETS.slice(0, 1))('the status page behind a trusted proxy on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target, {
      rateLimits: { statusPageRequestsPerMinute: 2 },
      intake: { limits: { trustProxy: true } },
    });
  });
  afterAll(() => h.close());

  it('counts each reader by the last X-Forwarded-For hop, so one reader behind the proxy cannot lock out the rest', async () => {
    const from = (chain: string) =>
      h.call('GET', '/status.json', { token: null, headers: { 'x-forwarded-for': chain } });
    expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(429);
    // A client cannot dodge the count by writing hops of its own in front of the proxy's.
    expect((await from('198.51.100.1, 203.0.113.7')).status).toBe(429);
    expect((await from('203.0.113.8')).status).toBe(200);
    // An IPv6 host is counted by its /64.
    expect((await from('2001:db8:1:2::1')).status).toBe(200);
    expect((await from('2001:db8:1:2::ffff')).status).toBe(200);
    expect((await from('2001:db8:1:2:abcd::1')).status).toBe(429);
    // A port a proxy appends is not a new reader; a hop that is not an address is ignored.
    expect((await from('203.0.113.9:40001')).status).toBe(200);
    expect((await from('203.0.113.9:40002')).status).toBe(200);
    expect((await from('203.0.113.9:40003')).status).toBe(429);
    expect((await from('[2001:db8:9::1]:443')).status).toBe(200);
  });

  it('reads the last hop as a bare address, or not at all', () => {
    expect(forwardedAddress('198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
    expect(forwardedAddress('203.0.113.7:51234')).toBe('203.0.113.7');
    expect(forwardedAddress('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(forwardedAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(forwardedAddress('unknown')).toBeUndefined();
    expect(forwardedAddress('')).toBeUndefined();
    expect(forwardedAddress(undefined)).toBeUndefined();
  });

  it('behind two proxies, reads the second hop from the right: the address the first proxy saw', () => {
    // The client wrote its own first entry; the CDN appended the client, the load balancer the CDN.
    expect(forwardedAddress('10.9.9.9, 198.51.100.23, 203.0.113.50', 2)).toBe('198.51.100.23');
    // Fewer entries than proxies (the request skipped one): the first entry is the best there is.
    expect(forwardedAddress('198.51.100.23', 2)).toBe('198.51.100.23');
  });
});
