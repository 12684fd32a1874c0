import { type Integration, type IntegrationKind, IntegrationMapping } from '@firebreak/contract';
import type { IntegrationRow } from './store';

/** Where each kind of integration posts. */
export const ENDPOINTS: Record<IntegrationKind, string> = {
  alertmanager: '/api/v1/inbound/alertmanager',
  grafana: '/api/v1/inbound/grafana',
  pagerduty: '/api/v1/inbound/pagerduty',
  cloudevents: '/api/v1/inbound/cloudevents',
};

/** The API's view of an integration: never its secret or the secret's digest. */
export function presentIntegration(row: IntegrationRow): Integration {
  const kind = row.kind as IntegrationKind;
  return {
    id: row.id,
    name: row.name,
    kind,
    description: row.description,
    mapping: IntegrationMapping.parse(row.mapping),
    endpoint: ENDPOINTS[kind],
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    rotatedAt: row.rotatedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
