import { type AckClaims, verifyAckToken } from '@firebreak/channels';
import { DomainError } from '@firebreak/core';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Logger } from 'pino';
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
    const incident = await loadIncident(options.db, claims.incidentId, options.now()).catch(() => undefined);
    if (!incident) return c.html(page('Incident not found', html`<p>${claims.incidentId} does not exist.</p>`), 404);
    const who = await personName(options.db, claims.person);
    const warRoom = `${options.notify.publicUrl}/incidents/${incident.id}`;
    if (used)
      return c.html(
        page(
          'Already used',
          html`<p>This link acknowledged ${incident.id} at ${clock(used.usedAt.toISOString())}. A link works once.</p>
            <p><a href="${warRoom}">Open the war room</a></p>`,
        ),
        409,
      );
    const state = incident.response.acknowledgedAt
      ? html`<p>Already acknowledged by ${incident.response.acknowledgedBy} at ${clock(incident.response.acknowledgedAt)}; yours is recorded too.</p>`
      : html`<p>Acknowledge by ${clock(incident.response.deadline)}.</p>`;
    return c.html(
      page(
        `Acknowledge ${incident.id}?`,
        html`<p><strong>[${incident.severity}] ${incident.title}</strong></p>
          <p>${incident.type.replace(/_/g, ' ')} on ${incident.systems.join(', ')} · ${incident.status}</p>
          ${state}
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
      const warRoom = `${options.notify.publicUrl}/incidents/${verified.claims.incidentId}`;
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
      const first = await useAckLink(tx, {
        nonce: claims.nonce,
        incidentId: claims.incidentId,
        person: claims.person,
        at,
      });
      if (!first)
        return {
          ok: false,
          status: 409,
          title: 'Already used',
          message: 'This link was used already. A link works once.',
        } as const;
      const incident = await acknowledgeIncident({
        ctx: { ...ctx, db: tx },
        id: claims.incidentId,
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
