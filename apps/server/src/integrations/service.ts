import { randomBytes } from 'node:crypto';
import {
  type CreatedIntegration,
  type CreateIntegrationRequest,
  type Integration,
  type IntegrationKind,
  IntegrationMapping,
} from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import type { Db } from '../db/connect';
import { hashToken } from '../tokens/service';
import { presentIntegration } from './presenter';
import {
  findIntegration,
  findIntegrationBySecretHash,
  findLiveIntegrationByName,
  type IntegrationRow,
  insertIntegration,
  listIntegrations,
  nextIntegrationId,
  updateIntegration,
} from './store';

// Like an API token's (ADR 5): 192 random bits, so a SHA-256 digest is enough. A prefix of its
// own, so one pasted in the wrong place is recognisable.
const newSecret = (): string => `fbi_${randomBytes(24).toString('base64url')}`;
const LAST_USED_RESOLUTION_MS = 60_000;

/** Creates an integration; its secret is in the answer and nowhere else. Audited. */
export async function createIntegration({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: CreateIntegrationRequest;
}): Promise<CreatedIntegration> {
  const secret = newSecret();
  const at = ctx.now();
  const mapping = IntegrationMapping.parse(input.mapping ?? {});
  return ctx.db.transaction(async (tx) => {
    if (await findLiveIntegrationByName(tx, input.name))
      throw new DomainError('conflict', `name: an integration named ${input.name} exists; revoke it or pick another`, {
        details: { name: input.name },
      });
    const id = await nextIntegrationId(tx);
    const row = await insertIntegration(tx, {
      id,
      name: input.name,
      kind: input.kind,
      description: input.description ?? null,
      mapping,
      secretHash: hashToken(secret),
      createdAt: at,
      createdBy: ctx.actor.name,
    });
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'integration.created',
      subject: id,
      payload: { name: input.name, kind: input.kind, mapping },
    });
    return { ...presentIntegration(row), secret };
  });
}

export async function listIntegrationsView({ ctx }: { ctx: Ctx }): Promise<{ integrations: Integration[] }> {
  return { integrations: (await listIntegrations(ctx.db)).map(presentIntegration) };
}

export async function getIntegrationView({ ctx, id }: { ctx: Ctx; id: string }): Promise<Integration> {
  return presentIntegration(await requireIntegration(ctx.db, id));
}

/** Revokes an integration: its secret is refused from now on. Audited. */
export async function revokeIntegration({ ctx, id }: { ctx: Ctx; id: string }): Promise<Integration> {
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await requireIntegration(tx, id, true);
    if (row.revokedAt) throw new DomainError('conflict', `integration ${id} was already revoked`, { details: { id } });
    const revoked = await updateIntegration(tx, id, { revokedAt: at, revokedBy: ctx.actor.name });
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'integration.revoked',
      subject: id,
      payload: { name: row.name },
    });
    return presentIntegration(revoked);
  });
}

/** Gives an integration a new secret; the old one is refused at once. Audited. */
export async function rotateIntegration({ ctx, id }: { ctx: Ctx; id: string }): Promise<CreatedIntegration> {
  const at = ctx.now();
  const secret = newSecret();
  return ctx.db.transaction(async (tx) => {
    const row = await requireIntegration(tx, id, true);
    if (row.revokedAt)
      throw new DomainError('conflict', `integration ${id} is revoked; create a new one`, { details: { id } });
    const rotated = await updateIntegration(tx, id, {
      secretHash: hashToken(secret),
      rotatedAt: at,
      rotatedBy: ctx.actor.name,
    });
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'integration.rotated',
      subject: id,
      payload: { name: row.name },
    });
    return { ...presentIntegration(rotated), secret };
  });
}

export async function requireIntegration(db: Ctx['db'], id: string, forUpdate = false): Promise<IntegrationRow> {
  const row = await findIntegration(db, id, { forUpdate });
  if (!row) throw new DomainError('not_found', `integration ${id} not found`, { details: { id } });
  return row;
}

/**
 * The integration a secret belongs to, if it is live and of the endpoint's kind. An API token is
 * no integration secret and an integration secret is no API token: the two are kept apart, so
 * neither opens the other's routes.
 */
export async function authenticateIntegration(
  db: Db,
  secret: string,
  kind: IntegrationKind,
  now: Date,
): Promise<IntegrationRow> {
  const row = await findIntegrationBySecretHash(db, hashToken(secret));
  if (!row || row.revokedAt)
    throw new DomainError('unauthenticated', 'integration secret is not valid (unknown, rotated or revoked)');
  if (row.kind !== kind)
    throw new DomainError(
      'forbidden',
      `integration ${row.id} (${row.name}) is a ${row.kind} integration; it posts to /api/v1/inbound/${row.kind}, not ${kind}`,
      { details: { kind: row.kind } },
    );
  if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS)
    await updateIntegration(db, row.id, { lastUsedAt: now });
  return row;
}
