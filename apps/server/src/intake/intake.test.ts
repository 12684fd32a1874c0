import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { notifications } from '../db/schema';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const report = (overrides: Record<string, unknown> = {}) => ({
  kind: 'user_harm',
  system: 'support-copilot',
  whatHappened: 'The assistant showed me another customer’s order number and address.\nIt happened twice.',
  when: 'yesterday around 14:00 CET',
  email: 'ana@example.com',
  consent: true,
  ...overrides,
});

const FORM_FIELDS: Record<string, string> = {
  kind: 'user_harm',
  system: 'support-copilot',
  whatHappened: 'The assistant showed me another customer’s order number and address.',
  when: 'yesterday around 14:00 CET',
  email: 'ana@example.com',
  consent: 'yes',
};

/** A multipart body as a browser sends the form, with a `started` stamp taken from the form page. */
async function formBody(
  h: Harness,
  fields: Record<string, string>,
  files: Array<{ name: string; type: string; bytes: Uint8Array }> = [],
) {
  const page = await h.app.request('/report');
  const html = await page.text();
  const started = /name="started" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const form = new FormData();
  form.set('started', started);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  for (const file of files)
    form.append('attachments', new Blob([Buffer.from(file.bytes)], { type: file.type }), file.name);
  return form;
}

describe.each(STORE_TARGETS)('external reports ($name)', (target) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(target, { intake: { limits: { perAddress: 1000, maxAttachmentBytes: 64 * 1024 } } });
  });
  afterEach(() => h.close());

  it('takes a report without a token, stores it with its attachment hashed, and shows it to responders', async () => {
    const submitted = await h.call('POST', '/api/v1/reports', {
      token: null,
      body: report({ attachments: [{ name: 'shot.png', mediaType: 'image/png', content: b64(PNG) }] }),
    });
    expect(submitted.status).toBe(201);
    const receipt = submitted.body;
    expect(receipt.reference).toMatch(/^R-[A-Z2-7]{12}$/);
    expect(receipt).toMatchObject({
      receivedAt: '2026-11-24T10:00:00.000Z',
      acknowledgeBy: '2026-11-25T10:00:00.000Z',
      updateBy: '2026-11-27T10:00:00.000Z',
      mail: true,
      attachments: [{ name: 'shot.png', size: PNG.byteLength, sha256: sha(PNG) }],
    });

    const shown = await h.call('GET', `/api/v1/reports/${receipt.reference}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      reference: receipt.reference,
      kind: 'user_harm',
      status: 'received',
      email: 'ana@example.com',
      consent: true,
      when: 'yesterday around 14:00 CET',
      attachments: [{ n: 1, name: 'shot.png', mediaType: 'image/png', sha256: sha(PNG) }],
      clocks: { acknowledgeOverdue: false, updateOverdue: false },
    });
    // The audit chain records what came in, not the reporter's words or address.
    expect(shown.body.history).toHaveLength(1);
    expect(shown.body.history[0]).toMatchObject({ action: 'received', actor: 'public:api' });
    expect(JSON.stringify(shown.body.history)).not.toContain('ana@example.com');

    const download = await h.app.request(`/api/v1/reports/${receipt.reference}/attachments/1`, {
      headers: { authorization: `Bearer ${h.tokens.responder}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('x-content-sha256')).toBe(sha(PNG));
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);

    // The queue is not public.
    expect((await h.call('GET', '/api/v1/reports', { token: null })).status).toBe(401);
    expect((await h.call('GET', `/api/v1/reports/${receipt.reference}`, { token: null })).status).toBe(401);
  });

  it.each([
    ['malformed JSON', { raw: '{"kind":' }, 400, 'body: malformed JSON'],
    ['no text', { body: report({ whatHappened: '  ' }) }, 400, 'whatHappened: must not be empty'],
    ['an unknown kind', { body: report({ kind: 'praise' }) }, 400, 'kind: expected one of user_harm, security, other'],
    ['an address without consent', { body: report({ consent: false }) }, 400, 'consent: tick it'],
    ['a bad address', { body: report({ email: 'ana-at-example' }) }, 400, 'email: expected an email address'],
    ['the honeypot filled', { body: report({ website: 'http://spam.example' }) }, 400, 'website: must stay empty'],
    [
      'a type not accepted',
      { body: report({ attachments: [{ name: 'x.exe', mediaType: 'application/x-msdownload', content: 'TVo=' }] }) },
      400,
      'attachments[0].mediaType: expected one of image/png',
    ],
    [
      'content that is not what it says',
      {
        body: report({
          attachments: [
            { name: 'x.png', mediaType: 'image/png', content: b64(new TextEncoder().encode('MZ not a png')) },
          ],
        }),
      },
      400,
      'attachments[0]: x.png: the content is not image/png as declared',
    ],
    [
      'text with NULs',
      {
        body: report({
          attachments: [{ name: 'x.txt', mediaType: 'text/plain', content: b64(new Uint8Array([65, 0, 66])) }],
        }),
      },
      400,
      'attachments[0]: x.txt: text/plain must be UTF-8 text without NUL characters',
    ],
    [
      'an attachment over the size limit',
      {
        body: report({
          attachments: [{ name: 'big.txt', mediaType: 'text/plain', content: b64(new Uint8Array(70_000).fill(65)) }],
        }),
      },
      413,
      'attachments[0]: big.txt: 70000 bytes is over the limit of 65536 bytes (64 KiB) per file',
    ],
    [
      'too many attachments',
      {
        body: report({
          attachments: Array.from({ length: 6 }, (_, i) => ({
            name: `${i}.txt`,
            mediaType: 'text/plain',
            content: 'aGk=',
          })),
        }),
      },
      400,
      'attachments: at most 5 attachments',
    ],
    [
      'a form-encoded body',
      { raw: 'kind=other', headers: { 'content-type': 'text/plain' } },
      415,
      'content-type: expected application/json or multipart/form-data',
    ],
  ])('refuses %s with a message naming the field', async (_what, request, status, message) => {
    const answer = await h.call('POST', '/api/v1/reports', { token: null, ...request });
    expect(answer.status).toBe(status);
    expect(answer.body.error.message).toContain(message);
    expect((await h.call('GET', '/api/v1/reports?status=all')).body.items).toHaveLength(0);
  });

  it('refuses a body over the intake limit before reading it', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const answer = await h.call('POST', '/api/v1/reports', {
      token: null,
      raw: JSON.stringify(report({ whatHappened: big })),
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error.message).toMatch(/^body: larger than the limit of \d+ bytes$/);
  });

  it('serves an accessible form without a token and takes it as multipart', async () => {
    const page = await h.app.request('/report');
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const id of ['system', 'whatHappened', 'when', 'attachments', 'email', 'consent'])
      expect(html).toMatch(new RegExp(`<label[^>]*for="${id}"|id="${id}"[^>]*/>\\s*<span>`));
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).not.toContain('<script');

    // Sent at once: faster than a person types.
    const fast = await formBody(h, FORM_FIELDS);
    const tooFast = await h.app.request('/report', { method: 'POST', body: fast });
    expect(tooFast.status).toBe(400);
    expect(await tooFast.text()).toContain('faster than a person types');

    const form = await formBody(h, FORM_FIELDS, [{ name: 'shot.png', type: 'image/png', bytes: PNG }]);
    h.advance(10_000);
    const sent = await h.app.request('/report', { method: 'POST', body: form });
    expect(sent.status).toBe(201);
    const receipt = await sent.text();
    const reference = /id="reference">(R-[A-Z2-7]{12})</.exec(receipt)?.[1];
    expect(reference).toBeDefined();
    expect(receipt).toContain(sha(PNG));
    const stored = await h.call('GET', `/api/v1/reports/${reference}`);
    expect(stored.body).toMatchObject({ kind: 'user_harm', attachments: [{ sha256: sha(PNG) }] });
    expect(stored.body.history[0]).toMatchObject({ actor: 'public:form', detail: { via: 'form' } });
  });

  it('shows the form again with the mistake under its field and what was typed kept', async () => {
    const form = await formBody(
      h,
      { kind: 'security', whatHappened: 'XSS in the chat widget', email: 'ana@example.com' },
      [{ name: 'tool.exe', type: 'application/x-msdownload', bytes: new Uint8Array([77, 90]) }],
    );
    h.advance(10_000);
    const answer = await h.app.request('/report', { method: 'POST', body: form });
    expect(answer.status).toBe(400);
    const html = await answer.text();
    expect(html).toContain('consent: tick it to let us mail you');
    expect(html).toContain('XSS in the chat widget');
    expect(html).toMatch(/value="security"\s+checked/);

    const withConsent = await formBody(
      h,
      { kind: 'security', whatHappened: 'XSS in the chat widget', email: 'ana@example.com', consent: 'yes' },
      [{ name: 'tool.exe', type: 'application/x-msdownload', bytes: new Uint8Array([77, 90]) }],
    );
    h.advance(10_000);
    const refused = await h.app.request('/report', { method: 'POST', body: withConsent });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('tool.exe: type application/x-msdownload is not accepted');
  });

  it('keeps the clocks, acknowledges with a mail to the reporter, updates, and closes', async () => {
    const { body: receipt } = await h.call('POST', '/api/v1/reports', { token: null, body: report() });
    const ref = receipt.reference as string;
    const { body: silent } = await h.call('POST', '/api/v1/reports', {
      token: null,
      body: report({ email: undefined, consent: false, kind: 'other' }),
    });
    expect(silent.mail).toBe(false);

    h.advance(25 * 3600_000);
    const overdue = await h.call('GET', '/api/v1/reports?overdue=true');
    expect(overdue.body.items.map((i: any) => i.reference).sort()).toEqual([ref, silent.reference].sort());
    expect(overdue.body.items[0].clocks.acknowledgeOverdue).toBe(true);

    expect(
      (await h.call('POST', `/api/v1/reports/${ref}/update`, { body: { message: 'soon' } })).body.error.message,
    ).toContain('not acknowledged yet');
    expect(
      (await h.call('POST', `/api/v1/reports/${ref}/acknowledge`, { token: h.tokens.viewer, body: {} })).status,
    ).toBe(403);

    const acked = await h.call('POST', `/api/v1/reports/${ref}/acknowledge`, {
      body: { message: 'We are checking the order lookup.' },
    });
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'dana',
      clocks: { acknowledgeOverdue: false, updateOverdue: false },
    });
    expect((await h.call('POST', `/api/v1/reports/${ref}/acknowledge`, { body: {} })).status).toBe(409);

    const mails = await h.store.db.select().from(notifications);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      channel: 'email',
      recipient: 'ana@example.com',
      incidentId: null,
      status: 'pending',
    });
    const plain = (mails[0]!.payload as any).plainMail;
    expect(plain.subject).toBe(`We are looking into your report (${ref})`);
    expect(plain.text).toContain('We are checking the order lookup.');
    expect(plain.text).toContain('We will write again by 2026-11-27 10:00 UTC');
    expect(plain.text).not.toContain('dana');

    h.advance(48 * 3600_000); // 73 h after receipt: the update is overdue
    expect((await h.call('GET', `/api/v1/reports/${ref}`)).body.clocks.updateOverdue).toBe(true);
    const updated = await h.call('POST', `/api/v1/reports/${ref}/update`, {
      body: { message: 'Fixed in the lookup.' },
    });
    expect(updated.body).toMatchObject({
      lastUpdateAt: '2026-11-27T11:00:00.000Z',
      clocks: { updateBy: '2026-11-30T11:00:00.000Z', updateOverdue: false },
    });
    const closed = await h.call('POST', `/api/v1/reports/${ref}/update`, {
      body: { message: 'Thank you.', final: true },
    });
    expect(closed.body).toMatchObject({ status: 'closed', closedBy: 'dana', clocks: { updateBy: null } });
    expect((await h.call('POST', `/api/v1/reports/${ref}/update`, { body: { message: 'again' } })).status).toBe(409);

    const keys = (await h.store.db.select().from(notifications)).map((n) => n.idempotencyKey);
    expect(keys).toEqual([`${ref}:acknowledged:1`, `${ref}:update:1`, `${ref}:closed:1`]);

    // Without an address nobody is mailed; dismissing needs a reason.
    expect(
      (await h.call('POST', `/api/v1/reports/${silent.reference}/dismiss`, { body: {} })).body.error.message,
    ).toContain('reason');
    const dismissed = await h.call('POST', `/api/v1/reports/${silent.reference}/dismiss`, {
      body: { reason: 'spam', message: 'Not for us.' },
    });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', closeReason: 'spam' });
    expect(await h.store.db.select().from(notifications)).toHaveLength(3);
    expect((await h.call('GET', '/api/v1/reports')).body.items).toHaveLength(0);
    expect((await h.call('GET', '/api/v1/reports?status=all')).body.items).toHaveLength(2);

    const history = (await h.call('GET', `/api/v1/reports/${ref}`)).body.history.map((e: any) => e.action);
    expect(history).toEqual(['received', 'acknowledged', 'updated', 'closed']);
    // Every change is on the audit chain, and the whole store still verifies.
    const verdict = await h.call('GET', '/api/v1/verify', { token: h.tokens.admin });
    expect(verdict.status).toBe(200);
    expect(verdict.body.intact).toBe(true);
  });

  it('links a report to an incident and declares one from a report, each on the incident timeline', async () => {
    const declared = await h.call('POST', '/api/v1/incidents', { body: declareBody() });
    const { body: first } = await h.call('POST', '/api/v1/reports', {
      token: null,
      body: report({ attachments: [{ name: 'shot.png', mediaType: 'image/png', content: b64(PNG) }] }),
    });
    const linked = await h.call('POST', `/api/v1/reports/${first.reference}/link`, {
      body: { incident: declared.body.id, reason: 'Same leak' },
    });
    expect(linked.status).toBe(200);
    expect(linked.body.incidentId).toBe(declared.body.id);
    const timeline = await h.call('GET', `/api/v1/incidents/${declared.body.id}/timeline`);
    const entry = timeline.body.entries.find((e: any) => e.kind === 'report_linked');
    expect(entry).toMatchObject({
      actor: 'dana',
      payload: {
        reference: first.reference,
        kind: 'user_harm',
        reason: 'Same leak',
        attachments: [{ name: 'shot.png', sha256: sha(PNG) }],
      },
    });
    expect((await h.call('GET', `/api/v1/incidents/${declared.body.id}/timeline/verify`)).body.intact).toBe(true);
    const again = await h.call('POST', `/api/v1/reports/${first.reference}/link`, { body: { incident: 'INC-1' } });
    expect(again.status).toBe(409);
    expect(
      (await h.call('POST', `/api/v1/reports/${first.reference}/link`, { body: { incident: 'INC-99' } })).status,
    ).toBe(409);

    const { body: second } = await h.call('POST', '/api/v1/reports', {
      token: null,
      body: report({ system: 'the chat on the website' }),
    });
    const noSystem = await h.call('POST', `/api/v1/reports/${second.reference}/declare`, {
      body: { type: 'privacy_leak', severity: 'SEV2' },
    });
    expect(noSystem.status).toBe(400);
    expect(noSystem.body.error.message).toContain('systems: the report names no catalog system');
    const fromReport = await h.call('POST', `/api/v1/reports/${second.reference}/declare`, {
      body: { type: 'privacy_leak', severity: 'SEV2', systems: ['support-copilot'] },
    });
    expect(fromReport.status).toBe(201);
    expect(fromReport.body.incident).toMatchObject({
      title: 'The assistant showed me another customer’s order number and address.',
      severity: 'SEV2',
    });
    expect(fromReport.body.report.incidentId).toBe(fromReport.body.incident.id);
    const kinds = (await h.call('GET', `/api/v1/incidents/${fromReport.body.incident.id}/timeline`)).body.entries.map(
      (e: any) => e.kind,
    );
    expect(kinds).toEqual(['declared', 'report_linked']);
    const unknownIncident = await h.call('POST', '/api/v1/reports', { token: null, body: report() });
    expect(
      (await h.call('POST', `/api/v1/reports/${unknownIncident.body.reference}/link`, { body: { incident: 'INC-99' } }))
        .status,
    ).toBe(404);
    expect((await h.call('GET', '/api/v1/reports/R-AAAAAAAAAAAA')).status).toBe(404);
    expect((await h.call('GET', '/api/v1/reports/nope')).body.error.message).toContain(
      'ref: expected a report reference',
    );
  });

  it('meets a flood spread over addresses with the global cap, which one address alone never uses up', async () => {
    const capped = await harness(target, {
      intake: { limits: { perAddress: 2, globalPerHour: 5, trustProxy: true } },
    });
    try {
      const from = (address: string) =>
        capped.call('POST', '/api/v1/reports', {
          token: null,
          body: report({ email: undefined, consent: false }),
          headers: { 'x-forwarded-for': `203.0.113.9, ${address}` },
        });
      const statuses = [];
      for (const address of ['198.51.100.1', '198.51.100.1', '198.51.100.1', '198.51.100.2', '198.51.100.2'])
        statuses.push((await from(address)).status);
      expect(statuses).toEqual([201, 201, 429, 201, 201]);
      const fifth = await from('2001:db8::1');
      expect(fifth.status).toBe(201);
      const over = await from('2001:db8::2'); // the same /64 as the one before, but the cap is spent anyway
      expect(over.status).toBe(429);
      expect(over.body.error.message).toContain('the report form is taking no more reports for now');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      // Responders are not the public: their API answers as before.
      expect((await capped.call('GET', '/api/v1/reports')).body.items).toHaveLength(5);
      expect((await capped.call('POST', '/api/v1/incidents', { body: declareBody() })).status).toBe(201);
    } finally {
      await capped.close();
    }
  });
});
