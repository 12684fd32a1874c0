import type { TriageRule } from '@firebreak/contract';

/**
 * How many events an alert rests on: the flagged events of a rate signal (`hits`), else the
 * observations in its window. What a rule's `containAtLeast` is compared with.
 */
export function alertEventCount(evidence: Record<string, unknown> | null | undefined): number {
  const window = (evidence?.window ?? {}) as { observed?: unknown; summary?: Record<string, unknown> };
  for (const value of [window.summary?.hits, window.summary?.count, window.summary?.total, window.observed])
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  return 0;
}

/**
 * Why a rule must not contain by itself on this alert (too few events behind it; ADR 0014), or
 * null when it may. The incident is declared either way: only taking containment is held back.
 *
 * @example
 * containmentHeldBack({ then: { containAtLeast: 3, contain: [{ kill: 'auto-send' }] } }, { evidence: { window: { summary: { hits: 1 } } } })
 * // 'the alert rests on 1 event; rule … contains automatically from 3'
 */
export function containmentHeldBack(
  rule: Pick<TriageRule, 'id' | 'then'>,
  alert: { evidence?: Record<string, unknown> | null },
): string | null {
  const needed = rule.then.containAtLeast ?? 1;
  if (rule.then.contain.length === 0 || needed <= 1) return null;
  const seen = alertEventCount(alert.evidence);
  if (seen >= needed) return null;
  return `Triage rule ${rule.id} did not contain automatically: the alert rests on ${seen} event${seen === 1 ? '' : 's'} and the rule contains by itself from ${needed}; decide whether to contain.`;
}
