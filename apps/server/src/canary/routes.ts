import {
  AcceptCanaryRiskRequest,
  CanaryRun,
  CanaryStatus,
  CancelCanaryRequest,
  ControlKeyParams,
  ShadowStatus,
  StartCanaryRequest,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security } from '../http/openapi';
import { acceptCanaryRisk, cancelCanary, getCanaryView, startCanary } from './service';
import { getShadowView } from './shadow';

const tags = ['controls'];

/** Canary runs and shadow comparisons on route controls (issue 13, ADRs 28 and 31). */
export function canaryRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/controls/{key}/canary',
      tags,
      summary: "A route's canary run in progress, or its last: plan, steps with counts and verdicts, evidence",
      security,
      ...needs('viewer'),
      request: { params: ControlKeyParams },
      responses: { 200: json(CanaryStatus, 'The run, or null when the route never had one'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await getCanaryView({ ctx: c.var.ctx, key: c.req.valid('param').key }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/controls/{key}/canary',
      tags,
      summary: 'Start a canary: the candidate gets the first step of the plan, then the runner judges it step by step',
      security,
      ...needs('responder'),
      request: { params: ControlKeyParams, body: body(StartCanaryRequest) },
      responses: { 201: json(CanaryRun, 'The run, started'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(await startCanary({ ctx: c.var.ctx, key: c.req.valid('param').key, input: c.req.valid('json') }), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/controls/{key}/canary/cancel',
      tags,
      summary: 'Cancel the running canary: the route goes back to its active version alone',
      security,
      ...needs('responder'),
      request: { params: ControlKeyParams, body: body(CancelCanaryRequest) },
      responses: { 200: json(CanaryRun, 'The cancelled run'), ...errors(400, 401, 403, 404, 415) },
    }),
    async (c) =>
      c.json(await cancelCanary({ ctx: c.var.ctx, key: c.req.valid('param').key, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/controls/{key}/canary/accept-risk',
      tags,
      summary:
        "Accept the residual risk of the zero-tolerance segment series holding the canary's step undecided: they are then judged like any other segment series and can still abort",
      security,
      ...needs('responder'),
      request: { params: ControlKeyParams, body: body(AcceptCanaryRiskRequest) },
      responses: {
        200: json(CanaryRun, 'The run, judged again at once'),
        ...errors(400, 401, 403, 404, 409, 415),
      },
    }),
    async (c) =>
      c.json(
        await acceptCanaryRisk({ ctx: c.var.ctx, key: c.req.valid('param').key, input: c.req.valid('json') }),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/controls/{key}/shadow',
      tags,
      summary:
        "A route's shadow and its comparison with the active version: a verdict per harm signal and segment, with the evidence",
      security,
      ...needs('viewer'),
      request: { params: ControlKeyParams },
      responses: {
        200: json(ShadowStatus, 'The shadow (null when none) and its run in progress or last run (null when none)'),
        ...errors(400, 401, 404),
      },
    }),
    async (c) => c.json(await getShadowView({ ctx: c.var.ctx, key: c.req.valid('param').key }), 200),
  );
  return app;
}
