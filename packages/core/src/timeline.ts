import canonicalize from 'canonicalize';

/** What happened, for each entry of an incident's timeline. */
export const TIMELINE_KINDS = [
  'declared',
  'acknowledged',
  'status_changed',
  'severity_changed',
  'type_changed',
  'details_edited',
  'onset_estimated',
  'role_assigned',
  'role_relieved',
  'decision_logged',
  'evidence_added',
  'status_update_posted',
  'status_update_published',
  'note_added',
  'alert_linked',
  'rule_applied',
  'control_changed',
  'approval_rejected',
  'alert_dismissed',
  'merged_into',
  'duplicate_merged',
  'notification_delivered',
  'notification_failed',
  'escalated',
  'key_moment_marked',
  'cause_isolated',
  'postmortem_drafted',
  'postmortem_edited',
  'postmortem_status_changed',
  'residual_risk_accepted',
  'close_requirement_waived',
  'action_added',
  'action_updated',
  'action_verified',
  'action_closed',
  'action_reopened',
  'preset_applied',
  'preset_reverted',
  'recovery_checked',
  'canary_started',
  'canary_advanced',
  'canary_completed',
  'canary_aborted',
  'canary_cancelled',
  'canary_risk_accepted',
  'canary_held',
  'shadow_regressed',
  'fact_set',
  'obligation_opened',
  'obligation_changed',
  'obligation_decided',
  'obligation_lapsed',
  'report_linked',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** The hash that stands before the first entry of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of a timeline entry that its hash covers. */
export interface ChainedFields {
  incidentId: string;
  seq: number;
  at: string;
  actor: string;
  kind: string;
  payload: unknown;
  prevHash: string;
}

export interface ChainedEntry extends ChainedFields {
  hash: string;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The hash of a timeline entry: SHA-256 over its RFC 8785 canonical JSON, so the same entry
 * hashes the same whichever store or language wrote it.
 */
export async function hashEntry(fields: ChainedFields): Promise<string> {
  const { incidentId, seq, at, actor, kind, payload, prevHash } = fields;
  const text = canonicalize({ incidentId, seq, at, actor, kind, payload: payload ?? null, prevHash });
  if (text === undefined) throw new TypeError('timeline entry cannot be serialised');
  return sha256Hex(text);
}

export interface ChainBreak {
  /** Sequence number where the chain first fails (the expected one, when an entry is missing). */
  seq: number;
  reason: string;
}

export interface ChainVerdict {
  intact: boolean;
  entries: number;
  headHash: string;
  firstBreak?: ChainBreak;
}

/**
 * Checks a timeline: sequence numbers run 1..n without gaps, each entry's stored hash is the
 * hash of its content, each links to the one before, and the chain ends at the head recorded
 * with the incident (which catches entries removed from the end).
 */
export async function verifyChain(
  entries: readonly ChainedEntry[],
  head: { length: number; hash: string },
): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  const broken = (seq: number, reason: string): ChainVerdict => ({
    intact: false,
    entries: entries.length,
    headHash: prevHash,
    firstBreak: { seq, reason },
  });
  for (const [index, entry] of entries.entries()) {
    const expectedSeq = index + 1;
    if (entry.seq !== expectedSeq) {
      return broken(expectedSeq, `entry ${expectedSeq} is missing (found ${entry.seq} in its place)`);
    }
    if (entry.prevHash !== prevHash) {
      return broken(entry.seq, `entry ${entry.seq} does not link to the entry before it (previous hash differs)`);
    }
    const recomputed = await hashEntry(entry);
    if (recomputed !== entry.hash) {
      return broken(
        entry.seq,
        `entry ${entry.seq} (${entry.kind}) was altered: its content no longer matches its hash`,
      );
    }
    prevHash = entry.hash;
  }
  if (entries.length !== head.length) {
    const seq = Math.min(entries.length, head.length) + 1;
    return broken(seq, `the incident records ${head.length} entries but ${entries.length} remain`);
  }
  if (prevHash !== head.hash) {
    return broken(entries.length, `the last entry is not the head the incident records`);
  }
  return { intact: true, entries: entries.length, headHash: prevHash };
}
