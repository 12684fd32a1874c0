import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copilotCard } from '../controls/fixtures';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

describe.each(STORE_TARGETS)('the review queue on $name', (target) => {
  let h: Harness;
  let incident: string;
  const submit = (body: Record<string, unknown>) =>
    h.call('POST', '/api/v1/review', {
      body: {
        system: 'support-copilot',
        control: 'support-copilot.review',
        content: { answer: 'Your order 4411 ships today' },
        ...body,
      },
    });

  beforeAll(async () => {
    h = await harness(target);
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [copilotCard] } });
    incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody() })).body.id;
    await h.call('POST', '/api/v1/controls/support-copilot.review', {
      body: { share: 1, reason: 'review everything during the leak', incident },
    });
  });
  afterAll(() => h.close());

  it('queues an item under the incident its control serves, once per event id', async () => {
    const first = await submit({ eventId: 'evt-1', routedBecause: 'sampled' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id: 'REV-1',
      status: 'pending',
      incidentId: incident,
      submittedBy: 'dana',
      routedBecause: 'sampled',
    });
    const again = await submit({ eventId: 'evt-1' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe('REV-1');
  });

  it('names what is wrong with a submission', async () => {
    expect((await submit({ system: 'nope' })).body.error.message).toBe('system: nope is not in the catalog');
    expect((await submit({ control: 'support-copilot.auto-send' })).body.error.message).toBe(
      'control: support-copilot.auto-send is a kill_switch, not a human_review control',
    );
    expect((await submit({ control: 'other.review' })).body.error.message).toBe(
      'control: must be a control of support-copilot',
    );
    expect((await submit({ content: 'text' })).body.error.message).toMatch(/^content: /);
    expect((await submit({ incident: 'INC-77' })).body.error.message).toBe('incident: INC-77 not found');
  });

  it('takes a decision of each kind and counts outcomes per incident and system', async () => {
    const ids: string[] = [];
    for (let i = 2; i <= 6; i++) ids.push((await submit({ eventId: `evt-${i}` })).body.id);
    const decide = (id: string, body: unknown, token?: string) =>
      h.call('POST', `/api/v1/review/${id}/decision`, { body, ...(token ? { token } : {}) });
    expect((await decide(ids[0]!, { outcome: 'approved' })).body).toMatchObject({
      status: 'approved',
      decidedBy: 'dana',
      decision: { outcome: 'approved', note: null },
    });
    expect(
      (
        await decide(ids[1]!, {
          outcome: 'edited',
          edited: { answer: 'Your order ships today' },
          note: 'removed the order number',
        })
      ).body.decision,
    ).toMatchObject({ edited: { answer: 'Your order ships today' } });
    const refused = await decide(ids[2]!, { outcome: 'refused', message: 'privacy' });
    expect(refused.body.decision.message).toEqual({
      id: 'privacy',
      text: expect.stringMatching(/personal information/),
    });
    expect((await decide(ids[3]!, { outcome: 'escalated', to: 'privacy lead' })).body).toMatchObject({
      status: 'escalated',
      decision: { to: 'privacy lead' },
    });
    // An escalated item takes a final answer from whoever it went to.
    expect(
      (await decide(ids[3]!, { outcome: 'refused', message: 'human_followup' }, h.tokens.admin)).body,
    ).toMatchObject({ status: 'refused', decidedBy: 'admin' });
    const twice = await decide(ids[0]!, { outcome: 'refused', message: 'privacy' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe(`${ids[0]} is already approved (by dana)`);
    expect((await decide(ids[4]!, { outcome: 'refused', message: 'rude' })).body.error.message).toMatch(/^message: /);
    expect((await decide(ids[4]!, { outcome: 'approved' }, h.tokens.viewer)).status).toBe(403);
    const stats = (await h.call('GET', `/api/v1/review/stats?incident=${incident}`)).body;
    expect(stats).toEqual({
      system: null,
      incident,
      total: 6,
      pending: 2,
      approved: 1,
      edited: 1,
      refused: 2,
      escalated: 0,
      queue: expect.objectContaining({ arrivalsPerHour: 6, decisionsPerHour: 4, slaSeconds: 1800, overSla: 0 }),
    });
    expect((await h.call('GET', '/api/v1/review/stats?system=support-copilot')).body.total).toBe(6);
    const queue = (await h.call('GET', '/api/v1/review?status=pending')).body.items.map(
      (item: { id: string }) => item.id,
    );
    expect(queue).toEqual(['REV-1', ids[4]]);
  });
});
