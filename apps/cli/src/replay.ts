import {
  type FirebreakConfig,
  resolveAlertBudget,
  TelemetryEvent,
  type TriageRule,
  toFieldIssues,
} from '@firebreak/contract';
import { compositeWindowMs, isComposite, matchesAlert, matchesComposite } from '@firebreak/core';
import {
  type AlertEvent,
  closeAll,
  configure,
  createEngine,
  type TelemetryEvent as EngineEvent,
  type EngineOptions,
  ingest,
  monitorsOf,
} from '@firebreak/detection';

/** An alert as `firebreak detect` prints it: the engine's alert plus the triage rule that would take it. */
export interface ReplayedAlert extends Omit<AlertEvent, 'transition'> {
  transition: 'opened' | 'escalated';
  triage?: { rule: string; type: string; severity: string; declare: boolean };
}

export interface Rejection {
  line: number;
  issues: Array<{ path: string; message: string }>;
}

const BATCH = 1000;

/**
 * Replays telemetry through the same monitors and triage rules the server runs, on the
 * simulated clock of the events' own timestamps. Each invalid line is reported and skipped.
 */
export async function replay(
  config: FirebreakConfig | undefined,
  lines: AsyncIterable<string>,
  on: { alert(alert: ReplayedAlert): void; reject(rejection: Rejection): void },
): Promise<{ events: number; rejected: number; alerts: number }> {
  const engine = createEngine([]);
  const owners = new Map<string, string>();
  const budgets = new Map<string, ReturnType<typeof resolveAlertBudget>>();
  for (const card of config?.systems ?? []) {
    configure(engine, card.id, monitorsOf(card));
    owners.set(card.id, card.owner);
    budgets.set(card.id, resolveAlertBudget(card.alertBudget));
  }
  const options: EngineOptions = {
    defaultOwner: 'unassigned',
    ownerOf: (system) => owners.get(system),
    budgetOf: (system) => budgets.get(system),
  };
  const rules = config?.rules ?? [];
  const opened: AlertEvent[] = [];
  const counts = { events: 0, rejected: 0, alerts: 0 };
  let batch: EngineEvent[] = [];
  const flush = (last = false) => {
    const alerts = ingest(engine, batch, options);
    if (last) closeAll(engine, options, alerts);
    for (const alert of alerts) {
      if (alert.transition === 'resolved') continue;
      const rule = firstRule(rules, alert, opened);
      opened.push(alert);
      counts.alerts += 1;
      on.alert({
        ...(alert as ReplayedAlert),
        ...(rule
          ? {
              triage: { rule: rule.id, type: rule.then.type, severity: rule.then.severity, declare: rule.then.declare },
            }
          : {}),
      });
    }
    batch = [];
  };
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    const parsed = parseLine(line);
    if ('issues' in parsed) {
      counts.rejected += 1;
      on.reject({ line: number, issues: parsed.issues });
      continue;
    }
    counts.events += 1;
    batch.push(parsed.event);
    if (batch.length >= BATCH) flush();
  }
  // The file is complete: its last windows are judged as they stand.
  flush(true);
  return counts;
}

function parseLine(line: string): { event: EngineEvent } | { issues: Rejection['issues'] } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { issues: [{ path: '(line)', message: 'not valid JSON' }] };
  }
  const parsed = TelemetryEvent.safeParse(value);
  return parsed.success ? { event: parsed.data } : { issues: toFieldIssues(parsed.error) };
}

function firstRule(
  rules: readonly TriageRule[],
  alert: AlertEvent,
  opened: readonly AlertEvent[],
): TriageRule | undefined {
  return rules.find((rule) => {
    if (!isComposite(rule)) return matchesAlert(rule, alert);
    const since = Date.parse(alert.at) - compositeWindowMs(rule);
    const recent = opened.filter((other) => other.system === alert.system && Date.parse(other.at) >= since);
    return matchesComposite(rule, alert, recent);
  });
}
