import { createHash } from 'node:crypto';
import type {
  Decision,
  DecisionRequest,
  Evidence,
  EvidenceRequest,
  StatusUpdate,
  StatusUpdateRequest,
} from '@firebreak/contract';
import { assertChangeable, invalid, type Status } from '@firebreak/core';
import type { Ctx } from '../context';
import { changeIncident } from './change';
import { presentDecision, presentEvidence, presentStatusUpdate } from './records-presenter';
import {
  existingEvidenceIds,
  insertDecision,
  insertEvidence,
  insertStatusUpdate,
  nextDecisionId,
  nextEvidenceId,
  nextStatusUpdateId,
  putBlob,
} from './records-store';

interface Input<T> {
  ctx: Ctx;
  id: string;
  input: T;
}

/** Logs a decision in the observation → hypothesis → test → decision frame, citing evidence by id. */
export function logDecision({ ctx, id, input }: Input<DecisionRequest>): Promise<Decision> {
  return changeIncident(ctx, id, async ({ tx, incident, at, record }) => {
    assertChangeable(incident.status as Status, 'decisions');
    const cited = [...new Set(input.evidence)];
    const known = await existingEvidenceIds(tx, id, cited);
    const missing = cited.findIndex((evidenceId) => !known.has(evidenceId));
    if (missing >= 0) throw invalid(`evidence[${missing}]`, `${cited[missing]} is not evidence on ${id}`);
    const row = {
      id: await nextDecisionId(tx),
      incidentId: id,
      observation: input.observation,
      hypothesis: input.hypothesis ?? null,
      test: input.test ?? null,
      decision: input.decision,
      rationale: input.rationale ?? null,
      evidence: cited,
      decidedAt: at,
      decidedBy: ctx.actor.name,
    };
    await insertDecision(tx, row);
    const { incidentId: _incident, decidedAt: _at, decidedBy: _by, ...payload } = row;
    await record('decision_logged', payload);
    return presentDecision(row);
  });
}

/**
 * Adds evidence. Content sent with it is hashed and kept by the server, addressed by its
 * SHA-256; content kept elsewhere is recorded by URI and the digest the caller vouches for.
 */
export function addEvidence({ ctx, id, input }: Input<EvidenceRequest>): Promise<Evidence> {
  return changeIncident(ctx, id, async ({ tx, incident, at, record }) => {
    assertChangeable(incident.status as Status, 'evidence');
    let sha256 = input.sha256;
    let size: number | null = null;
    if (input.content !== undefined) {
      const bytes = decode(input.content, input.contentEncoding);
      const digest = createHash('sha256').update(bytes).digest('hex');
      if (sha256 !== undefined && sha256 !== digest) {
        throw invalid('sha256', `does not match the content (its SHA-256 is ${digest})`);
      }
      sha256 = digest;
      size = bytes.byteLength;
      await putBlob(tx, digest, bytes, at);
    }
    const row = {
      id: await nextEvidenceId(tx),
      incidentId: id,
      kind: input.kind,
      title: input.title,
      description: input.description ?? null,
      modelVersion: input.modelVersion ?? null,
      promptVersion: input.promptVersion ?? null,
      windowStart: input.windowStart ? new Date(input.windowStart) : null,
      windowEnd: input.windowEnd ? new Date(input.windowEnd) : null,
      mediaType:
        input.mediaType ?? (input.content !== undefined && input.contentEncoding === 'utf8' ? 'text/plain' : null),
      sha256: sha256!,
      size,
      storage: input.content !== undefined ? 'server' : 'external',
      uri: input.uri ?? null,
      addedAt: at,
      addedBy: ctx.actor.name,
    };
    await insertEvidence(tx, row);
    const evidence = presentEvidence(row);
    const { incidentId: _incident, addedAt: _at, addedBy: _by, ...payload } = evidence;
    await record('evidence_added', payload);
    return evidence;
  });
}

function decode(content: string, encoding: 'utf8' | 'base64'): Uint8Array {
  if (encoding === 'utf8') return Buffer.from(content, 'utf8');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(content.replace(/\s+/g, '')) || content.replace(/\s+/g, '').length % 4 !== 0) {
    throw invalid('content', 'is not valid base64');
  }
  return Buffer.from(content, 'base64');
}

/** Posts a status update for one audience; it snapshots the incident's status and severity. */
export function postStatusUpdate({ ctx, id, input }: Input<StatusUpdateRequest>): Promise<StatusUpdate> {
  return changeIncident(ctx, id, async ({ tx, incident, at, record }) => {
    assertChangeable(incident.status as Status, 'status updates');
    if (input.nextUpdateAt !== undefined && Date.parse(input.nextUpdateAt) <= at.getTime()) {
      throw invalid('nextUpdateAt', 'must be in the future');
    }
    const row = {
      id: await nextStatusUpdateId(tx),
      incidentId: id,
      audience: input.audience,
      whatHappened: input.whatHappened,
      impact: input.impact,
      currentStatus: input.currentStatus,
      nextSteps: input.nextSteps,
      asks: input.asks ?? null,
      nextUpdateAt: input.nextUpdateAt ? new Date(input.nextUpdateAt) : null,
      incidentStatus: incident.status,
      severity: incident.severity,
      postedAt: at,
      postedBy: ctx.actor.name,
    };
    await insertStatusUpdate(tx, row);
    const update = presentStatusUpdate(row);
    const { incidentId: _incident, postedAt: _at, postedBy: _by, ...payload } = update;
    await record('status_update_posted', payload);
    return update;
  });
}
