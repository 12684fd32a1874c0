import {
  type PresetActionRequest,
  type PresetApplication,
  type PresetChange,
  type PresetConfig,
  type PresetList,
  SystemCard,
} from '@firebreak/contract';
import { applyPatch, type ControlStateValue, DomainError, describeChange, invalid } from '@firebreak/core';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { requireRecoveryGates } from '../recovery/gate';
import { cardOf } from '../systems/store';
import { requireControlAccess } from './access';
import { announceCommitted, type Committed, checkIncident, commitChange, recordOnIncidents } from './commit';
import {
  appliedPresets,
  insertPresetApplication,
  lockAppliedPreset,
  markReverted,
  type PresetApplicationRow,
} from './presets-store';
import { approvalFor, versionsOf } from './service';
import { type ControlRow, lockControl, openSeriousIncidents } from './store';

/** The card's presets and tiers, and which preset is in force now. */
export async function listPresetsView({ ctx, system }: { ctx: Ctx; system: string }): Promise<PresetList> {
  const card = await requireCard(ctx.db, system);
  const applied = await appliedPresets(ctx.db, system);
  return {
    presets: (card.presets ?? []).map((preset) => {
      const row = applied.find((application) => application.preset === preset.id);
      return { ...preset, applied: row ? presentApplication(row) : null };
    }),
    tiers: card.tiers ?? {},
  };
}

/**
 * Applies a preset (a system's safe mode, a guardrail tier) as one change: every control it
 * names moves in one transaction, each on its own history and the incident's timeline, with one
 * `preset_applied` entry and one audit entry that list them all. A preset only tightens: a
 * change that would need a second person's approval (taking containment back during a SEV1 or
 * SEV2) is refused, naming the control.
 */
export function applyPreset(request: PresetRequest): Promise<PresetApplication> {
  const { ctx, system, input } = request;
  return presetChange(request, async (tx, preset, committed) => {
    if (await lockAppliedPreset(tx, system, preset.id))
      throw new DomainError('conflict', `${preset.id} is already applied to ${system}; revert it first`);
    const serious = await openSeriousIncidents(tx, system);
    const moves: { row: ControlRow; next: ControlStateValue }[] = [];
    // Locked in key order, so two presets applied at once cannot deadlock.
    for (const change of [...preset.changes].sort((a, b) => a.control.localeCompare(b.control))) {
      const row = await lockControl(tx, `${system}.${change.control}`);
      const patch = patchOf(change);
      // A control already where the preset puts it stays out of the change.
      const state = row.state as Record<string, unknown>;
      if (Object.entries(patch).every(([field, value]) => JSON.stringify(state[field]) === JSON.stringify(value)))
        continue;
      const next = applyPatch(row.state, patch, versionsOf(row), ctx.now());
      if (serious.length > 0 && (await approvalFor(tx, row, next)))
        throw invalid(
          `preset.${change.control}`,
          `${preset.id} would take containment back (${describeChange(row.key, row.state, next)}) while ${serious.join(', ')} is open; a preset only tightens`,
        );
      moves.push({ row, next });
    }
    if (moves.length === 0)
      throw new DomainError('conflict', `every control of ${preset.id} is already where it puts it; nothing to apply`);
    const reason = `${preset.id}: ${input.reason}`;
    const changes: PresetApplicationRow['changes'] = [];
    for (const { row, next } of moves) {
      const done = await commitChange(ctx, tx, row, next, {
        action: 'changed',
        reason,
        incidentId: input.incident ?? null,
      });
      committed.push(done);
      changes.push({ key: row.key, before: row.state, after: next, seq: done.control.seq });
    }
    const inserted = await insertPresetApplication(tx, {
      system,
      preset: preset.id,
      status: 'applied',
      appliedAt: ctx.now(),
      appliedBy: ctx.actor.name,
      reason: input.reason,
      incidentId: input.incident ?? null,
      changes,
      revertedAt: null,
      revertedBy: null,
      revertReason: null,
    });
    await appendAudit(tx, {
      at: ctx.now(),
      actor: ctx.actor.name,
      action: 'preset.applied',
      subject: `${system}/${preset.id}`,
      payload: { application: inserted.id, reason: input.reason, incident: input.incident ?? null, changes },
    });
    const timeline = await recordOnIncidents(ctx, tx, system, input.incident ?? null, 'preset_applied', () => ({
      application: inserted.id,
      system,
      preset: preset.id,
      reason: input.reason,
      controls: changes.map((change) => ({
        key: change.key,
        summary: describeChange(change.key, change.before, change.after),
      })),
    }));
    committed.at(-1)!.timeline.push(...timeline);
    return presentApplication(inserted);
  });
}

/**
 * Reverts the preset in force as one change: every control it moved goes back to its state
 * before, in one transaction. Refused, naming them, when someone has changed any of those
 * controls since (revert them by hand). While a SEV1 or SEV2 is open on the system, lifting it is
 * a step of recovery: only once the incident's recovery gate has passed, including an attestation
 * by someone other than the one lifting it (in place of each control's second-person approval).
 */
