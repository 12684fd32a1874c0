import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { presetApplications, presetNumbers } from '../db/schema';
import { nextval } from '../db/sequence';

export type PresetApplicationRow = typeof presetApplications.$inferSelect;

export async function insertPresetApplication(
  tx: Tx,
  row: Omit<PresetApplicationRow, 'id'>,
): Promise<PresetApplicationRow> {
  const [inserted] = await tx
    .insert(presetApplications)
    .values({ ...row, id: `PRE-${await nextval(tx, presetNumbers)}` })
    .returning();
  return inserted!;
}

/** The application of this preset still in force on the system, locked for update. */
export async function lockAppliedPreset(
  tx: Tx,
  system: string,
  preset: string,
): Promise<PresetApplicationRow | undefined> {
  const [row] = await tx
    .select()
    .from(presetApplications)
    .where(
      and(
        eq(presetApplications.system, system),
        eq(presetApplications.preset, preset),
        eq(presetApplications.status, 'applied'),
      ),
    )
    .for('update');
  return row;
}

/** Every preset in force on a system. */
export async function appliedPresets(tx: Tx, system: string): Promise<PresetApplicationRow[]> {
  return tx
    .select()
    .from(presetApplications)
    .where(and(eq(presetApplications.system, system), eq(presetApplications.status, 'applied')))
    .orderBy(desc(presetApplications.appliedAt));
}

export async function markReverted(
  tx: Tx,
  id: string,
  values: { revertedAt: Date; revertedBy: string; revertReason: string },
): Promise<PresetApplicationRow> {
  const [row] = await tx
    .update(presetApplications)
    .set({ status: 'reverted', ...values })
    .where(eq(presetApplications.id, id))
    .returning();
  return row!;
}
