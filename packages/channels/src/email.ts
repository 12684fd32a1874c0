import Handlebars from 'handlebars';
import nodemailer, { type Transporter } from 'nodemailer';
import type { EmailChannelConfig } from './channel-config';
import { type AttemptOutcome, type DeliveryResult, refused } from './delivery';
import type { Notification } from './notification';
import { type DeliveryOptions, deliverWithRetry, describeError, RetryPolicy } from './retry-policy';
import { type Fact, facts, headline, subjectOf } from './wording';

/** A notification as a mail: subject, plain text and HTML. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

// Handlebars escapes every `{{ }}` for HTML (attributes included), so incident titles and
// summaries, which come from people and alerts, cannot inject markup into the mail.
const HTML_TEMPLATE = Handlebars.compile<HtmlView>(
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{{headline}}</title></head>
<body style="margin:0;padding:16px;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2328">
<h1 style="font-size:20px;margin:0 0 12px">{{headline}}</h1>
<p style="font-size:15px;line-height:1.5;margin:0 0 16px;white-space:pre-wrap">{{summary}}</p>
<table role="presentation" cellpadding="4" style="border-collapse:collapse;font-size:14px;margin:0 0 20px">
{{#each facts}}<tr><th align="left" style="color:#57606a;font-weight:600;padding-right:12px">{{label}}</th><td>{{value}}</td></tr>
{{/each}}</table>
{{#if acknowledgeUrl}}<p style="margin:0 0 12px"><a href="{{acknowledgeUrl}}" class="ack-button" style="display:inline-block;background:#cf222e;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">Acknowledge</a></p>
{{/if}}<p style="margin:0 0 12px"><a href="{{warRoomUrl}}" style="color:#0969da">Open the war room</a></p>
<p style="font-size:12px;color:#57606a;margin:24px 0 0">Sent by Firebreak to {{recipient}} about {{subjectId}}.{{#if acknowledgeUrl}} The acknowledge link is yours alone, works once and expires.{{/if}}</p>
</body></html>
`,
  { strict: true, knownHelpersOnly: true, knownHelpers: { each: true, if: true } },
);

interface HtmlView {
  headline: string;
  summary: string;
  facts: Fact[];
  acknowledgeUrl: string | undefined;
  warRoomUrl: string;
  recipient: string;
  subjectId: string;
}

/**
 * Renders a notification as a mail with a plain-text part and an HTML part whose acknowledge
 * link is a button.
 *
 * @example
 * const { subject, text, html } = renderEmail(notification);
 */
export function renderEmail(notification: Notification): RenderedEmail {
  const subject = headline(notification);
  const list = facts(notification);
  const { acknowledge, warRoom } = notification.links;
  const text = [
    subject,
    '',
    notification.summary,
    '',
    ...list.map((fact) => `${fact.label}: ${fact.value}`),
    '',
    ...(acknowledge ? [`Acknowledge: ${acknowledge}`] : []),
    `War room: ${warRoom}`,
    '',
    `Sent by Firebreak to ${notification.recipient.name} about ${subjectOf(notification).id}.`,
  ].join('\n');
  const html = HTML_TEMPLATE({
    headline: subject,
    summary: notification.summary,
    facts: list,
    acknowledgeUrl: acknowledge,
    warRoomUrl: warRoom,
    recipient: notification.recipient.name,
    subjectId: subjectOf(notification).id,
  });
  return { subject, text, html };
}

/**
 * Sends a notification to its recipient's address over SMTP, with retries. SMTP's own reply
 * classes decide: 4xx is a temporary refusal (try again), 5xx a permanent one (do not).
 *
 * @example
 * const result = await deliverEmail(config, notification, { policy: { maxAttempts: 3 } });
 */
export async function deliverEmail(
  config: EmailChannelConfig,
  notification: Notification,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const to = notification.recipient.email;
  if (!to) return refused('email', `recipient.email: ${notification.recipient.name} has no email address`);
  const mail = renderEmail(notification);
  return sendMail(
    config,
    {
      to: { name: notification.recipient.name, address: to },
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: {
        // Lets a mail client or a ticketing system that reads the mail drop a redelivery.
        'X-Firebreak-Idempotency-Key': notification.idempotencyKey,
        ...firebreakSubjectHeader(notification),
      },
    },
    options,
  );
}

/**
 * A mail that is not about an incident or an alert: what Firebreak writes to someone outside
 * the organisation (the reporter of an external report). Plain text only; no links into the
 * war room.
 */
export interface PlainEmail {
  to: string;
  subject: string;
  text: string;
  /** Stays the same across retries: the `X-Firebreak-Idempotency-Key` header. */
  idempotencyKey: string;
  /** Further `X-Firebreak-*` headers a mail filter sorts by (`X-Firebreak-Report: R-…`). */
  headers?: Record<string, string>;
}

/**
 * Sends a plain-text mail over SMTP with the same retries and reply-code reading as
 * `deliverEmail`.
 *
 * @example
 * await deliverPlainEmail(config, { to: 'ana@example.com', subject: 'Your report R-…', text, idempotencyKey: 'R-…:ack' });
 */
export async function deliverPlainEmail(
  config: EmailChannelConfig,
  mail: PlainEmail,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  return sendMail(
    config,
    {
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { 'X-Firebreak-Idempotency-Key': mail.idempotencyKey, ...mail.headers },
    },
    options,
  );
}

interface OutgoingMail {
  to: string | { name: string; address: string };
  subject: string;
  text: string;
  html?: string;
  headers: Record<string, string>;
}

async function sendMail(
  config: EmailChannelConfig,
  mail: OutgoingMail,
  options: DeliveryOptions,
): Promise<DeliveryResult> {
  const { timeoutMs } = RetryPolicy.parse(options.policy ?? {});
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls,
    auth: config.user ? { user: config.user, pass: config.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    return await deliverWithRetry('email', () => sendOnce(transport, config.from, mail), options);
  } catch (error) {
    return refused('email', describeError(error));
  } finally {
    transport.close();
  }
}

async function sendOnce(transport: Transporter, from: string, mail: OutgoingMail): Promise<AttemptOutcome> {
  try {
    const info = await transport.sendMail({ from, ...mail });
    return { ok: true, status: smtpCode(info.response ?? ''), receiverMessageId: info.messageId };
  } catch (error) {
    return smtpFailure(error);
  }
}

/** Reads nodemailer's error: an SMTP reply code when the server answered, else a connection problem. */
function smtpFailure(error: unknown): AttemptOutcome {
  const responseCode = (error as { responseCode?: unknown }).responseCode;
  const code = (error as { code?: unknown }).code;
  if (typeof responseCode === 'number') {
    return { ok: false, status: responseCode, error: describeError(error), retryable: responseCode < 500 };
  }
  // A bad login or a refused envelope will not get better by itself; a dropped connection may.
  const final = code === 'EAUTH' || code === 'EENVELOPE' || code === 'EMESSAGE';
  return { ok: false, error: describeError(error), retryable: !final };
}

function smtpCode(response: string): number | undefined {
  const match = /^(\d{3})/.exec(response);
  return match ? Number(match[1]) : undefined;
}

/** `X-Firebreak-Incident: INC-12` or `X-Firebreak-Alert: ALR-41`: what a mail filter sorts by. */
function firebreakSubjectHeader(notification: Notification): Record<string, string> {
  const subject = subjectOf(notification);
  return { [subject.kind === 'incident' ? 'X-Firebreak-Incident' : 'X-Firebreak-Alert']: subject.id };
}
