import type {
  Alert,
  CanaryDecision,
  CanarySignalSettings,
  CanaryStepRecord,
  IntegrationMapping,
  OnCallDirectory,
  PostmortemSection,
  ReviewItem,
  SystemCard,
  TriageProposal,
  TriageRule,
  Verification,
} from '@firebreak/contract';
import type {
  BundleContents,
  ControlDefinition,
  ControlStateValue,
  ExerciseClockSegment,
  ExerciseInjectState,
  RequestedChange,
  Scenario,
} from '@firebreak/core';
import type { canary, EngineState } from '@firebreak/detection';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// Conventions (docs/adr/0003): text for strings, timestamptz for times, ids with a readable
// prefix drawn from a sequence, append-only tables guarded by a trigger (see the migrations).
// A jsonb column holding a value of the domain is typed with its core or contract type
// (`$type`), so reads come back typed; the type does not change the SQL.

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const incidentNumbers = pgSequence('incident_number_seq');
export const decisionNumbers = pgSequence('decision_number_seq');
export const evidenceNumbers = pgSequence('evidence_number_seq');
export const statusUpdateNumbers = pgSequence('status_update_number_seq');
export const tokenNumbers = pgSequence('token_number_seq');
export const exerciseNumbers = pgSequence('exercise_number_seq');
export const integrationNumbers = pgSequence('integration_number_seq');

export const incidents = pgTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    number: integer('number').notNull().unique(),
    title: text('title').notNull(),
    summary: text('summary'),
    type: text('type').notNull(),
    category: text('category').notNull(),
    driver: text('driver').notNull(),
    severity: text('severity').notNull(),
    severitySetAt: at('severity_set_at').notNull(),
    status: text('status').notNull(),
    nearMiss: boolean('near_miss').notNull().default(false),
    systems: text('systems').array().notNull(),
    declaredAt: at('declared_at').notNull(),
    declaredBy: text('declared_by').notNull(),
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    updatedAt: at('updated_at').notNull(),
    timelineLength: integer('timeline_length').notNull().default(0),
    timelineHead: text('timeline_head').notNull(),
    /** The drill (DRL-n) the incident belongs to: never in real metrics, channels or the status page (ADR 37). */
    exerciseId: text('exercise_id'),
  },
  (t) => [
    index('incidents_status_idx').on(t.status),
    index('incidents_declared_at_idx').on(t.declaredAt),
    index('incidents_exercise_idx').on(t.exerciseId),
  ],
);

export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id),
    seq: integer('seq').notNull(),
    at: at('at').notNull(),
    actor: text('actor').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('timeline_events_incident_seq_idx').on(t.incidentId, t.seq)],
);

export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id),
    role: text('role').notNull(),
    person: text('person').notNull(),
    since: at('since').notNull(),
    assignedBy: text('assigned_by').notNull(),
    until: at('until'),
    relievedBy: text('relieved_by'),
  },
  (t) => [
    index('role_assignments_incident_idx').on(t.incidentId),
    uniqueIndex('role_assignments_one_holder_idx').on(t.incidentId, t.role).where(sql`${t.until} is null`),
  ],
);

export const decisions = pgTable('decisions', {
  id: text('id').primaryKey(),
  incidentId: text('incident_id')
    .notNull()
    .references(() => incidents.id),
  observation: text('observation').notNull(),
  hypothesis: text('hypothesis'),
  test: text('test'),
  decision: text('decision').notNull(),
  rationale: text('rationale'),
  evidence: text('evidence').array().notNull(),
  decidedAt: at('decided_at').notNull(),
  decidedBy: text('decided_by').notNull(),
});

export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  content: bytea('content').notNull(),
  size: integer('size').notNull(),
  createdAt: at('created_at').notNull(),
});

export const evidence = pgTable('evidence', {
  id: text('id').primaryKey(),
  incidentId: text('incident_id')
    .notNull()
    .references(() => incidents.id),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  description: text('description'),
  modelVersion: text('model_version'),
  promptVersion: text('prompt_version'),
  windowStart: at('window_start'),
  windowEnd: at('window_end'),
  mediaType: text('media_type'),
  sha256: text('sha256').notNull(),
  size: integer('size'),
  storage: text('storage').notNull(),
  uri: text('uri'),
  addedAt: at('added_at').notNull(),
  addedBy: text('added_by').notNull(),
});

