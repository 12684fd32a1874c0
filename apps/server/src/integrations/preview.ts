import {
  type IntegrationKind,
  IntegrationMapping,
  type PreviewAlert,
  type PreviewRequest,
  type PreviewResult,
  type TriageRule,
} from '@firebreak/contract';
import { isComposite, matchesAlert, matchesComposite, type RuleSubject } from '@firebreak/core';
import type { Ctx } from '../context';
import { listRules } from '../triage/rules-store';
import { FORMATS } from './formats';
import { type MappedAlert, mapAlerts } from './mapping';
import { requireIntegration } from './service';

/**
 * The replay console: reads a payload as its endpoint would, maps it with an integration's
 * settings (or the given or default ones) and names the triage rule each alert would meet
 * first. It only reads: nothing is stored, no rule runs, nobody is told.
 */
export async function previewPayload({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: PreviewRequest & { format: PreviewResult['format'] };
}): Promise<PreviewResult> {
  const integration = input.integration ? await requireIntegration(ctx.db, input.integration) : undefined;
  const mapping = IntegrationMapping.parse(input.mapping ?? integration?.mapping ?? {});
  const headers = Object.fromEntries(
    Object.entries(input.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const format = FORMATS[input.format];
  const base = { format: input.format, alerts: [], events: [], rejected: [], truncatedAlerts: 0, warnings: [] };
  const formatInput = { body: input.payload, headers, mapping, prefix: 'payload.' };
  if (format.produces === 'events') return { ...base, produces: 'events', ...format.map(formatInput) };
  const normalized = format.normalize(formatInput);
  const source = integration
    ? { id: integration.id, name: integration.name, kind: integration.kind as IntegrationKind }
    : { id: 'INT-0', name: 'preview', kind: input.format as IntegrationKind };
  const mapped = mapAlerts(source, mapping, normalized.alerts, normalized.truncatedAlerts);
  const rules = await listRules(ctx.db);
  const subjects = mapped.map(subjectOf);
  return {
    ...base,
    produces: 'alerts',
    alerts: mapped.map((alert, index) =>
      present(
        alert,
        alert.external.status === 'firing'
          ? ruleFor(
              rules,
              subjects[index]!,
              subjects.filter((_, other) => other !== index),
            )
          : undefined,
        ctx.now(),
      ),
    ),
    truncatedAlerts: normalized.truncatedAlerts,
    warnings: normalized.warnings,
  };
}

const subjectOf = (alert: MappedAlert): RuleSubject => ({
  system: alert.system,
  monitor: alert.monitor,
  signal: alert.signal,
  level: alert.level,
});

/** The first rule that would match; a composite rule sees the payload's other alerts as its recent ones. */
function ruleFor(rules: readonly TriageRule[], subject: RuleSubject, others: RuleSubject[]): TriageRule | undefined {
  const sameSystem = others.filter((other) => other.system === subject.system);
  return rules.find((rule) =>
    isComposite(rule) ? matchesComposite(rule, subject, sameSystem) : matchesAlert(rule, subject),
  );
}

function present(alert: MappedAlert, rule: TriageRule | undefined, now: Date): PreviewAlert {
  const { external } = alert;
  return {
    fingerprint: alert.fingerprint,
    sourceFingerprint: external.sourceFingerprint,
    system: alert.system,
    monitor: alert.monitor,
    signal: alert.signal,
    level: alert.level,
    status: external.status,
    startsAt: (external.startsAt ?? now).toISOString(),
    endsAt: external.endsAt?.toISOString() ?? null,
    summary: external.summary,
    labels: external.labels,
    rule: rule
      ? {
          id: rule.id,
          declares: rule.then.declare,
          type: rule.then.type ?? null,
          severity: rule.then.severity ?? null,
        }
      : null,
  };
}
