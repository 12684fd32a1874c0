import { describeChange, describeState, initialState, type RequestedChange } from '@firebreak/core';
import type { Tx } from '../db/connect';
import { nextState } from './service';
import { type ControlRow, listApprovals, listControlRows } from './store';

const minute = (at: Date) => `${at.toISOString().slice(0, 16)}Z`;

/**
 * What an incident leaves behind when it ends: each control of its systems still away from the
 * state its card declares (containment in effect), and each change still waiting for a second
 * person. One line each, for the response, the CLI and the timeline; nothing is undone here,
 * since lifting containment is a decision a person makes and records.
 */
export async function standingContainment(tx: Tx, systems: readonly string[]): Promise<string[]> {
  if (systems.length === 0) return [];
  const rows = await listControlRows(tx, { systems });
  const warnings: string[] = [];
  for (const row of rows) {
    const state = row.state;
    // A flush is done once done: a cache's generation is history, not containment in effect.
    if (state.kind === 'cache') continue;
    const declared = initialState(row.definition);
    if (describeState(state) === describeState(declared)) continue;
    const until = row.expiresAt ? `, until ${minute(row.expiresAt)} unless renewed` : '';
    warnings.push(
      `containment still in effect: ${row.key} ${describeState(state)} since ${minute(row.updatedAt)} by ${row.updatedBy}${row.incidentId ? ` for ${row.incidentId}` : ''}${until} (its card says ${describeState(declared)})`,
    );
  }
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const pending = (await listApprovals(tx, { status: 'pending' })).filter((approval) => byKey.has(approval.key));
  for (const approval of pending.reverse()) {
    warnings.push(
      `approval ${approval.id} still pending: ${describePending(byKey.get(approval.key)!, approval.change)}, asked by ${approval.requestedBy}`,
    );
  }
  return warnings;
}

/** The change an approval asks for, as one line against the control's current state. */
export function describePending(row: ControlRow, change: RequestedChange): string {
  try {
    return describeChange(row.key, row.state, nextState(row, change, new Date()));
  } catch {
    return `a change to ${row.key}`;
  }
}
