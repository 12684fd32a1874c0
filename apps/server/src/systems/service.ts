import type { AiSystem, ApplySystemsResponse, SystemCard, TriageRule } from '@firebreak/contract';
import { DomainError, invalid } from '@firebreak/core';
import canonicalize from 'canonicalize';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import { announceCommitted, type Committed } from '../controls/commit';
import { defineControls } from '../controls/define';
import type { Tx } from '../db/connect';
import { replaceRules } from '../triage/rules-store';
import { findSystem, insertSystem, listSystems, type SystemRow, updateSystem } from './store';

export function presentSystem(row: SystemRow): AiSystem {
  const card = row.card;
  return {
    ...card,
    // Cards stored before controls existed have none.
    controls: card.controls ?? [],
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

/** Creates or replaces one system card. */
export async function putSystem({ ctx, id, input }: { ctx: Ctx; id: string; input: SystemCard }): Promise<AiSystem> {
  if (input.id !== id) throw invalid('id', `must match the path (${id})`);
  const committed: Committed[] = [];
  const system = await ctx.db.transaction(async (tx) => {
    await saveCard(tx, ctx, input, ctx.now());
    committed.push(...(await defineControls(ctx, tx, id, input.controls, 'controls')));
    return presentSystem((await findSystem(tx, id))!);
  });
  announceCommitted(ctx, committed);
  return system;
}

/** Applies a set of system cards (firebreak.yaml) in one transaction: all or nothing. */
export async function applySystems({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { systems: SystemCard[]; rules?: TriageRule[] | undefined };
}): Promise<ApplySystemsResponse> {
  const at = ctx.now();
  const committed: Committed[] = [];
  const response = await ctx.db.transaction(async (tx) => {
    const results: ApplySystemsResponse['results'] = [];
    for (const [index, card] of input.systems.entries()) {
      results.push(await saveCard(tx, ctx, card, at));
      committed.push(...(await defineControls(ctx, tx, card.id, card.controls, `systems[${index}].controls`)));
    }
    if (input.rules === undefined) return { results };
    await replaceRules(tx, input.rules, at, ctx.actor.name);
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'rules.replaced',
      subject: 'triage-rules',
      payload: { rules: input.rules },
    });
    return { results, rules: input.rules.length };
  });
  announceCommitted(ctx, committed);
  return response;
}

async function saveCard(
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
