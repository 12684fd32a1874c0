import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAlert } from '../alerts/fixtures';
import { copilotCard } from '../controls/fixtures';
import { auditLog } from '../db/schema';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

describe.each(STORE_TARGETS)('one failure, one incident on $name', (target) => {
  let h: Harness;
  let main: string;
  let dup: string;
  beforeAll(async () => {
    h = await harness(target);
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [copilotCard] } });
    main = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ title: 'PII leak' }) })).body.id;
    dup = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ title: 'PII leak again' }) })).body.id;
  });
  afterAll(() => h.close());

  const timeline = async (id: string) => (await h.call('GET', `/api/v1/incidents/${id}/timeline`)).body.entries;

  it('suggests the open incidents of the alert’s system', async () => {
    const alert = await buildAlert(h.store.db, h.now());
    const found = await h.call('GET', `/api/v1/alerts/${alert.id}/open-incidents`);
    expect(found.status).toBe(200);
    expect(found.body.incidents.map((i: { id: string }) => i.id)).toEqual([dup, main]);
  });

  it('attaches an alert to an open incident, on its timeline, and refuses a second home', async () => {
    const alert = await buildAlert(h.store.db, h.now());
    const attached = await h.call('POST', `/api/v1/alerts/${alert.id}/attach`, {
      body: { incident: main, reason: 'same leak' },
    });
    expect(attached.status).toBe(200);
    expect(attached.body.incidentId).toBe(main);
    expect((await timeline(main)).at(-1)).toMatchObject({
      kind: 'alert_linked',
      actor: 'dana',
      payload: { alertId: alert.id, attachedBy: 'dana', reason: 'same leak' },
    });
    const again = await h.call('POST', `/api/v1/alerts/${alert.id}/attach`, { body: { incident: dup } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(`firebreak incident merge ${main} --into ${dup}`);
  });

  it('refuses to attach to a finished incident, and rejects a viewer', async () => {
    const sev3 = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ severity: 'SEV3' }) })).body.id;
    await h.call('POST', `/api/v1/incidents/${sev3}/transition`, { body: { status: 'resolved' } });
    const alert = await buildAlert(h.store.db, h.now());
    expect((await h.call('POST', `/api/v1/alerts/${alert.id}/attach`, { body: { incident: sev3 } })).status).toBe(409);
    const viewer = await h.call('POST', `/api/v1/alerts/${alert.id}/attach`, {
      token: h.tokens.viewer,
      body: { incident: main },
    });
    expect(viewer.status).toBe(403);
    const missing = await h.call('POST', `/api/v1/alerts/${alert.id}/attach`, { body: { incident: 'INC-999' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('incident');
  });

  it('merges a duplicate: closed with a link, alerts and controls moved, both timelines kept and verifiable', async () => {
    const alert = await buildAlert(h.store.db, h.now(), { incidentId: dup });
    await h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      body: { enabled: false, reason: 'PII', incident: dup },
    });
    const dupBefore = (await timeline(dup)).length;
    const merged = await h.call('POST', `/api/v1/incidents/${dup}/merge`, {
      body: { into: main, reason: 'same leak, declared twice' },
    });
    expect(merged.status).toBe(200);
    expect(merged.body.duplicate).toMatchObject({ id: dup, status: 'closed' });
    expect(merged.body.incident).toMatchObject({ id: main, status: 'triage' });

    expect((await h.call('GET', `/api/v1/alerts/${alert.id}`)).body.incidentId).toBe(main);
    expect((await h.call('GET', '/api/v1/controls/support-copilot.auto-send')).body.incidentId).toBe(main);

    const dupEntries = await timeline(dup);
    expect(dupEntries).toHaveLength(dupBefore + 2);
    expect(dupEntries.at(-2)).toMatchObject({
      kind: 'merged_into',
      payload: { into: main, alerts: [alert.id], controls: ['support-copilot.auto-send'] },
    });
    expect(dupEntries.at(-1)).toMatchObject({ kind: 'status_changed', payload: { to: 'closed', mergedInto: main } });
    const last = dupEntries.at(-1);
    expect((await timeline(main)).at(-1)).toMatchObject({
      kind: 'duplicate_merged',
      payload: { from: dup, duplicateTimeline: { length: last.seq, headHash: last.hash } },
    });
    for (const id of [dup, main])
      expect((await h.call('GET', `/api/v1/incidents/${id}/timeline/verify`)).body.intact).toBe(true);
    expect((await h.call('GET', `/api/v1/incidents/${dup}`)).body.mergedInto).toBe(main);
    expect((await h.call('GET', `/api/v1/incidents/${main}`)).body.duplicates).toEqual([dup]);
    const audited = await h.store.db.select().from(auditLog).where(eq(auditLog.action, 'incident.merged'));
    expect(audited).toMatchObject([{ actor: 'dana', subject: dup, payload: { into: main, alerts: [alert.id] } }]);
  });

  it('refuses to merge a closed incident, or one into itself', async () => {
    const closed = await h.call('POST', `/api/v1/incidents/${dup}/merge`, { body: { into: main, reason: 'again' } });
    expect(closed.status).toBe(409);
    const self = await h.call('POST', `/api/v1/incidents/${main}/merge`, { body: { into: main, reason: 'x' } });
    expect(self.status).toBe(400);
    const viewer = await h.call('POST', `/api/v1/incidents/${main}/merge`, {
      token: h.tokens.viewer,
      body: { into: dup, reason: 'x' },
    });
    expect(viewer.status).toBe(403);
  });
});
