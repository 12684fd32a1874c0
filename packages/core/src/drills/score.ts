import { durationMs, formatDuration } from '../duration';
import type { Severity } from '../severity';
import type { IncidentType } from '../taxonomy';
import type { ContainmentChoice, ScenarioExpected } from './scenario';

/**
 * What a drill's own timeline shows, every moment in milliseconds of drill clock (0 = the drill
 * started). `endedMs` is the drill's end, or the clock's reading now while it runs.
 */
export interface DrillObservation {
  onsetMs: number;
  firstAlertMs?: number | undefined;
  declaredMs?: number | undefined;
  acknowledgedMs?: number | undefined;
  type?: IncidentType | undefined;
  typeSetMs?: number | undefined;
  severity?: Severity | undefined;
  severitySetMs?: number | undefined;
  containedMs?: number | undefined;
  controlsChanged: { kind: ContainmentChoice; atMs: number }[];
  statusUpdatesMs: number[];
  evidenceCount: number;
  decisionsCount: number;
  endedMs: number;
  /** False while the drill runs: a count below its minimum is then pending, not missed. Default true. */
  finished?: boolean | undefined;
  /** A tabletop drill feeds no telemetry: no alert is expected, and none is scored. */
  tabletop?: boolean | undefined;
}

export const SCORE_ITEMS = [
  'detect',
  'declare',
  'classify',
  'contain',
  'status_update',
  'evidence',
  'decisions',
] as const;
export type ScoreItemId = (typeof SCORE_ITEMS)[number];

/**
 * Points per item (docs/drills.md, "Scoring"). Detection is the monitors' work, not the team's:
 * it is reported but weighs nothing and is not required.
 */
export const SCORE_WEIGHTS: Record<ScoreItemId, number> = {
  detect: 0,
  declare: 20,
  classify: 20,
  contain: 25,
  status_update: 15,
  evidence: 10,
  decisions: 10,
};

export interface ScoreItem {
  id: ScoreItemId;
  label: string;
  target: string;
  actual: string;
  /** null: not due yet and not done yet. */
  met: boolean | null;
  detail: string;
}

export interface Scorecard {
  items: ScoreItem[];
  /** 0…100: the weights of the items met, over the weights of all items. */
  score: number;
  /** Every required item (all but detect) met. */
  passed: boolean;
}

const since = (ms: number | undefined, onsetMs: number): string =>
  ms === undefined ? '—' : `${ms < onsetMs ? '−' : ''}${formatDuration(Math.abs(ms - onsetMs) / 1000)} after onset`;

/** A deadline's verdict: met when done by it, pending while it has not passed, missed otherwise. */
function byDeadline(doneMs: number | undefined, deadlineMs: number, nowMs: number): boolean | null {
  if (doneMs !== undefined) return doneMs <= deadlineMs;
  return nowMs < deadlineMs ? null : false;
}

/**
 * Scores a drill against its scenario's expected actions (targets count from the failure's onset).
 *
 * @example
 * const card = scoreDrill(scenario.expected, { onsetMs: 600_000, declaredMs: 900_000, … });
 * card.items.find((item) => item.id === 'declare')?.met; // true when declared within the target
 */
export function scoreDrill(expected: ScenarioExpected, observed: DrillObservation): Scorecard {
  const items = [
    ...(observed.tabletop ? [] : [detectItem(observed)]),
    declareItem(expected, observed),
    classifyItem(expected, observed),
    containItem(expected, observed),
    statusItem(expected, observed),
    countItem('evidence', 'Evidence kept', expected.evidence.min, observed.evidenceCount, observed),
    countItem('decisions', 'Decisions logged', expected.decisions.min, observed.decisionsCount, observed),
  ];
  const total = items.reduce((sum, item) => sum + SCORE_WEIGHTS[item.id], 0);
  const earned = items.reduce((sum, item) => sum + (item.met === true ? SCORE_WEIGHTS[item.id] : 0), 0);
  return {
    items,
    score: total === 0 ? 0 : Math.round((earned / total) * 100),
    passed: items.every((item) => item.id === 'detect' || item.met === true),
  };
}

function detectItem(o: DrillObservation): ScoreItem {
  const finished = o.finished ?? true;
  const met = o.firstAlertMs !== undefined ? true : finished ? false : null;
  return {
    id: 'detect',
    label: 'Alert raised',
    target: 'an alert from the monitors',
    actual: since(o.firstAlertMs, o.onsetMs),
    met,
    detail: met === false ? 'no monitor alerted during the drill' : '',
  };
}

function declareItem(e: ScenarioExpected, o: DrillObservation): ScoreItem {
  const within = durationMs(e.declare.within);
  const met = byDeadline(o.declaredMs, o.onsetMs + within, o.endedMs);
  return {
    id: 'declare',
    label: 'Incident declared',
    target: `within ${e.declare.within} of onset`,
    actual: since(o.declaredMs, o.onsetMs),
    met,
    detail: met === false && o.declaredMs === undefined ? 'not declared' : '',
  };
}

