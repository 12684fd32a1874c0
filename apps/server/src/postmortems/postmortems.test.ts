import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLLOW_UP_ACTOR, runFollowUps } from '../actions/follow-up';
import { systemCtx } from '../context';
import { copilotCard } from '../controls/fixtures';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

const people = [
  { id: 'dana-reyes', name: 'Dana Reyes', email: 'dana@example.com', timeZone: 'Europe/Berlin' },
  { id: 'sam-okafor', name: 'Sam Okafor', email: 'sam@example.com', timeZone: 'Europe/London' },
  { id: 'lee-park', name: 'Lee Park', email: 'lee@example.com', timeZone: 'America/New_York' },
];

describe.each(STORE_TARGETS)('postmortems and actions on $name', (target) => {
  let h: Harness;
  let id: string;
  beforeAll(async () => {
    h = await harness(target);
    const applied = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [copilotCard], directory: { people } },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    // Ten minutes of quiet answers, then a PII hit: what the README tour sends.
    const start = h.now().getTime() - 20 * 60_000;
    const events = Array.from({ length: 40 }, (_, i) => ({
      system: 'support-copilot',
      ts: new Date(start + i * 15_000).toISOString(),
      id: `evt-${i}`,
      confidence: 0.9,
      flags: { pii: i === 30 },
    }));
    const sent = await h.call('POST', '/api/v1/telemetry', { body: events });
    expect(sent.status).toBe(202);
    h.advance(60_000);
    id = (
      await h.call('POST', '/api/v1/incidents', {
        body: declareBody({ onsetAt: new Date(start + 30 * 15_000).toISOString() }),
      })
    ).body.id;
    h.advance(60_000);
    await h.call('POST', `/api/v1/incidents/${id}/acknowledge`, { body: {} });
    await h.call('POST', `/api/v1/incidents/${id}/roles`, {
      body: { role: 'incident_commander', person: 'Dana Reyes' },
    });
    await h.call('POST', `/api/v1/incidents/${id}/roles`, { body: { role: 'tech_lead', person: 'Sam Okafor' } });
    h.advance(5 * 60_000);
    await h.call('POST', `/api/v1/incidents/${id}/decisions`, {
      body: {
        observation: 'Answers quote another customer’s order number.',
        hypothesis: 'The retrieval index mixes tenants since the 10:00 rebuild.',
        decision: 'Kill auto-send; roll the index back.',
      },
    });
    const isolated = await h.call('POST', `/api/v1/incidents/${id}/isolated`, {
      body: { cause: 'The index rebuild dropped the tenant filter.' },
    });
    expect(isolated.status).toBe(200);
    expect(isolated.body.metrics.isolatedAt).toBe(h.now().toISOString());
    h.advance(60_000);
    const killed = await h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      body: { enabled: false, reason: 'Leaking answers', incident: id },
    });
    expect(killed.status, JSON.stringify(killed.body)).toBe(200);
    await h.call('POST', `/api/v1/incidents/${id}/transition`, {
      body: { status: 'contained', reason: 'auto-send off' },
    });
    await h.call('POST', `/api/v1/incidents/${id}/status-updates`, {
      body: {
        audience: 'internal',
        whatHappened: 'PII leaked in answers',
        impact: 'About 12 customer conversations showed another customer’s order.',
        currentStatus: 'Contained',
        nextSteps: 'Roll the index back',
      },
    });
    h.advance(30 * 60_000);
    await h.call('POST', `/api/v1/incidents/${id}/transition`, {
      body: { status: 'resolved', reason: 'Index rolled back and verified' },
    });
  });
  afterAll(() => h.close());

  const pm = (path = '') => `/api/v1/incidents/${id}/postmortem${path}`;

  it('refuses to close a SEV1 before its postmortem is published and its residual risk accepted', async () => {
    const check = await h.call('GET', `/api/v1/incidents/${id}/close-check`);
    expect(check.body).toMatchObject({ ready: false, required: true, postmortem: null });
    const closed = await h.call('POST', `/api/v1/incidents/${id}/transition`, { body: { status: 'closed' } });
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toMatch(/needs a SEV1 needs a published postmortem|published postmortem/);
    expect(closed.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual([
      'postmortem',
      'residual_risk',
    ]);
  });

  it('drafts a postmortem with the timeline, figures and factors from the incident’s own data', async () => {
    const starred = await h.call('POST', `/api/v1/incidents/${id}/timeline/1/key`, { body: { key: true } });
    expect(starred.body).toEqual({ incidentId: id, seq: 1, key: true });
    const drafted = await h.call('POST', pm(), { body: {} });
    expect(drafted.status).toBe(201);
    const draft = drafted.body;
    expect(draft).toMatchObject({
      status: 'draft',
      owner: 'dana-reyes',
      ownerName: 'Dana Reyes',
      template: 'standard',
    });
    // Ten business days after resolution.
    expect(new Date(draft.dueAt).getTime() - h.now().getTime()).toBeGreaterThanOrEqual(13 * 86_400_000);
    const section = (name: string) => draft.sections.find((s: { id: string }) => s.id === name);
    const moments = section('timeline').moments;
    expect(moments[0]).toMatchObject({ kind: 'declared', key: true });
    expect(moments.map((m: { kind: string }) => m.kind)).toEqual(
      expect.arrayContaining(['acknowledged', 'cause_isolated', 'control_changed', 'status_update_posted']),
    );
    expect(section('timeline').body).toMatch(/★ dana declared a SEV1 privacy leak/);
    expect(draft.figures.onsetToDetect).toBeGreaterThan(0);
    expect(draft.figures.isolatedAt).not.toBeNull();
    expect(section('impact').impact).toMatchObject({ conversations: 12 });
    expect(section('impact').impact.citations[0]).toMatchObject({ kind: 'update' });
    const factors = section('factors').factors;
    expect(factors.map((f: { category: string }) => f.category)).toEqual(
      expect.arrayContaining(['detection_gap', 'prompt_guardrails']),
    );
    expect(factors.every((f: { citations: unknown[] }) => f.citations.length > 0)).toBe(true);
    expect(section('whys').chains[0].steps[0]).toMatchObject({
      because: 'The retrieval index mixes tenants since the 10:00 rebuild.',
    });
    expect(section('response').body).toMatch(/support-copilot\.auto-send/);
    expect((await h.call('POST', pm(), { body: {} })).status).toBe(409);
    // A star added after the draft shows in it.
    const decision = moments.find((m: { kind: string }) => m.kind === 'decision_logged').seq;
    await h.call('POST', `/api/v1/incidents/${id}/timeline/${decision}/key`, { body: { key: true } });
    const again = (await h.call('GET', pm())).body.sections.find((s: { id: string }) => s.id === 'timeline');
    expect(again.moments.filter((m: { key: boolean }) => m.key).map((m: { seq: number }) => m.seq)).toEqual([
      1,
      decision,
    ]);
    expect(again.body).toMatch(/★ Decision DEC-1/);
    const missing = await h.call('POST', `/api/v1/incidents/${id}/timeline/999/key`, { body: { key: true } });
    expect(missing.status).toBe(404);
  });

  it('names the field of a bad edit: an unknown citation, an unknown owner, a past due date, a stale version', async () => {
    const current = (await h.call('GET', pm())).body;
    const badCite = await h.call('PUT', pm('/sections/factors'), {
      body: {
        factors: [{ category: 'data', description: 'Index rebuilt', citations: [{ kind: 'evidence', ref: 'EV-99' }] }],
      },
    });
    expect(badCite.status).toBe(400);
    expect(badCite.body.error.details.issues[0].path).toBe('factors[0].citations[0].ref');
    const owner = await h.call('PATCH', pm(), { body: { owner: 'nobody-here' } });
    expect(owner.status).toBe(400);
    expect(owner.body.error.details.issues[0].path).toBe('owner');
    const due = await h.call('PATCH', pm(), { body: { dueAt: '2020-01-01T00:00:00Z' } });
    expect(due.status).toBe(400);
    expect(due.body.error.details.issues[0].path).toBe('dueAt');
    const stale = await h.call('PUT', pm('/sections/lucky'), { body: { body: 'x', version: current.version - 1 } });
    expect(stale.status).toBe(409);
  });

  it('lets a viewer lint text, as the route declares, and still refuses a viewer the postmortem’s writes', async () => {
    const lint = await h.call('POST', '/api/v1/postmortems/lint', {
      token: h.tokens.viewer,
      body: { text: 'Sam should have checked the index before the rebuild.', incident: id },
    });
    expect(lint.status).toBe(200);
    expect(lint.body.findings.map((f: { rule: string }) => f.rule)).toContain('counterfactual');
    const review = await h.call('POST', pm('/status'), { token: h.tokens.viewer, body: { status: 'in_review' } });
    expect(review.status).toBe(403);
    expect(review.body.error.message).toMatch(/needs responder/);
    expect(review.body.error.details).toEqual({ required: 'responder', actual: 'viewer' });
  });

  it('lints blame live and keeps a blameful postmortem from being published', async () => {
    const lint = await h.call('POST', '/api/v1/postmortems/lint', {
      body: { text: 'Sam should have checked the index before the rebuild.', incident: id },
    });
    expect(lint.status).toBe(200);
    expect(lint.body.findings.map((f: { rule: string }) => f.rule)).toContain('counterfactual');
    const edited = await h.call('PUT', pm('/sections/went_badly'), {
      body: { body: 'Sam should have checked the index before the rebuild.', reason: 'first pass' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.lint.some((f: { where: string }) => f.where === 'sections.went_badly')).toBe(true);
    const refused = await h.call('POST', pm('/status'), { body: { status: 'published' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.findings.length).toBeGreaterThan(0);
    const fixed = await h.call('PUT', pm('/sections/went_badly'), {
      body: { body: 'The rebuild job ran without a check that each tenant’s filter survived.', reason: 'blameless' },
    });
    expect(fixed.body.lint.filter((f: { where: string }) => f.where.startsWith('sections.'))).toEqual([]);
  });

  it('adds actions with named-field errors for bad input, and closes one only after its replay verification passes', async () => {
    const bad = async (body: Record<string, unknown>, path: string) => {
      const answer = await h.call('POST', `/api/v1/incidents/${id}/actions`, {
        body: { title: 'Tenant filter check in the rebuild job', category: 'data', ...body },
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.body.error.details.issues[0].path).toBe(path);
    };
    await bad({ owner: 'nobody-here' }, 'owner');
    await bad({ dueAt: '2020-01-01T00:00:00Z' }, 'dueAt');
    await bad(
      { verification: { kind: 'monitor', system: 'support-copilot', monitor: 'no-such-monitor' } },
      'verification.monitor',
    );
    await bad({ verification: { kind: 'replay', system: 'no-such-system' } }, 'verification.system');
    await bad({ verification: { kind: 'control', control: 'support-copilot.nope' } }, 'verification.control');

    const due = new Date(h.now().getTime() + 14 * 86_400_000).toISOString();
    const added = await h.call('POST', `/api/v1/incidents/${id}/actions`, {
      body: {
        title: 'Page on any PII in answers',
        category: 'monitoring',
        owner: 'Sam Okafor',
        dueAt: due,
        verification: { kind: 'replay', within: '10m', level: 'page' },
      },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const action = added.body;
    expect(action).toMatchObject({ status: 'open', owner: 'sam-okafor', ownerName: 'Sam Okafor', overdue: false });
    expect(action.followUps.map((f: { day: number }) => f.day)).toEqual([30, 60, 90]);

    const early = await h.call('POST', `/api/v1/actions/${action.id}/close`, { body: {} });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/until its replay verification passes/);

    const verified = await h.call('POST', `/api/v1/actions/${action.id}/verify`, { body: {} });
    expect(verified.status).toBe(200);
    expect(verified.body.result).toMatchObject({ passed: true, kind: 'replay' });
    expect(verified.body.result.details.events).toBe(40);
    expect(verified.body.result.details.firstAlert.monitor).toBe('default:flag:pii');
    const closed = await h.call('POST', `/api/v1/actions/${action.id}/close`, { body: { reason: 'replay pages' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedBy: 'dana' });

    // A replay that cannot pass: a page within ten minutes from a monitor that never fires.
    const strict = await h.call('POST', `/api/v1/incidents/${id}/actions`, {
      body: {
        title: 'Confidence monitor catches the leak',
        category: 'monitoring',
        owner: 'dana-reyes',
        dueAt: due,
        verification: { kind: 'replay', monitor: 'default:confidence', level: 'page' },
      },
    });
    expect(strict.status).toBe(201);
    const failed = await h.call('POST', `/api/v1/actions/${strict.body.id}/verify`, { body: {} });
    expect(failed.body.result.passed).toBe(false);
    expect((await h.call('POST', `/api/v1/actions/${strict.body.id}/close`, { body: {} })).status).toBe(409);
    const cancelled = await h.call('PATCH', `/api/v1/actions/${strict.body.id}`, { body: { status: 'cancelled' } });
    expect(cancelled.status).toBe(400);
    expect(cancelled.body.error.details.issues[0].path).toBe('reason');
  });

  it('needs a second person to attest a link', async () => {
    const added = await h.call('POST', `/api/v1/incidents/${id}/actions`, {
      body: {
        title: 'Tenant isolation test in the index pipeline',
        category: 'evaluation_gates',
        owner: 'dana-reyes',
        dueAt: new Date(h.now().getTime() + 7 * 86_400_000).toISOString(),
        verification: { kind: 'attestation', url: 'https://git.example.com/pr/42', what: 'Test merged' },
      },
    });
    const self = await h.call('POST', `/api/v1/actions/${added.body.id}/verify`, { body: {} });
    expect(self.body.result.passed).toBe(false);
    expect(self.body.result.summary).toMatch(/second person/);
    const other = await h.call('POST', `/api/v1/actions/${added.body.id}/verify`, { token: h.tokens.admin, body: {} });
    expect(other.body.result.passed).toBe(true);
    const history = await h.call('GET', `/api/v1/actions/${added.body.id}/verifications`);
    expect(history.body.verifications.map((v: { passed: boolean }) => v.passed)).toEqual([true, false]);
  });

  it('publishes, accepts the residual risk, closes, and keeps every step on the timeline', async () => {
    const review = await h.call('POST', pm('/status'), { body: { status: 'in_review' } });
    expect(review.status).toBe(200);
    const published = await h.call('POST', pm('/status'), { body: { status: 'published' } });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedBy: 'dana' });
    const locked = await h.call('PUT', pm('/sections/lucky'), { body: { body: 'late edit' } });
    expect(locked.status).toBe(409);
    const notAPerson = await h.call('POST', `/api/v1/incidents/${id}/residual-risk`, {
      body: { acceptedBy: 'somebody', risk: 'x' },
    });
    expect(notAPerson.body.error.details.issues[0].path).toBe('acceptedBy');
    const accepted = await h.call('POST', `/api/v1/incidents/${id}/residual-risk`, {
      body: { acceptedBy: 'dana-reyes', risk: 'Older indexes were not audited for tenant mixing.' },
    });
    expect(accepted.body).toMatchObject({ ready: true, missing: [] });
    const closed = await h.call('POST', `/api/v1/incidents/${id}/transition`, { body: { status: 'closed' } });
    expect(closed.status).toBe(200);
    const timeline = (await h.call('GET', `/api/v1/incidents/${id}/timeline`)).body.entries;
    const kinds = timeline.map((entry: { kind: string }) => entry.kind);
    for (const kind of [
      'key_moment_marked',
      'cause_isolated',
      'postmortem_drafted',
      'postmortem_edited',
      'postmortem_status_changed',
      'action_added',
      'action_verified',
      'action_closed',
      'residual_risk_accepted',
    ])
      expect(kinds).toContain(kind);
    expect(timeline.find((e: { kind: string }) => e.kind === 'residual_risk_accepted')).toMatchObject({
      actor: 'dana',
      payload: { acceptedBy: 'dana-reyes', acceptedByName: 'Dana Reyes' },
    });
    expect((await h.call('GET', `/api/v1/incidents/${id}/timeline/verify`)).body.intact).toBe(true);
    // Actions go on after the incident closed: they are followed up for 90 days.
    const open = (await h.call('GET', `/api/v1/incidents/${id}/actions`)).body.actions.find(
      (a: { status: string }) => a.status === 'open',
    );
    const later = await h.call('PATCH', `/api/v1/actions/${open.id}`, {
      body: { priority: 'high', reason: 'repeat risk' },
    });
    expect(later.status).toBe(200);
  });

  it('exports Markdown and HTML, escaping what a writer typed', async () => {
    const markdown = await h.call('GET', `${pm('/export')}?format=markdown`);
    expect(markdown.headers.get('content-type')).toMatch(/text\/markdown/);
    expect(markdown.body).toMatch(/^# Postmortem: PII in copilot answers/);
    expect(markdown.body).toMatch(/## Contributing factors/);
    expect(markdown.body).toMatch(/\| ACT-1 Page on any PII in answers \| corrective \| monitoring \| Sam Okafor/);
    const html = await h.call('GET', `${pm('/export')}?format=html&timeline=all`);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.body).toMatch(/<h2>Timeline \(UTC\)<\/h2>/);
    expect(html.body).not.toMatch(/<script/);
  });

  it('shows the earlier incident, its postmortem and its open actions when the same system fails the same way', async () => {
    const second = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ title: 'PII again' }) })).body.id;
    const related = await h.call('GET', `/api/v1/incidents/${second}/related`);
    expect(related.status).toBe(200);
    const earlier = related.body.related.find((r: { incidentId: string }) => r.incidentId === id);
    expect(earlier).toMatchObject({ sameType: true, postmortem: { status: 'published' } });
    expect(earlier.openActions.length).toBeGreaterThan(0);
  });

  it('lists actions by owner, system and overdue', async () => {
    const sams = await h.call('GET', '/api/v1/actions?owner=sam-okafor');
    expect(sams.body.actions.length).toBeGreaterThan(0);
    expect(sams.body.actions.every((a: { owner: string }) => a.owner === 'sam-okafor')).toBe(true);
    // The responder token is named "dana": "me" is Dana Reyes, by first name.
    const mine = await h.call('GET', '/api/v1/actions?owner=me');
    expect(mine.body.actions.length).toBeGreaterThan(0);
    expect(mine.body.actions.every((a: { owner: string }) => a.owner === 'dana-reyes')).toBe(true);
    h.advance(30 * 86_400_000);
    const overdue = await h.call('GET', '/api/v1/actions?overdue=true&system=support-copilot');
    expect(overdue.body.actions.length).toBeGreaterThan(0);
    expect(overdue.body.actions.every((a: { overdue: boolean }) => a.overdue)).toBe(true);
  });

  it('re-verifies closed actions at the 30- and 60-day follow-ups and reopens one that regressed', async () => {
    const ctx = systemCtx({
      db: h.store.db,
      log: pino({ level: 'silent' }),
      events: h.events,
      now: h.now,
      actor: FOLLOW_UP_ACTOR,
      requestId: 'test',
    });
    h.advance(60_000);
    const first = await runFollowUps(ctx);
    expect(first.reverified).toBe(1);
    expect(first.chased).toBeGreaterThan(0);
    expect(await runFollowUps(ctx)).toEqual({ reverified: 0, regressed: 0, chased: 0 });
    // Someone replaces the defaults with a card that no longer watches PII: the replay stops paging.
    await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: {
        systems: [{ ...copilotCard, monitors: [{ id: 'confidence-drift', signal: 'confidence', detector: 'drift' }] }],
      },
    });
    h.advance(30 * 86_400_000);
    const second = await runFollowUps(ctx);
    expect(second.regressed).toBe(1);
    const reopened = (await h.call('GET', '/api/v1/actions/ACT-1')).body;
    expect(reopened.status).toBe('open');
    expect(reopened.followUps.map((f: { outcome: string | null }) => f.outcome)).toEqual([
      'reverified',
      'regressed',
      null,
    ]);
    const timeline = (await h.call('GET', `/api/v1/incidents/${id}/timeline`)).body.entries;
    const reopening = timeline.find((entry: { kind: string }) => entry.kind === 'action_reopened');
    expect(reopening).toMatchObject({ actor: FOLLOW_UP_ACTOR, payload: { id: 'ACT-1' } });
    expect(reopening.payload.reason).toMatch(/^regressed at the 60-day follow-up: replayed 40 events/);
  });
});
