import type { IntegrationKind, IntegrationMapping } from '@firebreak/contract';
import { SYSTEM_ID_PATTERN } from '@firebreak/core';
import type { ExternalAlert } from './external-alert';
import { fieldErrors } from './external-alert';

/** Severity values that page unless an integration maps them otherwise; every other value warns. */
export const DEFAULT_LEVELS: Readonly<Record<string, 'warn' | 'page'>> = {
  critical: 'page',
  error: 'page',
  page: 'page',
  high: 'page',
  p1: 'page',
  sev1: 'page',
  warning: 'warn',
  warn: 'warn',
  info: 'warn',
  low: 'warn',
};

/** The system shown for an acknowledge or resolve that names none; it is never stored. */
export const UNKNOWN_SYSTEM = '(by key)';

/** Which integration an alert came through (the replay console maps without one). */
export interface Source {
  id: string;
  name: string;
  kind: IntegrationKind;
}

/** An external alert as Firebreak records it: the fields of an alert row, and what the source said. */
export interface MappedAlert {
  external: ExternalAlert;
  /** `<integration id>|<source fingerprint>`: two sources never share an alert. */
  fingerprint: string;
  system: string;
  monitor: string;
  signal: string;
  detector: string;
  level: 'warn' | 'page';
  owner: string;
  runbook: string | null;
  evidence: Record<string, unknown>;
}

/**
 * Maps every alert of a request, or refuses the whole request naming each alert whose system
 * cannot be told (so nothing of it is applied).
 */
export function mapAlerts(
  source: Source,
  mapping: IntegrationMapping,
  alerts: readonly ExternalAlert[],
  truncatedAlerts = 0,
): MappedAlert[] {
  const problems: Array<{ path: string; message: string }> = [];
  const mapped = alerts.flatMap((alert) => {
    const system = alert.labels[mapping.systemLabel] ?? mapping.defaultSystem;
    const where = `${alert.labelsPath}.${mapping.systemLabel}`;
    // An acknowledge or resolve by key (PagerDuty, CloudEvents) reaches the alert it names; it needs no system.
    if (system === undefined && alert.status !== 'firing' && alert.dedupe === 'open')
      return [mapAlert(source, mapping, alert, UNKNOWN_SYSTEM, truncatedAlerts)];
    if (system === undefined) {
      problems.push({
        path: where,
        message: `no system: add the label ${mapping.systemLabel}, or give integration ${source.name} a defaultSystem`,
      });
      return [];
    }
    if (!SYSTEM_ID_PATTERN.test(system)) {
      problems.push({
        path: where,
        message: `"${system.slice(0, 80)}" is not a system id (lower case letters, digits, . _ -, such as support-copilot)`,
      });
      return [];
    }
    return [mapAlert(source, mapping, alert, system, truncatedAlerts)];
  });
  if (problems.length > 0) throw fieldErrors(problems);
  return mapped;
}

function mapAlert(
  source: Source,
  mapping: IntegrationMapping,
  alert: ExternalAlert,
  system: string,
  truncatedAlerts: number,
): MappedAlert {
  const severity = (alert.labels[mapping.severityLabel] ?? '').toLowerCase();
  const name = alert.labels[mapping.nameLabel] ?? 'alert';
  return {
    external: alert,
    fingerprint: `${source.id}|${alert.sourceFingerprint}`,
    system,
    monitor: `${source.name}/${name}`.slice(0, 300),
    signal: `external:${source.kind}`,
    detector: source.kind,
    level: mapping.levels[severity] ?? DEFAULT_LEVELS[severity] ?? 'warn',
    owner: alert.labels.team ?? alert.labels.owner ?? source.name,
    runbook: alert.annotations.runbook_url ?? alert.labels.runbook_url ?? null,
    evidence: {
      external: {
        integration: source.id,
        kind: source.kind,
        sourceFingerprint: alert.sourceFingerprint,
        summary: alert.summary,
        labels: alert.labels,
        annotations: alert.annotations,
        startsAt: alert.startsAt?.toISOString() ?? null,
        endsAt: alert.endsAt?.toISOString() ?? null,
        ...Object.fromEntries(Object.entries(alert.details).filter(([, value]) => value !== undefined)),
        ...(truncatedAlerts > 0 ? { truncatedAlerts } : {}),
      },
    },
  };
}
