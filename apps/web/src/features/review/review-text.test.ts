import { describe, expect, it } from 'vitest';
import {
  changedKeys,
  contentEntries,
  parseContent,
  REFUSALS,
  readReviewFilter,
  routedText,
  textFields,
  valueText,
  writeReviewFilter,
} from './review-text';

describe('review queue text', () => {
  it.each([
    ['flag:pii', 'flagged pii'],
    ['segment:topic=refund,region=EU', 'segment topic=refund, region=EU'],
    ['confidence<0.55', 'confidence below 0.55'],
    ['sampled', 'sampled (the review share)'],
    [null, 'not said by the app'],
    ['manual', 'manual'],
  ])('words the routing reason %j', (reason, text) => {
    expect(routedText(reason)).toBe(text);
  });

  it('reads the filter from the URL, pending by default, ignoring what is not an incident id', () => {
    expect(readReviewFilter(new URLSearchParams('system=support-copilot&incident=inc-2'))).toEqual({
      status: 'pending',
      system: 'support-copilot',
      incident: 'INC-2',
    });
    expect(readReviewFilter(new URLSearchParams('status=refused&incident=everything'))).toEqual({ status: 'refused' });
    expect(readReviewFilter(new URLSearchParams('status=nonsense')).status).toBe('pending');
  });

  it('writes the filter back without its defaults', () => {
    expect(writeReviewFilter({ status: 'pending', incident: 'INC-2' }).toString()).toBe('incident=INC-2');
    expect(writeReviewFilter({ status: 'edited', system: 'fraud-model' }).toString()).toBe(
      'status=edited&system=fraud-model',
    );
  });

  it('offers the standard refusals with the text users see', () => {
    expect(REFUSALS.find((refusal) => refusal.id === 'privacy')?.text).toMatch(/personal information/);
  });

  it('finds the text fields an editor can offer', () => {
    expect(textFields({ prompt: 'Where is my refund?', answer: 'In 90 days', score: 0.4, meta: { a: 1 } })).toEqual([
      'prompt',
      'answer',
    ]);
  });

  it('reads edited JSON, saying what is wrong with it', () => {
    expect(parseContent('{"answer":"30 days"}')).toEqual({ ok: true, content: { answer: '30 days' } });
    expect(parseContent('[1]')).toEqual({ ok: false, problem: 'the content must be a JSON object ({…})' });
    expect(parseContent('{answer')).toMatchObject({ ok: false, problem: expect.stringMatching(/^not JSON: /) });
  });

  it('names the keys an edit changed', () => {
    expect(
      changedKeys({ prompt: 'p', answer: '90 days', n: [1] }, { prompt: 'p', answer: '30 days', n: [1], note: 'x' }),
    ).toEqual(['answer', 'note']);
  });

  it('shows strings as they are and other values as JSON', () => {
    expect(valueText('hi')).toBe('hi');
    expect(valueText({ a: 1 })).toBe('{\n  "a": 1\n}');
  });

  it('puts what the user asked before what the app answered', () => {
    expect(contentEntries({ answer: 'a', meta: 1, Prompt: 'p' }).map(([key]) => key)).toEqual([
      'Prompt',
      'answer',
      'meta',
    ]);
  });
});
