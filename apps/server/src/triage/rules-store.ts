import { TriageRule } from '@firebreak/contract';
import { asc } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { triageRules } from '../db/schema';

export async function listRules(tx: Tx): Promise<TriageRule[]> {
  const rows = await tx.select().from(triageRules).orderBy(asc(triageRules.position));
  return rows.map((row) => TriageRule.parse(row.rule));
}

/** Replaces the whole rule set, in order (rules are applied as a list: first match wins). */
export async function replaceRules(tx: Tx, rules: readonly TriageRule[], at: Date, by: string): Promise<void> {
  await tx.delete(triageRules);
  if (rules.length === 0) return;
  await tx.insert(triageRules).values(
    rules.map((rule, position) => ({
      id: rule.id,
      position,
      rule,
      updatedAt: at,
      updatedBy: by,
    })),
  );
}