export function revertPreset(request: PresetRequest): Promise<PresetApplication> {
  const { ctx, system, input } = request;
  return presetChange(request, async (tx, preset, committed) => {
    const applied = await lockAppliedPreset(tx, system, preset.id);
    if (!applied) throw new DomainError('conflict', `${preset.id} is not applied to ${system}; nothing to revert`);
    // During a SEV1/SEV2, lifting the preset as one is a step of recovery: its gate must pass,
    // with a second person's attestation standing in for the approval each control would need.
    if ((await openSeriousIncidents(tx, system)).length > 0)
      await requireRecoveryGates(tx, system, ctx.actor.name, {
        secondPerson: `lifting ${preset.id} as one during a SEV1/SEV2 takes a second person's word`,
      });
    const rows: ControlRow[] = [];
    const moved: string[] = [];
    for (const change of [...applied.changes].sort((a, b) => a.key.localeCompare(b.key))) {
      const row = await lockControl(tx, change.key);
      if (row.seq !== change.seq) moved.push(`${row.key} (changed by ${row.updatedBy} since)`);
      rows.push(row);
    }
    if (moved.length > 0)
      throw new DomainError(
        'conflict',
        `${preset.id} cannot be reverted as one: ${moved.join(', ')}; revert those controls by hand`,
        { details: { changedSince: moved } },
      );
    const reason = `revert ${preset.id}: ${input.reason}`;
    for (const row of rows) {
      const before = applied.changes.find((change) => change.key === row.key)!.before;
      committed.push(
        await commitChange(ctx, tx, row, before, {
          action: 'changed',
          reason,
          incidentId: input.incident ?? applied.incidentId,
        }),
      );
    }
    const reverted = await markReverted(tx, applied.id, {
      revertedAt: ctx.now(),
      revertedBy: ctx.actor.name,
      revertReason: input.reason,
    });
    await appendAudit(tx, {
      at: ctx.now(),
      actor: ctx.actor.name,
      action: 'preset.reverted',
      subject: `${system}/${preset.id}`,
      payload: { application: applied.id, reason: input.reason, controls: rows.map((row) => row.key) },
    });
    const incident = input.incident ?? applied.incidentId;
    const timeline = await recordOnIncidents(ctx, tx, system, incident, 'preset_reverted', () => ({
      application: applied.id,
      system,
      preset: preset.id,
      reason: input.reason,
      controls: rows.map((row) => row.key),
    }));
    committed.at(-1)!.timeline.push(...timeline);
    return presentApplication(reverted);
  });
}

interface PresetRequest {
  ctx: Ctx;
  system: string;
  preset: string;
  input: PresetActionRequest;
}

/**
 * What applying and reverting share: one transaction in which the preset is found on the card,
 * the caller's access and the cited incident are checked, then `work` moves the controls; what it
 * committed is announced once the transaction is over.
 */
async function presetChange(
  { ctx, system, preset: presetId, input }: PresetRequest,
  work: (tx: Tx, preset: PresetConfig, committed: Committed[]) => Promise<PresetApplication>,
): Promise<PresetApplication> {
  const committed: Committed[] = [];
  const application = await ctx.db.transaction(async (tx) => {
    const preset = requirePreset(await requireCard(tx, system), presetId);
    await requireControlAccess(tx, ctx.actor, system);
    await checkIncident(tx, input.incident);
    return work(tx, preset, committed);
  });
  announceCommitted(ctx, committed);
  return application;
}

async function requireCard(tx: Tx, system: string): Promise<SystemCard> {
  const card = await cardOf(tx, system);
  if (!card) throw new DomainError('not_found', `system ${system} not found`, { details: { id: system } });
  return SystemCard.parse(card);
}

function requirePreset(card: SystemCard, id: string): PresetConfig {
  const preset = card.presets?.find((candidate) => candidate.id === id);
  if (preset) return preset;
  const known = (card.presets ?? []).map((candidate) => candidate.id).join(', ') || 'none';
  throw new DomainError('not_found', `${card.id} has no preset ${id} (its presets: ${known})`, {
    details: { preset: id },
  });
}

function patchOf(change: PresetChange) {
  const { control: _control, ...patch } = change;
  return patch;
}

function presentApplication(row: PresetApplicationRow): PresetApplication {
  return {
    id: row.id,
    system: row.system,
    preset: row.preset,
    status: row.status as PresetApplication['status'],
    appliedAt: row.appliedAt.toISOString(),
    appliedBy: row.appliedBy,
    reason: row.reason,
    incidentId: row.incidentId,
    changes: row.changes,
    revertedAt: row.revertedAt?.toISOString() ?? null,
    revertedBy: row.revertedBy,
    revertReason: row.revertReason,
  };
}
