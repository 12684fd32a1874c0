import { SystemCard } from '@firebreak/contract';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../context';
import { copilotCard } from '../controls/fixtures';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { nextStep, OVERFLOW_ACTOR, runReviewOverflow } from './review-overflow';

const MIN = 60_000;

/** The copilot with 50% of traffic routed to review, a 20-minute SLA and the given overflow rule. */
const card = (reviewOverflow: Record<string, unknown>) => ({
  ...copilotCard,
  id: 'support-copilot',
  reviewSla: '20m',
  reviewOverflow,
  controls: copilotCard.controls.map((control) =>
    control.kind === 'human_review' ? { ...control, share: 0.5 } : control,
  ),
});

describe('the review-overflow rule on a card', () => {
  it('names the control it changes, or says which it cannot tell', () => {
    expect(SystemCard.safeParse(card({ action: 'lower_share' })).success).toBe(true);
    const wrongKind = SystemCard.safeParse(card({ action: 'stricter_filter', control: 'review' }));
    expect(wrongKind.error?.issues[0]).toMatchObject({
      path: ['reviewOverflow', 'control'],
      message: 'stricter_filter changes an output_filter control; review is a human_review',
    });
    const none = SystemCard.safeParse({ ...card({ action: 'lower_share' }), controls: [] });
    expect(none.error?.issues[0]?.message).toBe(
      'lower_share changes a human_review control and this system has 0: name the one to change',
    );
    expect(SystemCard.safeParse(card({ action: 'lower' })).error?.issues[0]?.path).toEqual([
      'reviewOverflow',
      'action',
    ]);
  });

  it('steps the filter one level stricter and cuts the share to what reviewers keep up with, never below the floor', () => {
    expect(nextStep({ kind: 'output_filter', level: 'off' }, 0.1, { keepUpFraction: 0.3 })?.change).toEqual({
      level: 'standard',
    });
    expect(nextStep({ kind: 'output_filter', level: 'strict' }, 0.1, { keepUpFraction: 0.3 })).toBeNull();
    expect(nextStep({ kind: 'human_review', share: 0.5 }, 0.1, { keepUpFraction: 0.4 })).toEqual({
      change: { share: 0.2 },
      says: 'Review share 50% → 20%',
    });
    expect(nextStep({ kind: 'human_review', share: 0.5 }, 0.3, { keepUpFraction: 0.1 })?.change).toEqual({
      share: 0.3,
    });
    expect(nextStep({ kind: 'human_review', share: 0.5 }, 0.1, { keepUpFraction: null })?.change).toEqual({
      share: 0.25,
    });
    expect(nextStep({ kind: 'human_review', share: 0.1 }, 0.1, { keepUpFraction: 0.2 })).toBeNull();
  });
});

describe.each(STORE_TARGETS)('a review queue that falls behind its SLA on $name', (target) => {
  let h: Harness;
  const run = () =>
    runReviewOverflow(
      systemCtx({
        db: h.store.db,
        log: pino({ level: 'silent' }),
        events: h.events,
        now: h.now,
        actor: OVERFLOW_ACTOR,
        requestId: 'test',
      }),
    );
  const control = async (name: string) => (await h.call('GET', `/api/v1/controls/support-copilot.${name}`)).body;
  const apply = (rule: Record<string, unknown>) =>
    h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [card(rule)] } });

  beforeAll(async () => {
    h = await harness(target);
    const applied = await apply({ action: 'lower_share', floor: 0.1 });
    expect(applied.status).toBe(200);
  });
  afterAll(() => h.close());

  it('does nothing while reviewers keep up', async () => {
    expect(await run()).toEqual([]);
    expect((await control('review')).state.share).toBe(0.5);
  });

  it('lowers the share once per SLA period when the forecast says it will breach, recorded as a change', async () => {
    // Twelve answers in six minutes, two decided: reviewers keep up with about a sixth.
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const submitted = await h.call('POST', '/api/v1/review', {
        body: { system: 'support-copilot', control: 'support-copilot.review', eventId: `e-${i}`, content: { a: i } },
      });
      ids.push(submitted.body.id);
      h.advance(MIN / 2);
    }
    for (const id of ids.slice(0, 2))
      await h.call('POST', `/api/v1/review/${id}/decision`, { body: { outcome: 'approved' } });

    const first = await run();
    expect(first).toEqual([
      {
        system: 'support-copilot',
        control: 'support-copilot.review',
        outcome: 'applied',
        detail: 'Review share 50% → 10%',
      },
    ]);
    const changed = await control('review');
    expect(changed).toMatchObject({ state: { share: 0.1 }, updatedBy: OVERFLOW_ACTOR });
    expect(changed.history[0]).toMatchObject({ actor: OVERFLOW_ACTOR, before: { share: 0.5 }, after: { share: 0.1 } });
    expect(changed.history[0].reason).toMatch(
      /^Review share 50% → 10%: 10 waiting, 12 in and 2 decided an hour: the 20 min SLA breaks in about \d+ min \(review-overflow rule\)$/,
    );

    // At the floor already: nothing further, however long the queue stays behind.
    h.advance(25 * MIN);
    expect((await run())[0]).toMatchObject({ outcome: 'nothing_to_do' });
    expect((await control('review')).state.share).toBe(0.1);
  });

  it('does not widen traffic during a SEV1 whose recovery gate has not passed: refused, naming what is missing', async () => {
    expect((await apply({ action: 'lower_share', floor: 0.05 })).status).toBe(200);
    const incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody() })).body.id;
    h.advance(25 * MIN);
    const [outcome] = await run();
    expect(outcome).toMatchObject({ control: 'support-copilot.review', outcome: 'refused' });
    expect(outcome?.detail).toContain(incident);
    expect((await control('review')).state.share).toBe(0.1);
  });

  it('tightens the output filter one level per SLA period under a stricter_filter rule', async () => {
    expect((await apply({ action: 'stricter_filter' })).status).toBe(200);
    expect((await control('filter')).state.level).toBe('standard');
    expect((await run())[0]).toMatchObject({ outcome: 'applied', detail: 'Output filter standard → strict' });
    expect((await control('filter')).state.level).toBe('strict');
    expect((await run())[0]).toMatchObject({ outcome: 'nothing_to_do' });
  });
});