export const statusUpdates = pgTable('status_updates', {
  id: text('id').primaryKey(),
  incidentId: text('incident_id')
    .notNull()
    .references(() => incidents.id),
  audience: text('audience').notNull(),
  whatHappened: text('what_happened').notNull(),
  impact: text('impact').notNull(),
  currentStatus: text('current_status').notNull(),
  nextSteps: text('next_steps').notNull(),
  asks: text('asks'),
  nextUpdateAt: at('next_update_at'),
  incidentStatus: text('incident_status').notNull(),
  severity: text('severity').notNull(),
  postedAt: at('posted_at').notNull(),
  postedBy: text('posted_by').notNull(),
});

export const systems = pgTable('systems', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  owner: text('owner').notNull(),
  riskTier: text('risk_tier').notNull(),
  card: jsonb('card').$type<SystemCard>().notNull(),
  revision: integer('revision').notNull(),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
  /** Set on a drill's copy of a system (its exercise space, ADR 37). */
  exerciseId: text('exercise_id'),
});

export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: at('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  lastUsedAt: at('last_used_at'),
  revokedAt: at('revoked_at'),
  revokedBy: text('revoked_by'),
  /** After this the token is refused (null: it does not expire). */
  expiresAt: at('expires_at'),
  /** The systems an app token speaks for (null: any; ADR 0014). */
  systems: text('systems').array(),
});

/** Changes that are not to an incident (catalog, tokens), hash-chained like a timeline. */
export const auditLog = pgTable('audit_log', {
  seq: integer('seq').primaryKey(),
  at: at('at').notNull(),
  actor: text('actor').notNull(),
  action: text('action').notNull(),
  subject: text('subject').notNull(),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/**
 * Superseded by telemetry_batches (migration 0004); kept until a later migration drops it, as
 * expand/contract migrations do. Nothing reads or writes it.
 */
export const telemetry = pgTable(
  'telemetry',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    system: text('system').notNull(),
    ts: at('ts').notNull(),
    kind: text('kind').notNull(),
    eventId: text('event_id'),
    event: jsonb('event').$type<Record<string, unknown>>().notNull(),
    receivedAt: at('received_at').notNull(),
  },
  (t) => [
    index('telemetry_system_ts_idx').on(t.system, t.ts),
    index('telemetry_received_at_idx').on(t.receivedAt),
    index('telemetry_event_id_idx').on(t.system, t.eventId),
  ],
);

/**
 * The durable telemetry log: one row per accepted batch, in arrival order (`seq` is the offset
 * detection consumes from). The batch is the unit the 202 promised, so it is the unit written:
 * one row, the valid events as a JSON array. Rows are pruned after the retention period.
 */
export const telemetryBatches = pgTable(
  'telemetry_batches',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    receivedAt: at('received_at').notNull(),
    count: integer('count').notNull(),
    systems: text('systems').array().notNull(),
    /** The batch's valid events, a JSON array (text: stored and read back as sent, no jsonb parsing). */
    events: text('events').notNull(),
  },
  (t) => [index('telemetry_batches_received_at_idx').on(t.receivedAt)],
);

export const alertNumbers = pgSequence('alert_number_seq');
export const proposalNumbers = pgSequence('triage_proposal_number_seq');

/** Alerts raised by monitors; one row per firing episode of a fingerprint (system|monitor|segment). */
export const alerts = pgTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    fingerprint: text('fingerprint').notNull(),
    system: text('system').notNull(),
    monitor: text('monitor').notNull(),
    signal: text('signal').notNull(),
    detector: text('detector').notNull(),
    segment: jsonb('segment').$type<Record<string, string>>(),
    level: text('level').notNull(),
    status: text('status').notNull(),
    openedAt: at('opened_at').notNull(),
    onset: at('onset').notNull(),
    lastAt: at('last_at').notNull(),
    resolvedAt: at('resolved_at'),
    value: doublePrecision('value').notNull(),
    threshold: doublePrecision('threshold').notNull(),
    score: doublePrecision('score').notNull(),
    owner: text('owner').notNull(),
    runbook: text('runbook'),
    evidence: jsonb('evidence').$type<Alert['evidence']>().notNull(),
    incidentId: text('incident_id').references(() => incidents.id),
    suppressedUntil: at('suppressed_until'),
    dismissedBy: text('dismissed_by'),
    dismissedAt: at('dismissed_at'),
    dismissReason: text('dismiss_reason'),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: at('acknowledged_at'),
    /** The drill whose exercise space raised it (ADR 37). */
    exerciseId: text('exercise_id'),
  },
  (t) => [
    uniqueIndex('alerts_episode_idx').on(t.fingerprint, t.openedAt),
    index('alerts_status_idx').on(t.status),
    index('alerts_system_opened_idx').on(t.system, t.openedAt),
  ],
);

