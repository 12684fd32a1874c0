/**
 * Every PostgreSQL advisory-lock key the server takes, in one list so two never collide (the
 * leader lock once shared the audit lock's key). A lock serialises one kind of work across every
 * process on the database: replicas, workers, a CLI on the same store. Keys are in the 7,311,xxx
 * range; `alert:<fingerprint>` locks are hashed from their text instead and so cannot meet these.
 */
export const LOCKS = {
  /** Migrations on start: one process migrates, the others wait (session lock, db/connect.ts). */
  migration: 7_311_001,
  /** The audit chain's appends, so each entry links to the one before (audit/store.ts). */
  audit: 7_311_002,
  /** Signed checkpoints of the chains (integrity/store.ts). */
  checkpoint: 7_311_003,
  /** Appends to the telemetry log, so positions commit in order (telemetry/store.ts). */
  telemetryAppend: 7_311_004,
  /** Creating the first admin token on an empty store (tokens/store.ts). */
  tokenBootstrap: 7_311_005,
  /** Dismissal-based tuning of monitors (alerts/tuning-store.ts). */
  tuning: 7_311_021,
  /** The elected leader that runs scheduled work once (session lock, db/leader.ts). */
  leader: 7_311_043,
} as const;
