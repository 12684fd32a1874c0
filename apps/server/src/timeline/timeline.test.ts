import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

describe.each(STORE_TARGETS)('tamper-evident timeline on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target);
  });
  afterAll(() => h.close());

  async function incidentWithHistory(): Promise<string> {
    const { body } = await h.call('POST', '/api/v1/incidents', { body: declareBody() });
    await h.call('POST', `/api/v1/incidents/${body.id}/acknowledge`, { body: {} });
    await h.call('POST', `/api/v1/incidents/${body.id}/transition`, { body: { status: 'active' } });
    await h.call('POST', `/api/v1/incidents/${body.id}/roles`, {
      body: { role: 'incident_commander', person: 'Dana' },
    });
    return body.id;
  }

  const verify = async (id: string) => (await h.call('GET', `/api/v1/incidents/${id}/timeline/verify`)).body;

  /** What an attacker with database rights does: switch the guard off, change history, switch it back. */
  async function tamper(statement: ReturnType<typeof sql>) {
    await h.store.db.transaction(async (tx) => {
      await tx.execute(sql`alter table timeline_events disable trigger timeline_events_append_only`);
      await tx.execute(statement);
      await tx.execute(sql`alter table timeline_events enable trigger timeline_events_append_only`);
    });
  }

  it('refuses to update or delete a timeline entry (append-only)', async () => {
    const id = await incidentWithHistory();
    await expect(
      h.store.db.execute(sql`update timeline_events set actor = 'mallory' where incident_id = ${id}`),
    ).rejects.toThrow();
    await expect(h.store.db.execute(sql`delete from timeline_events where incident_id = ${id}`)).rejects.toThrow();
    expect((await verify(id)).intact).toBe(true);
  });

  it('names the entry whose row was altered in the database', async () => {
    const id = await incidentWithHistory();
    await tamper(
      sql`update timeline_events set payload = jsonb_set(payload, '{to}', '"resolved"') where incident_id = ${id} and seq = 3`,
    );
    const verdict = await verify(id);
    expect(verdict).toMatchObject({
      intact: false,
      firstBreak: { seq: 3, reason: expect.stringContaining('entry 3 (status_changed) was altered') },
    });
  });

  it('names a deleted entry', async () => {
    const id = await incidentWithHistory();
    await tamper(sql`delete from timeline_events where incident_id = ${id} and seq = 2`);
    expect((await verify(id)).firstBreak).toEqual({ seq: 2, reason: 'entry 2 is missing (found 3 in its place)' });
  });

  it('notices the newest entry deleted through the head kept on the incident', async () => {
    const id = await incidentWithHistory();
    await tamper(sql`delete from timeline_events where incident_id = ${id} and seq = 4`);
    expect((await verify(id)).firstBreak).toEqual({ seq: 4, reason: 'the incident records 4 entries but 3 remain' });
  });

  it('keeps chains of concurrent changes to one incident linear', async () => {
    const { body } = await h.call('POST', '/api/v1/incidents', { body: declareBody() });
    const roles = ['tech_lead', 'comms_lead', 'scribe', 'legal', 'privacy'];
    const results = await Promise.all(
      roles.map((role) =>
        h.call('POST', `/api/v1/incidents/${body.id}/roles`, { body: { role, person: `p-${role}` } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await verify(body.id)).toMatchObject({ intact: true, entries: 6 });
  });
});
