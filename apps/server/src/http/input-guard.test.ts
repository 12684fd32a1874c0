import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

/** JSON text nested `depth` objects deep (JSON.stringify would recurse). */
const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe.each(STORE_TARGETS)('malformed text and JSON at the edge on $name', (target) => {
  let h: Harness;
  let incident: string;
  beforeAll(async () => {
    h = await harness(target);
    incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody() })).body.id;
  });
  afterAll(() => h.close());

  const issue = (body: { error: { details: { issues: Array<{ path: string; message: string }> } } }) =>
    body.error.details.issues[0]!;

  it.each([
    ['a lone high surrogate', '{"title":"leak \\ud800 here"}', 'title', 'lone UTF-16 surrogate'],
    ['a lone low surrogate', '{"summary":"\\udfff"}', 'summary', 'lone UTF-16 surrogate'],
    ['a NUL byte', '{"title":"a\\u0000b"}', 'title', 'NUL'],
  ])('refuses %s in text bound for the timeline with 400 naming the field', async (_, raw, path, words) => {
    const response = await h.call('PATCH', `/api/v1/incidents/${incident}`, { raw });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(issue(response.body)).toMatchObject({ path, message: expect.stringContaining(words) });
  });

  it('keeps a well-formed pair of surrogates (an emoji)', async () => {
    const response = await h.call('PATCH', `/api/v1/incidents/${incident}`, {
      raw: '{"summary":"on fire \\ud83d\\udd25"}',
    });
    expect(response.status).toBe(200);
    expect(response.body.summary).toBe('on fire 🔥');
  });

  it('refuses a NUL byte in ?q= search, naming query.q', async () => {
    const response = await h.call('GET', '/api/v1/incidents?q=a%00b');
    expect(response.status).toBe(400);
    expect(issue(response.body)).toMatchObject({ path: 'query.q', message: expect.stringContaining('NUL') });
  });

  it('refuses a NUL byte in a review item’s eventId, naming it', async () => {
    const response = await h.call('POST', '/api/v1/review', {
      raw: '{"system":"support-copilot","eventId":"evt\\u0000","content":{"answer":"x"}}',
    });
    expect(response.status).toBe(400);
    expect(issue(response.body)).toMatchObject({ path: 'eventId', message: expect.stringContaining('NUL') });
  });

  it('refuses review content nested 5,000 deep, naming where it goes too deep', async () => {
    const response = await h.call('POST', '/api/v1/review', {
      raw: `{"system":"support-copilot","content":{"answer":${deep(5000)}}}`,
    });
    expect(response.status).toBe(400);
    expect(issue(response.body).message).toContain('nested deeper than');
    expect(issue(response.body).path).toMatch(/^content\.answer\.a/);
  });

  it('refuses review content nested past the contract’s depth even when the body is within the global bound', async () => {
    const response = await h.call('POST', '/api/v1/review', {
      raw: `{"system":"support-copilot","content":{"answer":${deep(20)}}}`,
    });
    expect(response.status).toBe(400);
    expect(issue(response.body)).toMatchObject({ message: 'nested deeper than 16 levels' });
  });

  it('refuses a lone surrogate in a field no contract schema checks (a system card), naming it', async () => {
    const response = await h.call('PUT', '/api/v1/systems/tiny', {
      token: h.tokens.admin,
      raw: '{"id":"tiny","name":"Tiny \\ud800","owner":"ml","model":{"name":"tiny","version":"1"},"riskTier":"minimal"}',
    });
    expect(response.status).toBe(400);
    expect(issue(response.body)).toMatchObject({ path: 'name', message: expect.stringContaining('surrogate') });
  });

  it('refuses a body with more keys than the bound, and one nested past it', async () => {
    const many = JSON.stringify({
      title: 'x',
      extra: Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [i, 1])),
    });
    const wide = await h.call('PATCH', `/api/v1/incidents/${incident}`, { raw: many });
    expect(wide.status).toBe(400);
    expect(issue(wide.body).message).toContain('more than 100000 keys');
    const nested = await h.call('PATCH', `/api/v1/incidents/${incident}`, { raw: deep(5000) });
    expect(nested.status).toBe(400);
    expect(issue(nested.body).message).toContain('nested deeper than 32 levels');
  });
});
