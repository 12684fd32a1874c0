import type { TriageRule } from '@firebreak/contract';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import { listRules, replaceRules } from './rules-store';

export async function listRulesView({ ctx }: { ctx: Ctx }): Promise<{ rules: TriageRule[] }> {
  return { rules: await listRules(ctx.db) };
}

/** Replaces the triage rules (admin), audited. */
export async function putRules({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { rules: TriageRule[] };
}): Promise<{ rules: TriageRule[] }> {
  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await replaceRules(tx, input.rules, at, ctx.actor.name);
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'rules.replaced',
      subject: 'triage-rules',
      payload: { rules: input.rules },
    });
  });
  return { rules: input.rules };
}
