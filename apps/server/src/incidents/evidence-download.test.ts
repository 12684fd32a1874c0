import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

describe.each(STORE_TARGETS)('evidence bytes on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target);
  });
  afterAll(() => h.close());

  it('are served as a download, never with the uploader’s media type (an HTML file does not render)', async () => {
    const { id } = (await h.call('POST', '/api/v1/incidents', { body: declareBody() })).body;
    const html = '<html><script>alert(document.cookie)</script></html>';
    const stored = await h.call('POST', `/api/v1/incidents/${id}/evidence`, {
      body: { kind: 'log', title: 'A page a user reported', content: html, mediaType: 'text/html' },
    });
    expect(stored.status).toBe(201);
    const response = await h.app.request(`/api/v1/incidents/${id}/evidence/${stored.body.id}/content`, {
      headers: { authorization: `Bearer ${h.tokens.viewer}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${stored.body.id}"`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-evidence-media-type')).toBe('text/html');
    expect(response.headers.get('x-content-sha256')).toBe(stored.body.sha256);
    expect(await response.text()).toBe(html);
  });
});
