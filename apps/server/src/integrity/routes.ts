import { CheckpointExport, CheckpointRequest, IntegrityReport, SignedCheckpoint } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security } from '../http/openapi';
import type { CheckpointKey } from './key';
import { checkpointNow, exportView, verifyIntegrity } from './service';

const tags = ['integrity'];

function needKey(key: CheckpointKey | undefined): CheckpointKey {
  if (!key)
    throw new DomainError('conflict', 'checkpoints: this server has no checkpoint key (FIREBREAK_CHECKPOINT_KEY)');
  return key;
}

/** The store's tamper evidence: verify everything, sign a checkpoint now, export checkpoints for a third party. */
export function integrityRoutes(options: { key?: CheckpointKey | undefined }) {
  const app = router();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/verify',
      tags,
      summary: 'Verify the whole store: chains, signed checkpoints, incident records and evidence bytes',
      security,
      ...needs('viewer'),
      responses: { 200: json(IntegrityReport, 'What was checked and every problem found'), ...errors(401, 403) },
    }),
    async (c) => c.json(await verifyIntegrity({ ctx: c.var.ctx, key: options.key }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/verify',
      tags,
      summary: 'Verify the whole store against checkpoints a third party kept (an export)',
      security,
      ...needs('responder'),
      request: { body: body(CheckpointExport) },
      responses: { 200: json(IntegrityReport, 'What was checked and every problem found'), ...errors(400, 401, 403) },
    }),
    async (c) =>
      c.json(await verifyIntegrity({ ctx: c.var.ctx, key: options.key, external: c.req.valid('json') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/checkpoints',
      tags,
      summary: 'Sign a checkpoint of every chain head now',
      security,
      ...needs('responder'),
      request: { body: body(CheckpointRequest) },
      responses: { 201: json(SignedCheckpoint, 'The checkpoint'), ...errors(400, 401, 403, 409) },
    }),
    async (c) => c.json(await checkpointNow({ ctx: c.var.ctx, key: needKey(options.key) }), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/checkpoints/export',
      tags,
      summary: 'Every signed checkpoint and the public key, for a third party to keep and verify offline',
      security,
      ...needs('viewer'),
      responses: { 200: json(CheckpointExport, 'The export'), ...errors(401, 403, 409) },
    }),
    async (c) => c.json(await exportView({ ctx: c.var.ctx, key: needKey(options.key) }), 200),
  );

  return app;
}
