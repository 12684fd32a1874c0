import { durationMs } from './duration';

/** What a triage rule matches on: one alert's fields (globs), or a composite of several alerts. */
export interface RuleWhen {
  system?: string | undefined;
  monitor?: string | undefined;
  signal?: string | undefined;
  level?: 'warn' | 'page' | undefined;
  atLeast?: number | undefined;
  of?: string[] | undefined;
  within?: string | undefined;
}

/** The part of a triage rule that decides whether it applies. */
export interface TriageRule {
  id: string;
  when: RuleWhen;
}

/** The alert fields a rule's `when` looks at. */
export interface RuleSubject {
  system: string;
  monitor: string;
  signal: string;
  level: string;
}

/** `*` matches any run of characters; everything else literally. */
export function globMatches(glob: string | undefined, value: string): boolean {
  if (glob === undefined) return true;
  const pattern = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(value);
}

export function isComposite(rule: TriageRule): boolean {
  return rule.when.atLeast !== undefined;
}

/** Whether one alert satisfies a single-alert rule (`level: warn` also takes pages). */
export function matchesAlert(rule: TriageRule, alert: RuleSubject): boolean {
  const { when } = rule;
  if (isComposite(rule)) return false;
  if (when.level === 'page' && alert.level !== 'page') return false;
  return (
    globMatches(when.system, alert.system) &&
    globMatches(when.monitor, alert.monitor) &&
    globMatches(when.signal, alert.signal)
  );
}

/** Whether an `of` entry (a glob over signal or monitor id) names this alert. */
function names(glob: string, alert: RuleSubject): boolean {
  return globMatches(glob, alert.signal) || globMatches(glob, alert.monitor);
}

/**
 * Whether a composite rule fires on `alert`, given the alerts of the system within its window:
 * the alert must itself be one the rule names in `of`, and at least `atLeast` distinct entries
 * of `of` (each a glob over signal or monitor id) must be alerting, it included. Another alert of
 * the same system (a fairness alert during a degradation) is not filed under the rule.
 */
export function matchesComposite(rule: TriageRule, alert: RuleSubject, recent: readonly RuleSubject[]): boolean {
  const { when } = rule;
  if (!isComposite(rule) || !when.of || when.atLeast === undefined) return false;
  if (!globMatches(when.system, alert.system)) return false;
  if (when.level === 'page' && alert.level !== 'page') return false;
  if (!when.of.some((glob) => names(glob, alert))) return false;
  const pool = [alert, ...recent].filter((a) => when.level !== 'page' || a.level === 'page');
  const satisfied = when.of.filter((glob) => pool.some((a) => names(glob, a)));
  return satisfied.length >= when.atLeast;
}

export function compositeWindowMs(rule: TriageRule): number {
  return rule.when.within === undefined ? 0 : durationMs(rule.when.within);
}
