import { createHash, randomBytes } from 'node:crypto';
import type { ApiToken, CreatedToken, CreateTokenRequest, TokenRole } from '@firebreak/contract';
import { DomainError, durationMs } from '@firebreak/core';
import { appendAudit } from '../audit/store';
import type { Actor, Ctx } from '../context';
import type { Db } from '../db/connect';
import {
  countTokens,
  findToken,
  findTokenByHash,
  insertToken,
  listTokens,
  lockTokenBootstrap,
  nextTokenId,
  type TokenRow,
  updateToken,
} from './store';

// An app token ranks below a viewer: it reads only what APP_ROUTES lets it (http/app.ts).
const ROLE_RANK: Record<TokenRole, number> = { app: -1, viewer: 0, responder: 1, admin: 2 };
// Writing last-used on every request would turn every read into a write; once a minute is plenty.
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashToken = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');
const newSecret = (): string => `fbk_${randomBytes(24).toString('base64url')}`;

export function presentToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as TokenRole,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    systems: row.systems ?? null,
  };
}

/** True when `role` may do what `required` may. */
export function hasRole(role: TokenRole, required: TokenRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[required];
}

/**
 * Finds who holds a bearer token; unknown and revoked tokens are refused alike. An expired
 * token is refused saying so, since its holder knew a real token and needs a new one, not a typo fixed.
 */
export async function authenticate(db: Db, secret: string, now: Date): Promise<Actor> {
  const row = await findTokenByHash(db, hashToken(secret));
  if (!row || row.revokedAt !== null) {
    throw new DomainError('unauthenticated', 'API token is not valid (unknown or revoked)');
  }
  if (row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime()) {
    throw new DomainError(
      'unauthenticated',
      `API token ${row.id} (${row.name}) expired at ${row.expiresAt.toISOString()}; ask an admin for a new one (firebreak token create)`,
      { details: { tokenId: row.id, expiredAt: row.expiresAt.toISOString() } },
    );
  }
  if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await updateToken(db, row.id, { lastUsedAt: now });
  }
  return { name: row.name, role: row.role as TokenRole, tokenId: row.id, systems: row.systems ?? null };
}

/**
 * On a store with no tokens, creates the admin token: the given value (FIREBREAK_ADMIN_TOKEN,
 * for automation) or a new random one, returned so it can be shown once.
 */
export async function bootstrapAdminToken(
  db: Db,
  now: Date,
  given?: string,
): Promise<{ created: boolean; secret?: string }> {
  return db.transaction(async (tx) => {
    await lockTokenBootstrap(tx);
    if ((await countTokens(tx)) > 0) return { created: false };
    const secret = given ?? newSecret();
    const id = await nextTokenId(tx);
    await insertToken(tx, {
      id,
      name: 'admin',
      role: 'admin',
      tokenHash: hashToken(secret),
      createdAt: now,
      createdBy: 'firebreak',
    });
    await appendAudit(tx, {
      at: now,
      actor: 'firebreak',
      action: 'token.created',
      subject: id,
      payload: { name: 'admin', role: 'admin', bootstrap: true },
    });
    return given === undefined ? { created: true, secret } : { created: true };
  });
}

export async function createToken({ ctx, input }: { ctx: Ctx; input: CreateTokenRequest }): Promise<CreatedToken> {
  const secret = newSecret();
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const id = await nextTokenId(tx);
    const row = await insertToken(tx, {
      id,
      name: input.name,
      role: input.role,
      tokenHash: hashToken(secret),
      createdAt: at,
      createdBy: ctx.actor.name,
      expiresAt: input.expiresIn ? new Date(at.getTime() + durationMs(input.expiresIn)) : null,
      systems: input.systems ? [...new Set(input.systems)] : null,
    });
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'token.created',
      subject: id,
      payload: {
        name: input.name,
        role: input.role,
        expiresAt: row.expiresAt?.toISOString() ?? null,
        systems: row.systems ?? null,
      },
    });
    return { ...presentToken(row), token: secret };
  });
}

export async function listTokensView({ ctx }: { ctx: Ctx }): Promise<{ tokens: ApiToken[] }> {
  return { tokens: (await listTokens(ctx.db)).map(presentToken) };
}

export async function revokeToken({ ctx, id }: { ctx: Ctx; id: string }): Promise<ApiToken> {
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await findToken(tx, id);
    if (!row) throw new DomainError('not_found', `token ${id} not found`, { details: { id } });
    if (row.revokedAt !== null)
      throw new DomainError('conflict', `token ${id} was already revoked`, { details: { id } });
    if (row.id === ctx.actor.tokenId)
      throw new DomainError('conflict', 'a token cannot revoke itself; use another admin token');
    const revoked = await updateToken(tx, id, { revokedAt: at, revokedBy: ctx.actor.name });
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'token.revoked',
      subject: id,
      payload: { name: row.name },
    });
    return presentToken(revoked);
  });
}
