import {
  AlertIdParams,
  IncidentIdParams,
  IncidentNotification,
  IncidentNotificationList,
  NotificationIdParams,
  NotificationPreview,
  NotificationSettings,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { errors, json, needs, router, security } from '../http/openapi';
import type { ChannelSettings } from '../notifications/channel-settings';
import {
  getNotificationSettings,
  listAlertNotifications,
  listNotifications,
  previewNotifications,
  retryNotification,
} from './service';

const tags = ['notifications'];

/** The notification rules in force, and each incident's notifications: sent, pending, failed, to come. */
export function pagingRoutes(options: { settings?: ChannelSettings | undefined; wake?: () => void }) {
  const app = router();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/notifications',
      tags,
      summary:
        'The notification matrix, escalation policies, audiences and update cadence in force, and the channels configured',
      security,
      ...needs('viewer'),
      responses: { 200: json(NotificationSettings, 'The rules, defaults filled in'), ...errors(401) },
    }),
    async (c) => c.json(await getNotificationSettings(c.var.ctx, options.settings), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/notifications',
      tags,
      summary: 'Every notification queued about an incident and how its delivery went',
      security,
      ...needs('viewer'),
      request: { params: IncidentIdParams },
      responses: { 200: json(IncidentNotificationList, 'Oldest first'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await listNotifications(c.var.ctx, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/alerts/{id}/notifications',
      tags,
      summary: 'Every notification queued about an alert no incident held (its page, warnings, escalations)',
      security,
      ...needs('viewer'),
      request: { params: AlertIdParams },
      responses: { 200: json(IncidentNotificationList, 'Oldest first'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await listAlertNotifications(c.var.ctx, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/notifications/preview',
      tags,
      summary: 'Who the matrix tells about the incident as it stands, on which channel and by when',
      security,
      ...needs('viewer'),
      request: { params: IncidentIdParams },
      responses: {
        200: json(NotificationPreview, 'The plan, its gaps and the escalation policy'),
        ...errors(400, 401, 404),
      },
    }),
    async (c) => c.json(await previewNotifications(c.var.ctx, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/notifications/{notification}/retry',
      tags,
      summary: 'Send a failed notification again, with a fresh set of attempts',
      security,
      ...needs('responder'),
      request: { params: NotificationIdParams },
      responses: {
        200: json(IncidentNotification, 'The notification, pending again'),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id, notification } = c.req.valid('param');
      const row = await retryNotification(c.var.ctx, id, notification);
      options.wake?.();
      return c.json(row, 200);
    },
  );

  return app;
}
