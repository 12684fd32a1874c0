import type { Exercise } from '@firebreak/contract';
import { fields, table } from '../output';

/** Drill time as `h:mm:ss` (drill clocks run for hours at most). */
export function drillTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

const mark = (met: boolean | null) => (met === null ? '…' : met ? '✓' : '✗');

function clockLine(exercise: Exercise): string {
  const { clock, status } = exercise;
  if (status === 'ready') return `not started (runs at ×${clock.speed})`;
  const parts = [drillTime(clock.nowMs)];
  if (status === 'running') parts.push(`running at ×${clock.speed}`);
  if (status === 'paused') parts.push(`paused (resumes at ×${clock.speed})`);
  if (status === 'ended') parts.push('ended');
  if (clock.onsetMs !== null) parts.push(`failure begins at ${drillTime(clock.onsetMs)}`);
  parts.push(`scenario ends at ${drillTime(clock.durationMs)}`);
  return parts.join(', ');
}

function injectWhen(inject: Exercise['injects'][number]): string {
  if (inject.releasedMs !== null) return `released at ${drillTime(inject.releasedMs)}`;
  if (inject.dueMs !== null) return `due at ${drillTime(inject.dueMs)}`;
  return `waiting: ${inject.trigger}`;
}

/**
 * A drill in words for the facilitator: the clock, the space, the scorecard so far and the
 * injects (what `firebreak drill status DRL-n` prints).
 *
 * @example
 * describeExercise(await client.getExercise('DRL-1')).join('\n');
 */
export function describeExercise(exercise: Exercise): string[] {
  const { scorecard } = exercise;
  const lines = [
    `${exercise.id}  ${exercise.scenario.title}  ${exercise.status.toUpperCase()}  ${exercise.mode.replace('_', ' ')}`,
    ...fields([
      ['scenario', exercise.replayOf ? `replay of ${exercise.replayOf}` : exercise.scenario.id],
      ['team', exercise.team],
      ['facilitator', exercise.facilitator],
      ['system', `${exercise.system} (never touched; the drill works on ${exercise.space.system})`],
      ['controls', exercise.space.controls.join(', ') || 'none'],
      ['channel', exercise.channel ?? 'none: drill notifications are held, never sent'],
      ['drill clock', clockLine(exercise)],
      ['incidents', exercise.incidents.join(', ') || 'none declared yet'],
    ]),
    '',
    `Scorecard  ${Math.round(scorecard.score)}/100  ${
      exercise.status === 'ended' ? (scorecard.passed ? 'PASSED' : 'NOT PASSED') : 'so far'
    }`,
    table(
      ['', 'EXPECTED', 'TARGET', 'ACTUAL'],
      scorecard.items.map((item) => [mark(item.met), item.label, item.target, item.actual]),
    ),
  ];
  if (exercise.injects.length > 0) {
    lines.push(
      '',
      'Injects',
      table(
        ['ID', 'WHEN', 'TITLE'],
        exercise.injects.map((inject) => [inject.id, injectWhen(inject), inject.title]),
      ),
    );
  }
  if (exercise.hotwash) {
    lines.push('', `Hotwash by ${exercise.hotwash.by}`);
    for (const finding of exercise.hotwash.findings) {
      const action = finding.actionId ? ` → ${finding.actionId}` : '';
      lines.push(`  ${finding.kind === 'strength' ? '+' : '-'} ${finding.observation}${action}`);
    }
  }
  return lines;
}

/** One row per drill for `firebreak drill status` without an id. */
export function exerciseRows(exercises: readonly Exercise[]): string {
  return table(
    ['ID', 'STATUS', 'SCENARIO', 'TEAM', 'SCORE', 'PASSED'],
    exercises.map((e) => [
      e.id,
      e.status,
      e.replayOf ? `replay of ${e.replayOf}` : e.scenario.id,
      e.team,
      Math.round(e.scorecard.score),
      e.status === 'ended' ? (e.scorecard.passed ? 'yes' : 'no') : '—',
    ]),
  );
}
