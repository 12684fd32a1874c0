import { ApiToken, CreatedToken, CreateTokenRequest, TokenIdParams, TokenList, WhoAmI } from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security } from '../http/openapi';
import { createToken, listTokensView, revokeToken } from './service';

const tags = ['tokens'];

export function tokenRoutes() {
  const app = router();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/whoami',
      tags,
      summary: 'Who the token belongs to',
      security,
      ...needs('viewer', { app: true }),
      responses: { 200: json(WhoAmI, 'The token holder'), ...errors(401) },
    }),
    (c) => {
      const actor = c.var.actor;
      return c.json({ name: actor.name, role: actor.role, tokenId: actor.tokenId ?? '' }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      tags,
      summary: 'Create an API token (admin); the secret is shown once',
      security,
      ...needs('admin'),
      request: { body: body(CreateTokenRequest) },
      responses: { 201: json(CreatedToken, 'The token and its secret'), ...errors(400, 401, 403, 415) },
    }),
    async (c) => c.json(await createToken({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      tags,
      summary: 'API tokens, without secrets (admin)',
      security,
      ...needs('admin'),
      responses: { 200: json(TokenList, 'Every token'), ...errors(401, 403) },
    }),
    async (c) => c.json(await listTokensView({ ctx: c.var.ctx }), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/tokens/{id}',
      tags,
      summary: 'Revoke an API token (admin)',
      security,
      ...needs('admin'),
      request: { params: TokenIdParams },
      responses: { 200: json(ApiToken, 'The revoked token'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await revokeToken({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );

  return app;
}
