import {
  Exercise,
  ExerciseClockRequest,
  ExerciseIdParams,
  ExerciseInjectParams,
  ExerciseList,
  ExerciseListQuery,
  ExerciseReport,
  HotwashRequest,
  ReleaseInjectRequest,
  ScenarioList,
  StartExerciseRequest,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security, WRITE_ERRORS } from '../http/openapi';
import {
  changeClock,
  createExercise,
  exerciseReport,
  getExercise,
  hotwash,
  listExercises,
  listScenarios,
  releaseInject,
} from './service';

const tags = ['drills'];

/** Drills: scenarios, the exercise space, the facilitator's clock and injects, the hotwash and report (ADR 37). */
export function exerciseRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/exercises/scenarios',
      tags,
      summary: 'The built-in drill scenarios',
      security,
      ...needs('viewer'),
      responses: { 200: json(ScenarioList, 'The library'), ...errors(401) },
    }),
    (c) => c.json(listScenarios(), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/exercises',
      tags,
      summary: 'Drills, newest first',
      security,
      ...needs('viewer'),
      request: { query: ExerciseListQuery },
      responses: { 200: json(ExerciseList, 'The drills'), ...errors(400, 401) },
    }),
    async (c) => c.json(await listExercises({ ctx: c.var.ctx, query: c.req.valid('query') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/exercises',
      tags,
      summary:
        'Set up a drill: a scenario of the library, a scenario file, or a past incident to replay; copies the system and its controls into an exercise space',
      security,
      ...needs('responder'),
      request: { body: body(StartExerciseRequest) },
      responses: { 201: json(Exercise, 'The drill, ready to start'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) => c.json(await createExercise({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/exercises/{id}',
      tags,
      summary: 'A drill: its clock, injects, incidents and scorecard as it fills',
      security,
      ...needs('viewer'),
      request: { params: ExerciseIdParams },
      responses: { 200: json(Exercise, 'The drill'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await getExercise({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/exercises/{id}/clock',
      tags,
      summary: 'The facilitator’s clock: start, pause, resume, change speed, end (audited)',
      security,
      ...needs('responder'),
      request: { params: ExerciseIdParams, body: body(ExerciseClockRequest) },
      responses: { 200: json(Exercise, 'The drill'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(await changeClock({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/exercises/{id}/injects/{inject}/release',
      tags,
      summary: 'Release an inject now',
      security,
      ...needs('responder'),
      request: { params: ExerciseInjectParams, body: body(ReleaseInjectRequest) },
      responses: { 200: json(Exercise, 'The drill'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) => {
      const { id, inject } = c.req.valid('param');
      return c.json(await releaseInject({ ctx: c.var.ctx, id, inject, input: c.req.valid('json') }), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/exercises/{id}/hotwash',
      tags,
      summary: 'The hotwash: findings, each improvement optionally a corrective action',
      security,
      ...needs('responder'),
      request: { params: ExerciseIdParams, body: body(HotwashRequest) },
      responses: { 200: json(Exercise, 'The drill'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(await hotwash({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/exercises/{id}/report',
      tags,
      summary: 'The drill report (after-action report and improvement plan) in Markdown',
      security,
      ...needs('viewer'),
      request: { params: ExerciseIdParams },
      responses: { 200: json(ExerciseReport, 'The report'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await exerciseReport({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  return app;
}
