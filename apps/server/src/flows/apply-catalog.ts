import type { AiSystem, ApplySystemsResponse, OnCallDirectory, SystemCard, TriageRule } from '@firebreak/contract';
import { invalid } from '@firebreak/core';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import { announceCommitted, type Committed } from '../controls/commit';
import { defineControls } from '../controls/define';
import { replaceDirectory } from '../oncall/service';
import { presentSystem, saveCard } from '../systems/service';
import { findSystem } from '../systems/store';
import { replaceRules } from '../triage/rules-store';

// Applying a catalog crosses domains: system cards, the controls they declare, and the triage rules.

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
  input: { systems: SystemCard[]; rules?: TriageRule[] | undefined; directory?: OnCallDirectory | undefined };
}): Promise<ApplySystemsResponse> {
  const at = ctx.now();
  const committed: Committed[] = [];
  const response = await ctx.db.transaction(async (tx) => {
    const results: ApplySystemsResponse['results'] = [];
    for (const [index, card] of input.systems.entries()) {
      results.push(await saveCard(tx, ctx, card, at));
      committed.push(...(await defineControls(ctx, tx, card.id, card.controls, `systems[${index}].controls`)));
    }
    const response: ApplySystemsResponse = { results };
    if (input.directory !== undefined) response.directory = await replaceDirectory(tx, ctx, input.directory, at);
    if (input.rules === undefined) return response;
    await replaceRules(tx, input.rules, at, ctx.actor.name);
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'rules.replaced',
      subject: 'triage-rules',
      payload: { rules: input.rules },
    });
    return { ...response, rules: input.rules.length };
  });
  announceCommitted(ctx, committed);
  return response;
}
