import { type AckClaims, alertTitle, verifyAckToken } from '@firebreak/channels';
import { DomainError } from '@firebreak/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Logger } from 'pino';
import { acknowledgeAlert } from '../alerts/service';
import { findAlert } from '../alerts/store';
import { systemCtx } from '../context';
import type { Db } from '../db/connect';
import type { EventBus } from '../events/bus';
import { acknowledgeIncident } from '../incidents/lifecycle';
import { loadIncident } from '../incidents/load';
import type { ChannelSettings } from '../notifications/channel-settings';
import type { NotifyConfig } from '../notifications/plan';
import { currentDirectory } from '../oncall/store';
import { ackLinkUse, useAckLink } from './store';

export interface AckRouteOptions {
  db: Db;
  log: Logger;
  events: EventBus;
  now: () => Date;
  settings: ChannelSettings;
  notify: NotifyConfig;
  /** Told after an acknowledgement, so escalation looks again at once. */
  onAcknowledged?: () => void;
}

const REFUSALS = {
  expired: 'This acknowledge link has expired. Open the war room to acknowledge there.',
  bad_signature: 'This acknowledge link is not one Firebreak signed (was it changed or cut?).',
  malformed: 'This is not a Firebreak acknowledge link (was it cut when copied?).',
} as const;

/**
 * The acknowledge link in a notification: `GET /ack?token=…` shows what it acknowledges and a
 * button (mail scanners and link previews follow GETs; they must not acknowledge), and the
 * button's `POST /ack` acknowledges as the person the link was made for. The token is signed
 * and expires; its nonce is stored in the acknowledging transaction, so the link works once.
 * Pages small enough for a phone, no script.
 */
export function ackRoutes(options: AckRouteOptions) {
  const app = new Hono();
  const verify = (token: string) => verifyAckToken(token, { secret: options.settings.ackSecret, now: options.now() });

  app.get('/ack', async (c) => {
    const token = c.req.query('token') ?? '';
    if (!token) return c.html(page('No acknowledge link', html`<p>The link has no token.</p>`), 400);
    const verified = await verify(token);
    if (!verified.ok) return c.html(page('Cannot acknowledge', html`<p>${REFUSALS[verified.reason]}</p>`), 400);
    const { claims } = verified;
    const used = await ackLinkUse(options.db, claims.nonce);
    const subject = await describeSubject(options, claims.subject);
    if (!subject) return c.html(page('Not found', html`<p>${claims.subject} does not exist.</p>`), 404);
    const who = await personName(options.db, claims.person);
    const warRoom = warRoomOf(options, claims.subject);
    if (used)
      return c.html(
        page(
          'Already used',
          html`<p>This link acknowledged ${claims.subject} at ${clock(used.usedAt.toISOString())}. A link works once.</p>
            <p><a href="${warRoom}">Open the war room</a></p>`,
        ),
        409,
      );
    return c.html(
      page(
        `Acknowledge ${claims.subject}?`,
        html`<p><strong>${subject.headline}</strong></p>
          <p>${subject.detail}</p>
          <p>${subject.state}</p>
          <form method="post" action="/ack">
            <input type="hidden" name="token" value="${token}" />
            <button type="submit">Acknowledge as ${who}</button>
          </form>
          <p><a href="${warRoom}">Open the war room</a></p>`,
      ),
    );
  });

  app.post(
    '/ack',
    bodyLimit({
      maxSize: 8 * 1024,
      onError: (c) => c.html(page('Too large', html`<p>The form is too large.</p>`), 413),
    }),
    async (c) => {
      const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const token = typeof form.token === 'string' ? form.token : '';
      if (!token)
        return c.html(page('Cannot acknowledge', html`<p>token: the form has no acknowledge token.</p>`), 400);
      const verified = await verify(token);
      if (!verified.ok) return c.html(page('Cannot acknowledge', html`<p>${REFUSALS[verified.reason]}</p>`), 400);
      const outcome = await acknowledgeByLink(options, verified.claims);
      const warRoom = warRoomOf(options, verified.claims.subject);
      if (outcome.ok) options.onAcknowledged?.();
      return c.html(
        page(outcome.title, html`<p>${outcome.message}</p><p><a href="${warRoom}">Open the war room</a></p>`),
        outcome.status,
      );
    },
  );

  return app;
}

type Outcome = { ok: boolean; status: 200 | 409; title: string; message: string };