function classifyItem(e: ScenarioExpected, o: DrillObservation): ScoreItem {
  const { type, severity, within } = e.classify;
  const deadline = o.onsetMs + durationMs(within);
  const problems: string[] = [];
  if (o.type !== undefined && o.type !== type) problems.push(`type is ${o.type}, expected ${type}`);
  if (o.severity !== undefined && o.severity !== severity)
    problems.push(`severity is ${o.severity}, expected ${severity}`);
  if (o.type === undefined) problems.push('no type set');
  if (o.severity === undefined) problems.push('no severity set');
  const right = o.type === type && o.severity === severity;
  const doneMs = right ? Math.max(o.typeSetMs ?? o.declaredMs ?? 0, o.severitySetMs ?? o.declaredMs ?? 0) : undefined;
  const met = byDeadline(doneMs, deadline, o.endedMs);
  return {
    id: 'classify',
    label: 'Type and severity',
    target: `${type} ${severity} within ${within} of onset`,
    actual: `${o.type ?? '—'} ${o.severity ?? '—'}${right ? `, ${since(doneMs, o.onsetMs)}` : ''}`,
    met,
    detail: right && met === false ? 'right, but set late' : problems.join('; '),
  };
}

function containItem(e: ScenarioExpected, o: DrillObservation): ScoreItem {
  const { within, controls } = e.contain;
  const deadline = o.onsetMs + durationMs(within);
  const accepted = o.controlsChanged.filter((change) => controls.includes(change.kind) && change.atMs >= 0);
  const firstAccepted = accepted.length > 0 ? Math.min(...accepted.map((change) => change.atMs)) : undefined;
  const doneMs =
    o.containedMs !== undefined && firstAccepted !== undefined ? Math.max(o.containedMs, firstAccepted) : undefined;
  const met = byDeadline(doneMs, deadline, o.endedMs);
  const other = [...new Set(o.controlsChanged.filter((c) => !controls.includes(c.kind)).map((c) => c.kind))];
  const details: string[] = [];
  if (firstAccepted === undefined && other.length > 0)
    details.push(`changed ${other.join(', ')}; expected ${controls.join(' or ')}`);
  if (firstAccepted === undefined && other.length === 0) details.push(`no ${controls.join(' or ')} change`);
  if (o.containedMs === undefined) details.push('not marked contained');
  return {
    id: 'contain',
    label: 'Contained',
    target: `${controls.join(' or ')} within ${within} of onset`,
    actual: since(doneMs ?? o.containedMs, o.onsetMs),
    met,
    detail: met === true ? '' : details.join('; ') || (met === false ? 'contained late' : ''),
  };
}

function statusItem(e: ScenarioExpected, o: DrillObservation): ScoreItem {
  const { within, every } = e.statusUpdate;
  const updates = o.statusUpdatesMs.filter((ms) => ms >= o.onsetMs).sort((a, b) => a - b);
  const first = byDeadline(updates[0], o.onsetMs + durationMs(within), o.endedMs);
  let met = first;
  let detail = first === false ? (updates[0] === undefined ? 'no status update' : 'first update late') : '';
  if (first === true && every !== undefined) {
    const gap = durationMs(every);
    const moments = [...updates, o.endedMs];
    const late = moments.findIndex((ms, i) => i > 0 && ms - moments[i - 1]! > gap);
    if (late > 0) {
      met = false;
      detail = `no update for ${formatDuration((moments[late]! - moments[late - 1]!) / 1000)} after the one at ${since(moments[late - 1], o.onsetMs)} (every ${every} expected)`;
    }
  }
  return {
    id: 'status_update',
    label: 'Status updates',
    target: `first within ${within} of onset${every ? `, then every ${every}` : ''}`,
    actual: updates.length === 0 ? '—' : `${updates.length} sent, first ${since(updates[0], o.onsetMs)}`,
    met,
    detail,
  };
}

function countItem(id: ScoreItemId, label: string, min: number, count: number, o: DrillObservation): ScoreItem {
  const met = count >= min ? true : (o.finished ?? true) ? false : null;
  return {
    id,
    label,
    target: `at least ${min}`,
    actual: String(count),
    met,
    detail: met === false ? `${min - count} short` : '',
  };
}

const VERDICT = { true: 'met', false: 'missed', null: 'pending' } as const;

/** The scorecard as a Markdown table, for a drill report or the hotwash. */
export function scorecardMarkdown(card: Scorecard, title = 'Drill scorecard'): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const rows = card.items.map(
    (item) =>
      `| ${cell(item.label)} | ${cell(item.target)} | ${cell(item.actual)} | ${VERDICT[String(item.met) as keyof typeof VERDICT]} | ${cell(item.detail)} |`,
  );
  return [
    `## ${title}`,
    '',
    `Score **${card.score}/100**, ${card.passed ? 'passed' : 'not passed'}.`,
    '',
    '| Item | Target | Actual | Verdict | Detail |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