/** Silences a fingerprint until a time: its alerts are still recorded, but trigger no rule. */
export const alertSuppressions = pgTable('alert_suppressions', {
  fingerprint: text('fingerprint').primaryKey(),
  until: at('until').notNull(),
  reason: text('reason').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: at('created_at').notNull(),
});

/**
 * What dismissals taught the detection engine, append-only (trigger in the migration): a
 * dismissal as a false positive adds a tuning step to its alert's series (fingerprint), a
 * revert takes it back. `steps` is the series' count after the entry, so the latest entry of a
 * fingerprint is what the engine must hold; the runtime re-applies it after every restore.
 */
export const alertTunings = pgTable(
  'alert_tunings',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    fingerprint: text('fingerprint').notNull(),
    system: text('system').notNull(),
    monitor: text('monitor').notNull(),
    /** The alert that taught (or whose lesson was taken back). No foreign key: a truncate of alerts must not reach an append-only table. */
    alertId: text('alert_id').notNull(),
    action: text('action').notNull(),
    steps: integer('steps').notNull(),
    at: at('at').notNull(),
    actor: text('actor').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [
    index('alert_tunings_fingerprint_idx').on(t.fingerprint, t.seq),
    index('alert_tunings_alert_idx').on(t.alertId),
  ],
);

