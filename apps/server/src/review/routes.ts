import {
  ReviewDecisionRequest,
  ReviewIdParams,
  ReviewItem,
  ReviewList,
  ReviewListQuery,
  ReviewStats,
  ReviewStatsQuery,
  SubmitReviewRequest,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security } from '../http/openapi';
import { decideReviewItem, getReviewItem, listReviewView, reviewStats, submitReviewItem } from './service';

const tags = ['review'];
export function reviewRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/review',
      tags,
      summary: 'Queue an item a human-review control routed (idempotent on system + eventId)',
      security,
      ...needs('responder', { app: true }),
      request: { body: body(SubmitReviewRequest) },
      responses: {
        201: json(ReviewItem, 'Queued'),
        200: json(ReviewItem, 'Already queued under this event id'),
        ...errors(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const { item, created } = await submitReviewItem({ ctx: c.var.ctx, input: c.req.valid('json') });
      return c.json(item, created ? 201 : 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/review',
      tags,
      summary: 'The review queue: pending items oldest first, decided ones newest first',
      security,
      ...needs('viewer'),
      request: { query: ReviewListQuery },
      responses: { 200: json(ReviewList, 'Items'), ...errors(400, 401) },
    }),
    async (c) => {
      const { limit, ...filter } = c.req.valid('query');
      return c.json(await listReviewView({ ctx: c.var.ctx, filter, limit }), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/review/stats',
      tags,
      summary: 'Review outcomes counted, for a system or an incident',
      security,
      ...needs('viewer'),
      request: { query: ReviewStatsQuery },
      responses: { 200: json(ReviewStats, 'Counts by outcome'), ...errors(400, 401) },
    }),
    async (c) => c.json(await reviewStats({ ctx: c.var.ctx, filter: c.req.valid('query') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/review/{id}',
      tags,
      summary: 'One review item with its decision',
      security,
      ...needs('viewer', { app: true }),
      request: { params: ReviewIdParams },
      responses: { 200: json(ReviewItem, 'The item'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await getReviewItem({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/review/{id}/decision',
      tags,
      summary: 'Approve, edit, refuse with a standard message, or escalate',
      security,
      ...needs('responder'),
      request: { params: ReviewIdParams, body: body(ReviewDecisionRequest) },
      responses: { 200: json(ReviewItem, 'The decided item'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(await decideReviewItem({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  return app;
}