/** Uses the link's nonce and acknowledges, in one transaction: both or neither. */
async function acknowledgeByLink(options: AckRouteOptions, claims: AckClaims): Promise<Outcome> {
  const name = await personName(options.db, claims.person);
  const ctx = systemCtx({ ...options, actor: name, role: 'responder', requestId: `ack-${claims.nonce.slice(0, 8)}` });
  try {
    return await options.db.transaction(async (tx) => {
      const at = options.now();
      const first = await useAckLink(tx, { nonce: claims.nonce, subject: claims.subject, person: claims.person, at });
      if (!first)
        return {
          ok: false,
          status: 409,
          title: 'Already used',
          message: 'This link was used already. A link works once.',
        } as const;
      const inner = { ...ctx, db: tx };
      if (isAlertId(claims.subject)) {
        const alert = await acknowledgeAlert({ ctx: inner, id: claims.subject });
        options.log.info({ alert: alert.id, person: claims.person }, 'alert acknowledged from a notification link');
        const mine = alert.acknowledged?.by === name;
        return {
          ok: true,
          status: 200,
          title: `${alert.id} acknowledged`,
          message: mine
            ? `Acknowledged as ${name}. Nobody else is paged about it; declare an incident from the alert if it is one.`
            : `${alert.acknowledged?.by} had acknowledged already.`,
        } as const;
      }
      const incident = await acknowledgeIncident({
        ctx: inner,
        id: claims.subject,
        input: { note: `acknowledged from a notification link by ${name}` },
      });
      options.log.info({ incident: incident.id, person: claims.person }, 'acknowledged from a notification link');
      const mine = incident.response.acknowledgedBy === name;
      return {
        ok: true,
        status: 200,
        title: `${incident.id} acknowledged`,
        message: mine
          ? `Acknowledged as ${name}. Escalation has stopped; you own the response until an incident commander takes it.`
          : `${incident.response.acknowledgedBy} had acknowledged already; your acknowledgement is on the timeline too.`,
      } as const;
    });
  } catch (error) {
    if (error instanceof DomainError)
      return { ok: false, status: 409, title: 'Cannot acknowledge', message: error.message };
    throw error;
  }
}

const isAlertId = (subject: string) => subject.startsWith('ALR-');

function warRoomOf(options: AckRouteOptions, subject: string): string {
  return `${options.notify.publicUrl}/${isAlertId(subject) ? 'alerts' : 'incidents'}/${subject}`;
}

/** What the confirmation page says of the incident or alert, or undefined when it does not exist. */
async function describeSubject(
  options: AckRouteOptions,
  subject: string,
): Promise<{ headline: string; detail: string; state: string } | undefined> {
  if (isAlertId(subject)) {
    const alert = await findAlert(options.db, subject);
    if (!alert) return undefined;
    return {
      headline: `[${alert.level === 'page' ? 'ALERT' : 'WARNING'}] ${alertTitle(alert)}`,
      detail: `on ${alert.system} · ${alert.status} · no incident yet`,
      state: alert.acknowledgedAt
        ? `Already acknowledged by ${alert.acknowledgedBy} at ${clock(alert.acknowledgedAt.toISOString())}.`
        : `Raised ${clock(alert.openedAt.toISOString())}.`,
    };
  }
  const incident = await loadIncident(options.db, subject, options.now()).catch(() => undefined);
  if (!incident) return undefined;
  return {
    headline: `[${incident.severity}] ${incident.title}`,
    detail: `${incident.type.replace(/_/g, ' ')} on ${incident.systems.join(', ')} · ${incident.status}`,
    state: incident.response.acknowledgedAt
      ? `Already acknowledged by ${incident.response.acknowledgedBy} at ${clock(incident.response.acknowledgedAt)}; yours is recorded too.`
      : `Acknowledge by ${clock(incident.response.deadline)}.`,
  };
}

async function personName(db: Db, id: string): Promise<string> {
  const { directory } = await currentDirectory(db);
  return directory.people.find((person) => person.id === id)?.name ?? id;
}

function clock(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function page(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title} · Firebreak</title>
        <style>
          body { font: 17px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 34rem; padding: 1.5rem 1rem; color: #1b1f24; }
          h1 { font-size: 1.4rem; }
          button { font: inherit; width: 100%; min-height: 3rem; padding: 0.75rem 1rem; border: 0; border-radius: 0.5rem; background: #b42318; color: #fff; cursor: pointer; }
          a { color: #0b57d0; }
        </style>
      </head>
      <body>
        <h1>${title}</h1>
        ${body}
      </body>
    </html>`;
}
