import { type AiSystem, type ApplySystemsResponse, resolveAlertBudget, type SystemCard } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import canonicalize from 'canonicalize';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { findSystem, insertSystem, listSystems, type SystemRow, updateSystem } from './store';

export function presentSystem(row: SystemRow): AiSystem {
  const card = row.card;
  return {
    ...card,
    // Cards stored before controls existed have none.
    controls: card.controls ?? [],
    // The budget in force, so a reader sees the defaults without knowing them.
    alertBudget: resolveAlertBudget(card.alertBudget),
    revision: row.revision,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

export async function listSystemsView({ ctx }: { ctx: Ctx }): Promise<{ systems: AiSystem[] }> {
  return { systems: (await listSystems(ctx.db)).map(presentSystem) };
}

export async function getSystem({ ctx, id }: { ctx: Ctx; id: string }): Promise<AiSystem> {
  const row = await findSystem(ctx.db, id);
  if (!row) throw new DomainError('not_found', `system ${id} not found`, { details: { id } });
  return presentSystem(row);
}

/** Saves one card (created, updated or unchanged), with its audit entry; the caller holds the transaction. */
export async function saveCard(
  tx: Tx,
  ctx: Ctx,
  card: SystemCard,
  at: Date,
): Promise<ApplySystemsResponse['results'][number]> {
  const existing = await findSystem(tx, card.id);
  const columns = {
    name: card.name,
    owner: card.owner,
    riskTier: card.riskTier,
    card,
  };
  if (!existing) {
    await insertSystem(tx, {
      id: card.id,
      ...columns,
      revision: 1,
      createdAt: at,
      updatedAt: at,
      updatedBy: ctx.actor.name,
    });
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'system.created',
      subject: card.id,
      payload: { card: columns.card },
    });
    return { id: card.id, outcome: 'created', revision: 1 };
  }
  // jsonb does not keep key order: compare canonical forms.
  if (canonicalize(existing.card) === canonicalize(columns.card)) {
    return { id: card.id, outcome: 'unchanged', revision: existing.revision };
  }
  const revision = existing.revision + 1;
  await updateSystem(tx, card.id, { ...columns, revision, updatedAt: at, updatedBy: ctx.actor.name });
  await appendAudit(tx, {
    at,
    actor: ctx.actor.name,
    action: 'system.updated',
    subject: card.id,
    payload: { revision, before: existing.card, after: columns.card },
  });
  return { id: card.id, outcome: 'updated', revision };
}
