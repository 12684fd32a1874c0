import { and, asc, desc, eq, gte, inArray, isNotNull, notInArray, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { alerts, controlChanges, controls, exerciseNumbers, exercises, incidents, systems } from '../db/schema';
import { nextval } from '../db/sequence';

export type ExerciseRow = typeof exercises.$inferSelect;

export async function nextExerciseNumber(tx: Tx): Promise<number> {
  return nextval(tx, exerciseNumbers);
}

export async function insertExercise(tx: Tx, row: typeof exercises.$inferInsert): Promise<void> {
  await tx.insert(exercises).values(row);
}

export async function findExercise(tx: Tx, id: string): Promise<ExerciseRow | undefined> {
  const [row] = await tx.select().from(exercises).where(eq(exercises.id, id));
  return row;
}

/** The row, locked for the rest of the transaction: clock changes and inject releases are serial. */
export async function lockExercise(tx: Tx, id: string): Promise<ExerciseRow | undefined> {
  const [row] = await tx.select().from(exercises).where(eq(exercises.id, id)).for('update');
  return row;
}

export async function updateExercise(tx: Tx, id: string, patch: Partial<typeof exercises.$inferInsert>): Promise<void> {
  await tx.update(exercises).set(patch).where(eq(exercises.id, id));
}

export async function listExerciseRows(
  tx: Tx,
  filter: { status?: string | undefined; team?: string | undefined; limit: number },
): Promise<ExerciseRow[]> {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(exercises.status, filter.status));
  if (filter.team) conditions.push(eq(exercises.team, filter.team));
  return tx
    .select()
    .from(exercises)
    .where(and(...conditions))
    .orderBy(desc(exercises.number))
    .limit(filter.limit);
}

/** Drills under way (running or paused: a paused drill's app keeps serving): what the runner looks at each tick. */
export async function liveExercises(tx: Tx): Promise<ExerciseRow[]> {
  return tx
    .select()
    .from(exercises)
    .where(inArray(exercises.status, ['running', 'paused']))
    .orderBy(asc(exercises.number));
}

/** Marks a system copy and its controls as a drill's exercise space. */
export async function markSpace(tx: Tx, spaceSystem: string, exerciseId: string): Promise<string[]> {
  await tx.update(systems).set({ exerciseId }).where(eq(systems.id, spaceSystem));
  const rows = await tx
    .update(controls)
    .set({ exerciseId })
    .where(eq(controls.system, spaceSystem))
    .returning({ key: controls.key });
  return rows.map((row) => row.key).sort();
}

/** The drill a system copy belongs to, with the real system it copies; undefined for a real system. */
export async function exerciseOfSystems(
  tx: Tx,
  ids: readonly string[],
): Promise<Map<string, { exerciseId: string; system: string }>> {
  const found = new Map<string, { exerciseId: string; system: string }>();
  if (ids.length === 0) return found;
  const rows = await tx
    .select({ space: exercises.spaceSystem, exerciseId: exercises.id, system: exercises.system })
    .from(exercises)
    .where(inArray(exercises.spaceSystem, [...ids]));
  for (const row of rows) found.set(row.space, { exerciseId: row.exerciseId, system: row.system });
  return found;
}

/** Every system that is a drill's copy (the detection runtime runs them on their drill clock). */
export async function exerciseSystems(tx: Tx): Promise<Set<string>> {
  const rows = await tx.select({ id: systems.id }).from(systems).where(isNotNull(systems.exerciseId));
  return new Set(rows.map((row) => row.id));
}

export async function spaceControls(tx: Tx, exerciseId: string): Promise<{ key: string; kind: string }[]> {
  return tx
    .select({ key: controls.key, kind: controls.kind })
    .from(controls)
    .where(eq(controls.exerciseId, exerciseId))
    .orderBy(asc(controls.key));
}

export async function exerciseIncidents(tx: Tx, exerciseId: string) {
  return tx.select().from(incidents).where(eq(incidents.exerciseId, exerciseId)).orderBy(asc(incidents.number));
}

/** When the drill's first alert opened (event time, on the drill clock's timeline). */
export async function firstExerciseAlert(tx: Tx, spaceSystem: string): Promise<Date | null> {
  const [row] = await tx
    .select({ at: alerts.openedAt })
    .from(alerts)
    .where(eq(alerts.system, spaceSystem))
    .orderBy(asc(alerts.openedAt))
    .limit(1);
  return row?.at ?? null;
}

export async function controlChangesOf(tx: Tx, keys: readonly string[]) {
  if (keys.length === 0) return [];
  return tx
    .select({ key: controlChanges.key, at: controlChanges.at, action: controlChanges.action })
    .from(controlChanges)
    .where(inArray(controlChanges.key, [...keys]))
    .orderBy(asc(controlChanges.seq));
}

/**
 * The exercise space's controls as the drill's synthetic app obeys them: their state, and
 * whether anyone changed one since the drill started (creating the copies is no change).
 */
export async function spaceControlStates(tx: Tx, exerciseId: string, since: Date) {
  const rows = await tx
    .select({ key: controls.key, state: controls.state })
    .from(controls)
    .where(eq(controls.exerciseId, exerciseId));
  const [changed] = await tx
    .select({ seq: controlChanges.seq })
    .from(controlChanges)
    .where(
      and(
        inArray(
          controlChanges.key,
          rows.map((row) => row.key),
        ),
        gte(controlChanges.at, since),
        notInArray(controlChanges.action, ['created', 'defined']),
      ),
    )
    .limit(1);
  return { controls: rows, changed: rows.length > 0 && changed !== undefined };
}
