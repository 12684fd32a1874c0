import type { Exercise } from '@firebreak/contract';
import { formatDuration } from '@firebreak/core';

/** A table cell: one line, pipes escaped. */
function cell(text: string | null | undefined): string {
  return (text ?? '—').replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim() || '—';
}

const drillClock = (ms: number | null) => (ms === null ? '—' : `T+${formatDuration(ms / 1000)}`);

/**
 * The drill report, an after-action report and improvement plan in the shape exercise programmes
 * use (scope, objectives, what happened, how it scored, strengths, areas for improvement, the
 * corrective actions with owners and dates), written from the drill's own record.
 */
export function drillReportMarkdown(exercise: Exercise): string {
  const { scenario, scorecard } = exercise;
  const lines: string[] = [];
  lines.push(`# Drill report: ${exercise.id} — ${scenario.title}`, '');
  lines.push('| | |', '|---|---|');
  lines.push(`| Scenario | ${cell(scenario.id)} (${cell(scenario.kind)}) |`);
  lines.push(`| Mode | ${exercise.mode === 'live_fire' ? 'live fire' : 'tabletop'} |`);
  lines.push(`| Team | ${cell(exercise.team)} |`);
  lines.push(`| Facilitator | ${cell(exercise.facilitator)} |`);
  lines.push(`| System | ${cell(exercise.system)} (exercise space ${cell(exercise.space.system)}) |`);
  if (exercise.replayOf) lines.push(`| Replay of | ${exercise.replayOf} |`);
  lines.push(`| Started | ${cell(exercise.clock.startedAt)} |`);
  lines.push(`| Ended | ${cell(exercise.endedAt)} |`);
  lines.push(`| Status | ${exercise.status} |`);
  lines.push(`| Score | ${Math.round(scorecard.score)} / 100, ${scorecard.passed ? 'passed' : 'not passed'} |`);
  lines.push('');
  lines.push('This was an exercise. Its incidents, alerts, controls and notifications belong to the exercise space');
  lines.push('and are left out of every readiness metric.', '');
  lines.push('## Scenario', '', scenario.summary, '', scenario.background.trim(), '');
  if (scenario.objectives.length > 0) {
    lines.push('## Objectives', '');
    for (const objective of scenario.objectives) lines.push(`- ${objective}`);
    lines.push('');
  }
  if (scenario.constraints.length > 0) {
    lines.push('## Constraints', '');
    for (const constraint of scenario.constraints) lines.push(`- **${constraint.kind}**: ${constraint.description}`);
    lines.push('');
  }
  lines.push('## Scorecard', '', '| Item | Target | Actual | Verdict |', '|---|---|---|---|');
  for (const item of scorecard.items) {
    const verdict = item.met === null ? 'pending' : item.met ? 'met' : 'missed';
    lines.push(`| ${cell(item.label)} | ${cell(item.target)} | ${cell(item.actual)} | ${verdict} |`);
  }
  lines.push('');
  lines.push('## What happened', '');
  if (exercise.clock.onsetMs !== null) lines.push(`- ${drillClock(exercise.clock.onsetMs)}: the failure began`);
  for (const inject of exercise.injects)
    if (inject.releasedMs !== null)
      lines.push(
        `- ${drillClock(inject.releasedMs)}: inject “${inject.title}” released by ${inject.releasedBy ?? '—'}`,
      );
  if (exercise.incidents.length > 0) lines.push(`- Incidents of the drill: ${exercise.incidents.join(', ')}`);
  else lines.push('- No incident was declared.');
  lines.push('');
  const findings = exercise.hotwash?.findings ?? [];
  lines.push('## Hotwash', '');
  if (!exercise.hotwash) lines.push('The hotwash has not been held yet.', '');
  else {
    lines.push(`Held by ${exercise.hotwash.by} at ${exercise.hotwash.at}.`, '');
    for (const [kind, title] of [
      ['strength', 'Strengths'],
      ['improvement', 'Areas for improvement'],
    ] as const) {
      const some = findings.filter((finding) => finding.kind === kind);
      lines.push(`### ${title}`, '');
      if (some.length === 0) lines.push('None recorded.');
      for (const finding of some) lines.push(`- ${finding.observation.replace(/\s+/g, ' ')}`);
      lines.push('');
    }
  }
  const actions = findings.filter((finding) => finding.action);
  lines.push('## Improvement plan', '');
  if (actions.length === 0) lines.push('No corrective actions.', '');
  else {
    lines.push('| Action | Title | Owner | Due |', '|---|---|---|---|');
    for (const finding of actions)
      lines.push(
        `| ${cell(finding.actionId)} | ${cell(finding.action!.title)} | ${cell(finding.action!.owner)} | ${cell(finding.action!.dueAt)} |`,
      );
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
