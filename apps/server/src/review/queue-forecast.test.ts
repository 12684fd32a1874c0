import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copilotCard } from '../controls/fixtures';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

const MIN = 60_000;

describe.each(STORE_TARGETS)('the review queue against its SLA on $name', (target) => {
  let h: Harness;
  const submit = (eventId: string) =>
    h.call('POST', '/api/v1/review', {
      body: { system: 'support-copilot', control: 'support-copilot.review', eventId, content: { answer: 'a' } },
    });
  const stats = async () => (await h.call('GET', '/api/v1/review/stats?system=support-copilot')).body;

  beforeAll(async () => {
    h = await harness(target);
    await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [{ ...copilotCard, reviewSla: '20m' }] },
    });
  });
  afterAll(() => h.close());

  it('forecasts the breach when more come in than people decide, and the share they keep up with', async () => {
    // Twelve answers in six minutes, two decided: 12 in and 2 decided an hour.
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push((await submit(`e-${i}`)).body.id);
      h.advance(MIN / 2);
    }
    for (const id of ids.slice(0, 2))
      await h.call('POST', `/api/v1/review/${id}/decision`, { body: { outcome: 'approved' } });
    const early = await stats();
    expect(early.queue).toMatchObject({ arrivalsPerHour: 12, decisionsPerHour: 2, slaSeconds: 1200, overSla: 0 });
    // Ten waiting is more than an SLA's worth of decisions (2/h × 20 min): at risk already; the
    // oldest waiting item, 5 minutes old, crosses the SLA in 15.
    expect(early.queue.forecast).toMatchObject({
      state: 'at_risk',
      keepUpFraction: 0.17,
      breachAt: new Date(h.now().getTime() + 15 * MIN).toISOString(),
    });
    expect(early.queue.forecast.summary).toBe(
      '10 waiting, 12 in and 2 decided an hour: the 20 min SLA breaks in about 15 min',
    );

    h.advance(20 * MIN);
    const late = await stats();
    expect(late.queue).toMatchObject({ overSla: 10 });
    expect(late.queue.forecast.state).toBe('breaching');
    expect(late.queue.forecast.summary).toBe('the oldest item has waited 25 min, past the 20 min SLA');
  });
});
