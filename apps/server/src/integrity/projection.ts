import { presentDecision, presentEvidence, presentStatusUpdate } from '../incidents/records-presenter';
import type { RawChainRow, readIncidentRows, readRecords } from './store';

type IncidentRow = Awaited<ReturnType<typeof readIncidentRows>>[number];
type Records = Awaited<ReturnType<typeof readRecords>>;

/** The incident fields its timeline decides, and who held which role when. */
interface Derived {
  fields: Record<string, unknown>;
  roles: Array<Record<string, unknown>>;
}

type Payload = Record<string, unknown> & { changes?: Record<string, { to: unknown }> };

const INCIDENT_FIELDS = ['title', 'summary', 'type', 'category', 'driver', 'severity', 'status', 'nearMiss', 'systems'];

/** Replays a timeline into the incident row and role history it must have produced. */
export function deriveIncident(entries: readonly RawChainRow[]): Derived {
  const fields: Record<string, unknown> = { acknowledgedAt: null, acknowledgedBy: null };
  const roles: Array<Record<string, unknown>> = [];
  const relieve = (role: unknown, at: string, by: string) => {
    const open = roles.find((r) => r.role === role && r.until === null);
    if (open) Object.assign(open, { until: at, relievedBy: by });
  };
  for (const entry of entries) {
    const p = entry.payload as Payload;
    const to = (p.to ?? {}) as Record<string, unknown>;
    const at = entry.at.toISOString();
    switch (entry.kind) {
      case 'declared':
        for (const key of INCIDENT_FIELDS) fields[key] = p[key] ?? null;
        Object.assign(fields, { declaredAt: at, declaredBy: entry.actor, severitySetAt: at });
        break;
      case 'acknowledged':
        if (p.first) Object.assign(fields, { acknowledgedAt: at, acknowledgedBy: entry.actor });
        break;
      case 'status_changed':
        fields.status = p.to;
        break;
      case 'severity_changed':
        Object.assign(fields, { severity: p.to, severitySetAt: at });
        break;
      case 'type_changed':
        Object.assign(fields, { type: to.type, category: to.category, driver: to.driver });
        break;
      case 'details_edited':
        for (const [key, change] of Object.entries(p.changes ?? {})) fields[key] = change.to;
        break;
      case 'role_assigned':
        relieve(p.role, at, entry.actor);
        roles.push({
          role: p.role,
          person: p.person,
          since: at,
          assignedBy: entry.actor,
          until: null,
          relievedBy: null,
        });
        break;
      case 'role_relieved':
        relieve(p.role, at, entry.actor);
        break;
    }
  }
  return { fields, roles };
}

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
const same = (a: unknown, b: unknown) => JSON.stringify(iso(a) ?? null) === JSON.stringify(iso(b) ?? null);

/** Where the incident row and its role history differ from what the timeline says. */
export function compareIncident(row: IncidentRow, derived: Derived, roleRows: Records['roles']): string[] {
  const problems: string[] = [];
  for (const [key, expected] of Object.entries(derived.fields)) {
    const actual = row[key as keyof IncidentRow];
    if (!same(actual, expected))
      problems.push(`${key} is ${JSON.stringify(iso(actual))} but the timeline says ${JSON.stringify(expected)}`);
  }
  const stored = roleRows.map((r) => ({
    role: r.role,
    person: r.person,
    since: iso(r.since),
    assignedBy: r.assignedBy,
    until: iso(r.until),
    relievedBy: r.relievedBy,
  }));
  if (!same(stored, derived.roles)) problems.push('the role history differs from the timeline');
  return problems;
}

/** Each decision, evidence item and status update against the timeline entry that recorded it. */
export function compareRecords(
  incidentId: string,
  entries: readonly RawChainRow[],
  records: { decisions: Records['decisions']; evidence: Records['evidence']; statusUpdates: Records['statusUpdates'] },
): string[] {
  const problems: string[] = [];
  const check = <T extends { id: string }>(
    kind: string,
    what: string,
    rows: readonly T[],
    present: (row: T) => Record<string, unknown>,
    by: string,
    atField: string,
  ) => {
    const logged = new Map(entries.filter((e) => e.kind === kind).map((e) => [String(e.payload.id), e]));
    for (const row of rows) {
      const entry = logged.get(row.id);
      logged.delete(row.id);
      if (!entry) {
        problems.push(`${what} ${row.id} is not on the timeline`);
        continue;
      }
      const { incidentId: _i, [by]: actor, [atField]: at, ...rest } = present(row);
      const drift = Object.keys({ ...rest, ...entry.payload }).filter((key) => !same(rest[key], entry.payload[key]));
      if (actor !== entry.actor || at !== entry.at.toISOString()) drift.push(by);
      if (drift.length > 0) problems.push(`${what} ${row.id} differs from its timeline entry (${drift.join(', ')})`);
    }
    for (const id of logged.keys()) problems.push(`${what} ${id} is on the timeline but missing from the store`);
  };
  const mine = <T extends { incidentId: string }>(rows: readonly T[]) =>
    rows.filter((r) => r.incidentId === incidentId);
  check('decision_logged', 'decision', mine(records.decisions), presentDecision, 'decidedBy', 'decidedAt');
  check('evidence_added', 'evidence', mine(records.evidence), presentEvidence, 'addedBy', 'addedAt');
  check(
    'status_update_posted',
    'status update',
    mine(records.statusUpdates),
    presentStatusUpdate,
    'postedBy',
    'postedAt',
  );
  return problems;
}