/** Triage rules in order (firebreak.yaml `rules:`); the first that matches an alert decides. */
export const triageRules = pgTable('triage_rules', {
  id: text('id').primaryKey(),
  position: integer('position').notNull(),
  rule: jsonb('rule').$type<TriageRule>().notNull(),
  updatedAt: at('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** A rule's decision waiting for a person: accept declares the incident, reject records why not. */
export const triageProposals = pgTable(
  'triage_proposals',
  {
    id: text('id').primaryKey(),
    alertId: text('alert_id')
      .notNull()
      .references(() => alerts.id),
    ruleId: text('rule_id').notNull(),
    decision: jsonb('decision').$type<TriageProposal['decision']>().notNull(),
    status: text('status').notNull(),
    createdAt: at('created_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: at('decided_at'),
    reason: text('reason'),
    incidentId: text('incident_id').references(() => incidents.id),
  },
  (t) => [uniqueIndex('triage_proposals_alert_rule_idx').on(t.alertId, t.ruleId)],
);

/**
 * The detection engine's snapshot and the telemetry offset it covers. The state is `json`, not
 * `jsonb` (migration 0015): it is only ever written and read whole, so the server need not parse
 * megabytes into jsonb on every save, and it comes back exactly as written, key order included.
 */
export const detectionSnapshots = pgTable('detection_snapshots', {
  id: text('id').primaryKey(),
  offset: bigint('offset', { mode: 'number' }).notNull(),
  state: json('state').$type<EngineState>().notNull(),
  savedAt: at('saved_at').notNull(),
});

/**
 * Scaled-out detection (ADR 42): one row per partition of the telemetry stream. The worker that
 * holds the lease (`owner` until `lease_until`) runs the partition's engine; `epoch` goes up on
 * every takeover and is the fencing token a checkpoint must still hold. `offset` is the last
 * stream sequence the `state` covers.
 */
export const detectionPartitions = pgTable('detection_partitions', {
  partition: integer('partition').primaryKey(),
  owner: text('owner'),
  epoch: integer('epoch').notNull().default(0),
  leaseUntil: at('lease_until'),
  offset: bigint('offset', { mode: 'number' }).notNull().default(0),
  state: json('state').$type<EngineState>(),
  savedAt: at('saved_at'),
});

/** Detection workers alive (seen within a lease time): each takes at most its fair share of partitions. */
export const detectionWorkers = pgTable('detection_workers', {
  id: text('id').primaryKey(),
  seenAt: at('seen_at').notNull(),
});

export const approvalNumbers = pgSequence('approval_number_seq');
export const reviewNumbers = pgSequence('review_number_seq');

/**
 * Containment controls (`<system>.<name>`): the definition from the system card, and the state
 * apps obey. `seq` is the control_changes entry that made the state, so a stream can resume
 * from any seq. A temporary change carries `expiresAt` and the state it reverts to.
 */
export const controls = pgTable(
  'controls',
  {
    key: text('key').primaryKey(),
    system: text('system').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    definition: jsonb('definition').$type<ControlDefinition>().notNull(),
    state: jsonb('state').$type<ControlStateValue>().notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    updatedAt: at('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    expiresAt: at('expires_at'),
    revertState: jsonb('revert_state').$type<ControlStateValue>(),
    incidentId: text('incident_id').references(() => incidents.id),
    /** A drill's copy of a control: only that drill's incidents may change it (ADR 37). */
    exerciseId: text('exercise_id'),
  },
  (t) => [
    index('controls_system_idx').on(t.system),
    index('controls_seq_idx').on(t.seq),
    index('controls_expires_idx').on(t.expiresAt),
  ],
);

/** Every change to every control, append-only (trigger in the migration): who, when, why, before and after. */
export const controlChanges = pgTable(
  'control_changes',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    at: at('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    reason: text('reason'),
    incidentId: text('incident_id').references(() => incidents.id),
    before: jsonb('before').$type<ControlStateValue>(),
    after: jsonb('after').$type<ControlStateValue>().notNull(),
    expiresAt: at('expires_at'),
    approvedBy: text('approved_by'),
    approvalId: text('approval_id'),
  },
  (t) => [index('control_changes_key_idx').on(t.key, t.seq)],
);

/**
 * Every bundle a `bundle` route has known (ADR 30): its immutable contents, in the order they
 * became known (`position`), who registered it and why. Deleting or pruning retires a bundle
 * (`retired_at`) instead of removing the row, so its version can never name other contents.
 */
export const controlBundles = pgTable(
  'control_bundles',
  {
    position: bigserial('position', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    version: text('version').notNull(),
    contents: jsonb('contents').$type<BundleContents>().notNull(),
    registeredAt: at('registered_at').notNull(),
    registeredBy: text('registered_by').notNull(),
    reason: text('reason').notNull(),
    incidentId: text('incident_id').references(() => incidents.id),
    retiredAt: at('retired_at'),
    retiredBy: text('retired_by'),
    retireReason: text('retire_reason'),
  },
  (t) => [uniqueIndex('control_bundles_version_idx').on(t.key, t.version)],
);

/** A change that waits for a second person's approval. */
export const controlApprovals = pgTable(
  'control_approvals',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    status: text('status').notNull(),
    why: text('why').notNull(),
    change: jsonb('change').$type<RequestedChange>().notNull(),
    /** The control's seq when requested: an approval of a control that moved since is refused. */
    baseSeq: bigint('base_seq', { mode: 'number' }).notNull(),
    requestedBy: text('requested_by').notNull(),
    requestedByToken: text('requested_by_token'),
    requestedAt: at('requested_at').notNull(),
    decidedBy: text('decided_by'),
    decidedAt: at('decided_at'),
    decisionReason: text('decision_reason'),
  },
  (t) => [index('control_approvals_status_idx').on(t.status)],
);

export const presetNumbers = pgSequence('preset_application_number_seq');

/**
 * A preset (a named set of control changes, e.g. a system's safe mode) applied as one change:
 * each control's state before and after and the control_changes seq that made it, so it can be
 * reverted as one, and only while no one has changed those controls since.
 */
export const presetApplications = pgTable(
  'preset_applications',
  {
    id: text('id').primaryKey(),
    system: text('system').notNull(),
    preset: text('preset').notNull(),
    status: text('status').notNull(),
    appliedAt: at('applied_at').notNull(),
    appliedBy: text('applied_by').notNull(),
    reason: text('reason').notNull(),
    incidentId: text('incident_id').references(() => incidents.id),
    changes: jsonb('changes')
      .$type<{ key: string; before: ControlStateValue; after: ControlStateValue; seq: number }[]>()
      .notNull(),
    revertedAt: at('reverted_at'),
    revertedBy: text('reverted_by'),
    revertReason: text('revert_reason'),
  },
  (t) => [index('preset_applications_system_idx').on(t.system, t.preset, t.status)],
);

/** Items a human-review control routed to people instead of straight to the user. */
export const reviewItems = pgTable(
  'review_items',
  {
    id: text('id').primaryKey(),
    system: text('system').notNull(),
    controlKey: text('control_key'),
    incidentId: text('incident_id').references(() => incidents.id),
    eventId: text('event_id'),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    routedBecause: text('routed_because'),
    status: text('status').notNull(),
    createdAt: at('created_at').notNull(),
    submittedBy: text('submitted_by').notNull(),
    /** The token that queued the item: an app reads only its own (ADR 0014). */
    submittedByToken: text('submitted_by_token'),
    decidedBy: text('decided_by'),
    decidedAt: at('decided_at'),
    decision: jsonb('decision').$type<NonNullable<ReviewItem['decision']>>(),
  },
  (t) => [
    index('review_items_status_idx').on(t.status, t.createdAt),
    index('review_items_system_idx').on(t.system),
    uniqueIndex('review_items_event_idx').on(t.system, t.eventId),
  ],
);

/**
 * Signed checkpoints of every chain head (docs/adr/0013): each incident's timeline, the audit
 * log, and the list of incidents. `body` is the canonical JSON that was signed, kept as text so
 * it verifies byte for byte; the key that signed it is outside the database.
 */
export const checkpoints = pgTable('checkpoints', {
  seq: integer('seq').primaryKey(),
  at: at('at').notNull(),
  keyId: text('key_id').notNull(),
  body: text('body').notNull(),
  signature: text('signature').notNull(),
});

/**
 * The notification outbox (docs/adr/0022): one row per message to one recipient on one channel,
 * written in the same transaction as the change that causes it and delivered by a worker. The
 * idempotency key is unique, so enqueueing the same notification twice keeps one row, and it is
 * sent with every attempt so a receiver can drop repeats. While a row is `delivering`,
 * `next_attempt_at` is the end of its lease: a worker that died mid-delivery leaves a row that
 * becomes due again when the lease runs out.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    idempotencyKey: text('idempotency_key').notNull(),
    incidentId: text('incident_id'),
    /** The channel kind: webhook, email, slack, teams, pagerduty. */
    channel: text('channel').notNull(),
    /** Where it goes, in the channel's terms: a URL, an address, a routing key. */
    recipient: text('recipient').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** pending, delivering, delivered or failed. */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull(),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    deliveredAt: at('delivered_at'),
    /** A drill's notification: held (never sent) or re-addressed to the drill's channel (ADR 37). */
    exerciseId: text('exercise_id'),
  },
  (t) => [
    uniqueIndex('notifications_idempotency_key_idx').on(t.idempotencyKey),
    index('notifications_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'delivering')`),
    index('notifications_incident_idx').on(t.incidentId),
    check('notifications_status_check', sql`${t.status} in ('pending', 'delivering', 'delivered', 'failed', 'held')`),
  ],
);

/**
 * Every version of the on-call directory (firebreak.yaml's people, teams, schedules, overrides
 * and notifications), applied whole by `firebreak system apply`; the highest revision is in
 * force. Append-only, so a page sent last week can be traced to the schedule that decided it.
 */
export const directoryRevisions = pgTable('directory_revisions', {
  revision: bigserial('revision', { mode: 'number' }).primaryKey(),
  at: at('at').notNull(),
  actor: text('actor').notNull(),
  document: jsonb('document').$type<OnCallDirectory>().notNull(),
});

/**
 * Escalation steps carried out, one row per firing (its key names the run, policy, pass, step and
 * reason: docs/notifications.md). Inserting the key is what claims the firing, so two servers or a
 * restart never fire one step twice. Append-only.
 */
export const escalationFirings = pgTable(
  'escalation_firings',
  {
    key: text('key').primaryKey(),
    incidentId: text('incident_id').notNull(),
    policy: text('policy').notNull(),
    firedAt: at('fired_at').notNull(),
  },
  (t) => [index('escalation_firings_incident_idx').on(t.incidentId)],
);

/**
 * Acknowledge links used: the nonce of each, stored in the transaction that acknowledges, so a
 * link works once (a forwarded mail cannot acknowledge again). Append-only.
 */
export const acknowledgeLinkUses = pgTable('acknowledge_link_uses', {
  nonce: text('nonce').primaryKey(),
  incidentId: text('incident_id').notNull(),
  person: text('person').notNull(),
  usedAt: at('used_at').notNull(),
});

export const actionNumbers = pgSequence('action_number_seq');
export const verificationNumbers = pgSequence('verification_number_seq');

/**
 * One postmortem per incident. Its sections are a jsonb map by section id; every change also
 * goes on the incident's timeline with the new content, so the history is the timeline's.
 */
export const postmortems = pgTable(
  'postmortems',
  {
    incidentId: text('incident_id').primaryKey(),
    status: text('status').notNull(),
    owner: text('owner'),
    dueAt: at('due_at'),
    template: text('template').notNull(),
    sections: jsonb('sections').$type<Record<string, PostmortemSection>>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: at('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: at('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    publishedAt: at('published_at'),
    publishedBy: text('published_by'),
  },
  (t) => [index('postmortems_status_idx').on(t.status)],
);

/** Corrective and preventive actions (CAPA) of an incident; changes are on the incident's timeline. */
export const actions = pgTable(
  'actions',
  {
    id: text('id').primaryKey(),
    number: integer('number').notNull().unique(),
    incidentId: text('incident_id').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    type: text('type').notNull(),
    category: text('category').notNull(),
    priority: text('priority').notNull(),
    status: text('status').notNull(),
    owner: text('owner'),
    dueAt: at('due_at'),
    systems: text('systems').array().notNull(),
    tracker: text('tracker'),
    verification: jsonb('verification').$type<Verification>(),
    createdAt: at('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: at('updated_at').notNull(),
    closedAt: at('closed_at'),
    closedBy: text('closed_by'),
  },
  (t) => [
    index('actions_incident_idx').on(t.incidentId),
    index('actions_owner_idx').on(t.owner),
    index('actions_status_idx').on(t.status),
  ],
);

/** Every verification run of an action, passed or not: a record, append-only. */
export const actionVerifications = pgTable(
  'action_verifications',
  {
    id: text('id').primaryKey(),
    number: integer('number').notNull().unique(),
    actionId: text('action_id').notNull(),
    kind: text('kind').notNull(),
    passed: boolean('passed').notNull(),
    summary: text('summary').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    at: at('at').notNull(),
    by: text('by').notNull(),
    trigger: text('trigger').notNull(),
  },
  (t) => [index('action_verifications_action_idx').on(t.actionId)],
);

/** The 30/60/90-day follow-ups that have run: one row each, append-only. */
export const actionFollowUps = pgTable(
  'action_follow_ups',
  {
    actionId: text('action_id').notNull(),
    day: integer('day').notNull(),
    doneAt: at('done_at').notNull(),
    outcome: text('outcome').notNull(),
  },
  (t) => [uniqueIndex('action_follow_ups_key').on(t.actionId, t.day)],
);

export const canaryNumbers = pgSequence('canary_run_number_seq');

/**
 * Canary runs (issue 13, ADR 28): a route's candidate version judged step by step. The counts of
 * each step and the telemetry offset they were read up to change in one transaction, so a
 * restart neither loses nor double counts an accepted event.
 */
export const canaryRuns = pgTable(
  'canary_runs',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    system: text('system').notNull(),
    target: text('target').notNull(),
    baseline: text('baseline').notNull(),
    candidate: text('candidate').notNull(),
    stickyBy: text('sticky_by').notNull(),
    state: text('state').notNull(),
    plan: jsonb('plan').$type<canary.CanaryStep[]>().notNull(),
    signals: text('signals').array().notNull(),
    /** How each signal is judged, resolved at the start; empty on runs from before (defaults). */
    signalSettings: jsonb('signal_settings').$type<Record<string, CanarySignalSettings>>().notNull().default({}),
    segmentBy: text('segment_by'),
    alpha: doublePrecision('alpha').notNull(),
    tests: integer('tests').notNull(),
    step: integer('step').notNull(),
    steps: jsonb('steps').$type<CanaryStepRecord[]>().notNull(),
    /** The telemetry log position (telemetry_batches.seq) the counts include. */
    telemetrySeq: bigint('telemetry_seq', { mode: 'number' }).notNull(),
    lastDecision: jsonb('last_decision').$type<CanaryDecision>(),
    reason: text('reason').notNull(),
    incidentId: text('incident_id').references(() => incidents.id),
    startedAt: at('started_at').notNull(),
    startedBy: text('started_by').notNull(),
    endedAt: at('ended_at'),
    endedBy: text('ended_by'),
    endReason: text('end_reason'),
  },
  (t) => [
    uniqueIndex('canary_runs_one_running_idx').on(t.key).where(sql`${t.state} = 'running'`),
    index('canary_runs_key_idx').on(t.key, t.startedAt),
  ],
);

export const shadowNumbers = pgSequence('shadow_run_number_seq');

/**
 * Shadow runs (issue 13, ADR 32): a route's shadow version compared with its active version on
 * the telemetry the app reports for both, like a canary with no steps. One run per shadow a
 * route had: it starts when a change sets the shadow and ends when one changes or clears it, or
 * when the comparison finds the shadow version doing more harm (it then stops the shadow).
 */
export const shadowRuns = pgTable(
  'shadow_runs',
  {
    id: text('id').primaryKey(),
    key: text('key').notNull(),
    system: text('system').notNull(),
    target: text('target').notNull(),
    baseline: text('baseline').notNull(),
    candidate: text('candidate').notNull(),
    percent: doublePrecision('percent').notNull(),
    stickyBy: text('sticky_by').notNull(),
    /** `running`, `regressed` (stopped by the comparison) or `stopped` (by a change of the route). */
    state: text('state').notNull(),
    signals: text('signals').array().notNull(),
    /** How each signal is judged, resolved at the start; empty on runs from before (defaults). */
    signalSettings: jsonb('signal_settings').$type<Record<string, CanarySignalSettings>>().notNull().default({}),
    segmentBy: text('segment_by'),
    alpha: doublePrecision('alpha').notNull(),
    tests: integer('tests').notNull(),
    /** One period: the shadow's share is constant over a run (a change of it starts another run). */
    steps: jsonb('steps').$type<CanaryStepRecord[]>().notNull(),
    /** The telemetry log position (telemetry_batches.seq) the counts include. */
    telemetrySeq: bigint('telemetry_seq', { mode: 'number' }).notNull(),
    reason: text('reason'),
    incidentId: text('incident_id').references(() => incidents.id),
    startedAt: at('started_at').notNull(),
    startedBy: text('started_by').notNull(),
    endedAt: at('ended_at'),
    endedBy: text('ended_by'),
    endReason: text('end_reason'),
  },
  (t) => [
    uniqueIndex('shadow_runs_one_running_idx').on(t.key).where(sql`${t.state} = 'running'`),
    index('shadow_runs_key_idx').on(t.key, t.startedAt),
  ],
);

export const obligationNumbers = pgSequence('obligation_number_seq');

/**
 * Regulatory obligations (issue 14, ADR 33): what the rule pack opened for an incident from its
 * facts and its systems' cards, one row per rule and stage, with the person's decision. Every
 * change to a row is also an entry on the incident's timeline, which is the audit record.
 */
export const obligations = pgTable(
  'obligations',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id),
    system: text('system').notNull(),
    ruleId: text('rule_id').notNull(),
    stage: text('stage').notNull(),
    regime: text('regime').notNull(),
    article: text('article').notNull(),
    title: text('title').notNull(),
    recipient: text('recipient').notNull(),
    trigger: text('trigger').notNull(),
    clockStart: at('clock_start').notNull(),
    counting: text('counting').notNull(),
    due: at('due').notNull(),
    dueRolled: at('due_rolled'),
    governedBy: text('governed_by'),
    source: jsonb('source').$type<{ citation: string; url: string }>().notNull(),
    applicability: text('applicability').notNull(),
    state: text('state').notNull(),
    openedAt: at('opened_at').notNull(),
    decidedAt: at('decided_at'),
    decidedBy: text('decided_by'),
    submittedAt: at('submitted_at'),
    reference: text('reference'),
    reportUrl: text('report_url'),
    reportSha256: text('report_sha256'),
    justification: text('justification'),
    packVersion: text('pack_version').notNull(),
  },
  (t) => [
    uniqueIndex('obligations_incident_rule_stage_idx').on(t.incidentId, t.system, t.ruleId, t.stage),
    index('obligations_pending_due_idx').on(t.state, t.due),
  ],
);

/**
 * The public status page (issue 14, ADR 35). What each public component shows, as a responder
 * last set it: one row per component, replaced on each change; every change is also on the audit
 * log with who, when and why. A component nobody has set is operational.
 */
export const statusComponents = pgTable('status_components', {
  component: text('component').primaryKey(),
  state: text('state').notNull(),
  reason: text('reason').notNull(),
  incidentId: text('incident_id').references(() => incidents.id),
  setAt: at('set_at').notNull(),
  setBy: text('set_by').notNull(),
});

export const maintenanceNumbers = pgSequence('maintenance_number_seq');

/** Scheduled maintenance windows: public title and description; cancelled, never deleted. */
export const statusMaintenance = pgTable(
  'status_maintenance',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    components: text('components').array().notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    createdAt: at('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    cancelledAt: at('cancelled_at'),
    cancelledBy: text('cancelled_by'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [index('status_maintenance_ends_idx').on(t.endsAt)],
);

/**
 * Customer status updates approved for the public page: one row per published update, written
 * with its `status_update_published` timeline entry. Only these reach the page.
 */
export const statusPublications = pgTable(
  'status_publications',
  {
    updateId: text('update_id')
      .primaryKey()
      .references(() => statusUpdates.id),
    incidentId: text('incident_id')
      .notNull()
      .references(() => incidents.id),
    title: text('title').notNull(),
    components: text('components').array().notNull(),
    publishedAt: at('published_at').notNull(),
    publishedBy: text('published_by').notNull(),
    approvedAs: text('approved_as').notNull(),
  },
  (t) => [index('status_publications_incident_idx').on(t.incidentId, t.publishedAt)],
);

/**
 * External reports (issue 14, ADR 34): what users and researchers send through the public form
 * at `/report` or `POST /api/v1/reports`, kept for triage. The reference is random (it is handed
 * out and must not be guessable); the row changes as responders work it (acknowledged, updated,
 * linked, closed), and every change is on the audit chain with its subject the reference.
 */
export const externalReports = pgTable(
  'external_reports',
  {
    ref: text('ref').primaryKey(),
    kind: text('kind').notNull(),
    system: text('system'),
    whatHappened: text('what_happened').notNull(),
    occurred: text('occurred'),
    email: text('email'),
    consent: boolean('consent').notNull(),
    /** HMAC-SHA-256 of the sender's address (its /64 for IPv6) under the intake's key: abuse review without keeping IPs. */
    sourceHash: text('source_hash').notNull(),
    status: text('status').notNull(),
    receivedAt: at('received_at').notNull(),
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    lastUpdateAt: at('last_update_at'),
    incidentId: text('incident_id').references(() => incidents.id),
    closedAt: at('closed_at'),
    closedBy: text('closed_by'),
    closeReason: text('close_reason'),
  },
  (t) => [index('external_reports_status_idx').on(t.status, t.receivedAt)],
);

/** A report's attachments, append-only; the bytes are in `blobs` under their SHA-256. */
export const externalReportAttachments = pgTable(
  'external_report_attachments',
  {
    reportRef: text('report_ref')
      .notNull()
      .references(() => externalReports.ref),
    n: integer('n').notNull(),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
  },
  (t) => [uniqueIndex('external_report_attachments_ref_n_idx').on(t.reportRef, t.n)],
);

/**
 * Drills (issue 15, ADR 37): a scenario run by a facilitator in an exercise space, a copy of the
 * system and its controls under `<system>.drill-<n>`. The scenario is frozen at creation; the
 * clock is a list of segments (wall time, drill time, speed) so pauses and speed-ups map any
 * moment of the war room onto the drill's own time; every change is on the audit chain.
 */
export const exercises = pgTable(
  'exercises',
  {
    id: text('id').primaryKey(),
    number: integer('number').notNull().unique(),
    scenarioId: text('scenario_id').notNull(),
    scenario: jsonb('scenario').$type<Scenario>().notNull(),
    mode: text('mode').notNull(),
    status: text('status').notNull(),
    team: text('team').notNull(),
    facilitator: text('facilitator').notNull(),
    system: text('system').notNull(),
    spaceSystem: text('space_system').notNull(),
    channel: text('channel'),
    replayOf: text('replay_of'),
    /** A replayed incident's recording: the blob of its events and the recorded moment drill time 0 stands for. */
    replay: jsonb('replay').$type<{ sha256: string; recordedStartMs: number; events: number }>(),
    /** The speed the clock runs at when running: set at creation, changed by the facilitator. */
    speed: doublePrecision('speed').notNull().default(1),
    clock: jsonb('clock').$type<ExerciseClockSegment[]>().notNull(),
    injects: jsonb('injects').$type<ExerciseInjectState[]>().notNull(),
    /** Drill time (ms) up to which the scenario's telemetry has been fed. */
    fedUntil: bigint('fed_until', { mode: 'number' }).notNull().default(0),
    scorecard: jsonb('scorecard').$type<Record<string, unknown>>(),
    passed: boolean('passed'),
    hotwash: jsonb('hotwash').$type<Record<string, unknown>>(),
    createdAt: at('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    startedAt: at('started_at'),
    endedAt: at('ended_at'),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [
    index('exercises_status_idx').on(t.status),
    index('exercises_team_idx').on(t.team, t.createdAt),
    check('exercises_mode_check', sql`${t.mode} in ('live_fire', 'tabletop')`),
    check('exercises_status_check', sql`${t.status} in ('ready', 'running', 'paused', 'ended')`),
  ],
);

/**
 * Inbound integrations (docs/adr/0040): a source of alerts with its own secret, kept as a digest
 * like an API token's, which can post to its own endpoint and nothing else.
 */
export const integrations = pgTable(
  'integrations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    description: text('description'),
    mapping: jsonb('mapping').$type<IntegrationMapping>().notNull(),
    secretHash: text('secret_hash').notNull().unique(),
    createdAt: at('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    lastUsedAt: at('last_used_at'),
    rotatedAt: at('rotated_at'),
    rotatedBy: text('rotated_by'),
    revokedAt: at('revoked_at'),
    revokedBy: text('revoked_by'),
  },
  // A name is taken while its integration is in use; a revoked one frees it.
  (t) => [uniqueIndex('integrations_live_name_idx').on(t.name).where(sql`${t.revokedAt} is null`)],
);
