import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAckLink, verifyAckToken } from './ack-links';
import { EmailChannelConfig } from './channel-config';
import { deliverEmail, renderEmail } from './email';
import { buildAlertNotification, buildNotification } from './fixtures';

/** What the in-process SMTP server should answer to the next DATA commands, in order. */
let script: Array<'accept' | 'temporary' | 'permanent'> = [];
const received: ParsedMail[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const answer = script.shift() ?? 'accept';
          if (answer === 'temporary') return callback(Object.assign(new Error('try later'), { responseCode: 451 }));
          if (answer === 'permanent') return callback(Object.assign(new Error('no such user'), { responseCode: 550 }));
          received.push(mail);
          callback(null, 'queued as Q-1');
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(resolve)));

beforeEach(() => {
  script = [];
  received.length = 0;
});

const config = () =>
  EmailChannelConfig.parse({ kind: 'email', host: '127.0.0.1', port, from: 'Firebreak <firebreak@example.com>' });
const fast = { policy: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 } };

describe('email', () => {
  it('delivers a page as text and HTML with the acknowledge link as a button', async () => {
    const notification = buildNotification();
    const result = await deliverEmail(config(), notification, fast);

    expect(result).toMatchObject({ channel: 'email', delivered: true, status: 250, retryable: false });
    expect(result.attempts).toHaveLength(1);
    expect(result.receiverMessageId).toMatch(/^<.+@.+>$/);
    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.subject).toBe(`[SEV1] Page: INC-12 ${notification.incident!.title}`);
    expect(mail.to).toMatchObject({ value: [{ address: 'dana@example.com', name: 'Dana Reyes' }] });
    expect(mail.headers.get('x-firebreak-idempotency-key')).toBe('ntf-7-page-dana');
    expect(mail.text).toContain(`Acknowledge: ${notification.links.acknowledge}`);
    expect(mail.text).toContain('Acknowledge by: 2026-11-24 10:15 UTC');
    expect(mail.text).toContain('Owner: Sam Okafor');
    const html = String(mail.html);
    const button = /<a href="([^"]+)" class="ack-button"[^>]*>Acknowledge<\/a>/.exec(html);
    expect(decodeAttribute(button?.[1] ?? '')).toBe(notification.links.acknowledge);
    expect(html).toContain('https://firebreak.example.com/incidents/INC-12');
  });

  it('mails an alert no incident holds, headed by the alert, with what fired', async () => {
    const result = await deliverEmail(config(), buildAlertNotification(), fast);

    expect(result).toMatchObject({ delivered: true });
    const mail = received[0]!;
    expect(mail.subject).toMatch(/^\[ALERT\] Page: ALR-41 hallucination-rate saw /);
    expect(mail.headers.get('x-firebreak-alert')).toBe('ALR-41');
    expect(mail.headers.get('x-firebreak-incident')).toBeUndefined();
    expect(mail.text).toContain('Signal: hallucination_suspected rate: 0.1235 against 0.05');
    expect(mail.text).toContain('Sent by Firebreak to Dana Reyes about ALR-41.');
  });

  it('carries a signed acknowledge link that, read back from the mail, verifies as the recipient', async () => {
    const secret = 'mail-test-secret-of-32-bytes-or-more';
    const now = new Date('2026-11-24T10:00:00.000Z');
    const link = await createAckLink({
      baseUrl: 'https://firebreak.example.com/ack',
      secret,
      subject: 'INC-12',
      person: 'dana',
      ttlSeconds: 900,
      now,
    });
    const base = buildNotification();
    await deliverEmail(config(), buildNotification({ links: { ...base.links, acknowledge: link.url } }), fast);

    const html = String(received[0]?.html);
    const href = decodeAttribute(/<a href="([^"]+)" class="ack-button"/.exec(html)?.[1] ?? '');
    const token = new URL(href).searchParams.get('token') ?? '';
    expect(await verifyAckToken(token, { secret, now: new Date('2026-11-24T10:05:00.000Z') })).toMatchObject({
      ok: true,
      claims: { subject: 'INC-12', person: 'dana', nonce: link.nonce },
    });
    expect(received[0]?.text).toContain(link.url);
  });

  it('escapes the incident title and summary in the HTML part', () => {
    const { html } = renderEmail(buildNotification({ summary: 'Replies held "<img src=x onerror=alert(1)>"' }));

    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
  });

  it('leaves the button out when the notification has no acknowledge link', () => {
    const { html, text } = renderEmail(
      buildNotification({ kind: 'resolved', links: { warRoom: 'https://f.example/i' } }),
    );

    expect(html).not.toContain('ack-button');
    expect(text).not.toContain('Acknowledge:');
    expect(text.split('\n')[0]).toMatch(/^\[SEV1\] Resolved: INC-12 /);
  });

  it('retries a temporary refusal (451) and then delivers', async () => {
    script = ['temporary'];
    const result = await deliverEmail(config(), buildNotification(), fast);

    expect(result.delivered).toBe(true);
    expect(result.attempts.map((a) => a.status)).toEqual([451, 250]);
    expect(result.attempts[0]!.error).toMatch(/try later/);
    expect(received).toHaveLength(1);
  });

  it('does not retry a permanent refusal (550)', async () => {
    script = ['permanent', 'accept'];
    const result = await deliverEmail(config(), buildNotification(), fast);

    expect(result).toMatchObject({ delivered: false, status: 550, retryable: false });
    expect(result.attempts).toHaveLength(1);
    expect(received).toHaveLength(0);
  });

  it('fails retryably when nothing listens, after every attempt', async () => {
    const closed = EmailChannelConfig.parse({ kind: 'email', host: '127.0.0.1', port: 1, from: 'f@example.com' });
    const result = await deliverEmail(closed, buildNotification(), fast);

    expect(result).toMatchObject({ delivered: false, retryable: true });
    expect(result.attempts).toHaveLength(3);
    expect(result.error).toMatch(/ECONNREFUSED|ECONNECTION/);
  });

  it('refuses a recipient without an email address without trying', async () => {
    const notification = buildNotification({ recipient: { name: 'Lee' } });
    const result = await deliverEmail(config(), notification, fast);

    expect(result).toMatchObject({ delivered: false, retryable: false, attempts: [] });
    expect(result.error).toMatch(/^recipient\.email: /);
  });
});

/** Undoes the HTML escaping of an attribute value (Handlebars writes `=` as `&#x3D;`). */
function decodeAttribute(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');
}
