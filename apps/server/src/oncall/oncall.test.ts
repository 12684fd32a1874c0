import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readAudit } from '../audit/store';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

// The example firebreak.yaml's on-call sections, as `firebreak system apply` sends them.
const example = parse(readFileSync(new URL('../../../../examples/firebreak.yaml', import.meta.url), 'utf8'));
const directory = {
  people: example.people,
  teams: example.teams,
  schedules: example.schedules,
  overrides: example.overrides,
  notifications: example.notifications,
};

describe.each(STORE_TARGETS)('who is on call, on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target);
  });
  afterAll(() => h.close());

  it('has an empty directory at revision 0 before anything is applied', async () => {
    const empty = await h.call('GET', '/api/v1/directory', { token: h.tokens.viewer });
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ revision: 0, appliedAt: null, directory: { people: [], schedules: [] } });
    const nobody = await h.call('GET', '/api/v1/oncall', { token: h.tokens.viewer });
    expect(nobody.body).toEqual({ at: h.now().toISOString(), revision: 0, onCall: [] });
  });

  it('takes the directory with the catalog, audited, and answers who is on call at an instant', async () => {
    const applied = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [], directory },
    });
    expect(applied.status).toBe(200);
    expect(applied.body.directory).toEqual({ revision: 1, people: 5, schedules: 1 });
    const onCall = await h.call('GET', '/api/v1/oncall?at=2026-11-04T12:00:00Z', { token: h.tokens.viewer });
    expect(onCall.body).toEqual({
      at: '2026-11-04T12:00:00.000Z',
      revision: 1,
      onCall: [
        {
          schedule: 'talent-ai-oncall',
          team: 'talent-ai',
          person: 'amara-okafor',
          name: 'Amara Okafor',
          layer: 'weekly',
          override: 'jonas-conference',
          until: '2026-11-05T17:00:00.000Z',
        },
      ],
    });
    const view = await h.call('GET', '/api/v1/directory', { token: h.tokens.viewer });
    expect(view.body).toMatchObject({ revision: 1, appliedBy: 'admin' });
    expect(view.body.directory.notifications.escalationPolicies[0].id).toBe('talent-ai-default');
    const audit = await readAudit(h.store.db);
    expect(audit.filter((entry) => entry.action === 'directory.replaced').map((entry) => entry.subject)).toEqual([
      'directory/1',
    ]);
  });

  it('serves a schedule as an iCalendar feed a calendar reads', async () => {
    const feed = await h.call(
      'GET',
      '/api/v1/schedules/talent-ai-oncall/calendar.ics?from=2026-12-21T00:00:00Z&to=2026-12-28T00:00:00Z',
      {
        token: h.tokens.viewer,
      },
    );
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const events = new ICAL.Component(ICAL.parse(feed.body as string)).getAllSubcomponents('vevent');
    expect(events.length).toBe(9);
  });

  it('refuses a directory that names someone it does not declare, naming the field, and keeps the old one', async () => {
    const broken = structuredClone(directory);
    broken.teams[0].members.push('nobody');
    const refused = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [], directory: broken },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('directory.teams[0].members[4]');
    const view = await h.call('GET', '/api/v1/directory', { token: h.tokens.viewer });
    expect(view.body.revision).toBe(1);
  });

  it('takes an override at 03:00 as a new revision, audited, checked like the file, and removes it', async () => {
    const cover = {
      id: 'sam-covers',
      schedule: 'talent-ai-oncall',
      person: 'sam-ortiz',
      from: '2026-11-20T00:00:00Z',
      to: '2026-11-21T00:00:00Z',
      reason: 'Priya is ill',
    };
    const added = await h.call('POST', '/api/v1/directory/overrides', { token: h.tokens.responder, body: cover });
    expect(added.status).toBe(201);
    expect(added.body.revision).toBe(2);
    const onCall = await h.call('GET', '/api/v1/oncall?at=2026-11-20T12:00:00Z', { token: h.tokens.viewer });
    expect(onCall.body.onCall[0]).toMatchObject({ person: 'sam-ortiz', override: 'sam-covers' });
    const twice = await h.call('POST', '/api/v1/directory/overrides', { token: h.tokens.responder, body: cover });
    expect(twice.status).toBe(409);
    const stranger = await h.call('POST', '/api/v1/directory/overrides', {
      token: h.tokens.responder,
      body: { ...cover, id: 'zoe-covers', person: 'zoe' },
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.message).toContain('overrides[');
    expect(
      (await h.call('DELETE', '/api/v1/directory/overrides/sam-covers', { token: h.tokens.responder })).status,
    ).toBe(200);
    const after = await h.call('GET', '/api/v1/oncall?at=2026-11-20T12:00:00Z', { token: h.tokens.viewer });
    expect(after.body).toMatchObject({ revision: 3, onCall: [{ override: null }] });
    const audit = await readAudit(h.store.db);
    const replaced = audit.filter((entry) => entry.action === 'directory.replaced');
    expect(replaced.map((entry) => [entry.actor, (entry.payload as { change?: string }).change])).toEqual([
      ['admin', undefined],
      ['dana', 'override sam-covers added: Priya is ill'],
      ['dana', 'override sam-covers removed'],
    ]);
  });

  it('answers 404 for a schedule it does not have and 400 for a bad instant', async () => {
    expect((await h.call('GET', '/api/v1/oncall?schedule=nope', { token: h.tokens.viewer })).status).toBe(404);
    expect((await h.call('GET', '/api/v1/schedules/nope/calendar.ics', { token: h.tokens.viewer })).status).toBe(404);
    const bad = await h.call('GET', '/api/v1/oncall?at=yesterday', { token: h.tokens.viewer });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('at');
    expect((await h.call('GET', '/api/v1/oncall', { token: null })).status).toBe(401);
  });
});
