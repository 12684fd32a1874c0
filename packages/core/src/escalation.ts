import { durationMs } from './duration';
import type { Severity } from './severity';

/** Who one escalation step reaches: whoever a schedule has on call then, a person, or a whole team. */
export type EscalationTarget = { schedule: string } | { person: string } | { team: string };

export interface EscalationStep {
  /** How long after the step before (or after the start, for the first step) this one fires. */
  delay: string;
  targets: EscalationTarget[];
}

/** Ordered steps that run until someone acknowledges, then repeat the whole list `repeat` more times. */
export interface EscalationPolicy {
  id: string;
  steps: EscalationStep[];
  /** How many more times the whole list runs after the first pass; 0 runs it once. */
  repeat: number;
  /** How long after the last step a repeat starts again at the first (its own delay is not added). */
  repeatDelay: string;
}

/** Used when a policy does not say how long to wait before running its steps again. */
export const DEFAULT_REPEAT_DELAY = '15m';

/**
 * The facts of one escalation run: when it started, and the response clock of what it is about
 * (ADR 6). A change of severity starts a new run, under a new `run` name, since its deadlines start
 * again from that moment.
 */
export interface EscalationState {
  /** Names the run in every key: `INC-7/SEV1@2026-11-24T03:00:00.000Z`, say. */
  run: string;
  severity?: Severity | undefined;
  startedAt: string;
  acknowledgedAt: string | null;
  /** The acknowledgement deadline; missing it escalates to the next step at once. */
  responseDeadline?: string | null | undefined;
  containedAt?: string | null | undefined;
  /** The containment target; missing it escalates to the next step at once, acknowledged or not. */
  containDeadline?: string | null | undefined;
  /** When the incident finished (resolved, closed, dismissed) or the alert resolved: nothing fires after. */
  finishedAt?: string | null | undefined;
  /** Keys of the firings already carried out, so a replay returns them no more. */
  fired: readonly string[];
  /** For a SEV1, whom a missed deadline also tells (the leadership audience, resolved). */
  leadership?: EscalationTarget[] | undefined;
}

export type EscalationReason = 'step' | 'acknowledge_deadline_missed' | 'contain_deadline_missed';

/** One step firing: whom to reach, when, and why. */
export interface EscalationFiring {
  key: string;
  at: string;
  /** 0 for the first pass through the steps, 1 for the first repeat… */
  pass: number;
  step: number;
  reason: EscalationReason;
  targets: EscalationTarget[];
  /** True when the SEV1 leadership rule added leadership to the targets. */
  leadership: boolean;
}

export interface EscalationCheck {
  /** Firings due by `now` and not yet carried out, oldest first. */
  due: EscalationFiring[];
  /** When something fires next, if nothing changes before; null when the run is over. */
  nextCheckAt: string | null;
}

const ms = (iso: string | null | undefined): number => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY);

/** Whether a fact (acknowledged, contained, finished) is true at `t`. */
const holdsAt = (iso: string | null | undefined, t: number): boolean => ms(iso) <= t;

/**
 * Every firing of a run, in order, as the facts now known make it happen. Timed steps follow one
 * another at their delays and stop at acknowledgement. A missed acknowledgement deadline and a
 * missed containment target each fire the next step at the deadline, once; the step after counts
 * its delay from then. A deadline missed after the last step reaches the last step again, since
 * someone must hear of it. Nothing fires once the run is finished. The times depend only on the
 * facts, never on when anyone checks, so every check (and every replay) agrees.
 */
export function escalationSchedule(policy: EscalationPolicy, state: EscalationState): EscalationFiring[] {
  const total = policy.steps.length * (policy.repeat + 1);
  if (total === 0) return [];
  const firings: EscalationFiring[] = [];
  let position = 0;
  let last = Date.parse(state.startedAt);
  let ackBreach = breachTime(state.responseDeadline, state.acknowledgedAt, last);
  let containBreach = breachTime(state.containDeadline, state.containedAt, last);
  for (;;) {
    const timed = position < total ? last + delayBefore(policy, position) : Number.POSITIVE_INFINITY;
    const stepAt = holdsAt(state.acknowledgedAt, timed) ? Number.POSITIVE_INFINITY : timed;
    const at = Math.min(stepAt, ackBreach, containBreach);
    if (at === Number.POSITIVE_INFINITY || holdsAt(state.finishedAt, at)) return firings;
    const reason: EscalationReason =
      at === ackBreach ? 'acknowledge_deadline_missed' : at === containBreach ? 'contain_deadline_missed' : 'step';
    if (at === ackBreach) ackBreach = Number.POSITIVE_INFINITY;
    if (at === containBreach) containBreach = Number.POSITIVE_INFINITY;
    firings.push(firing(policy, state, Math.min(position, total - 1), at, reason));
    position += 1;
    last = at;
  }
}

/**
 * When a deadline was missed: the deadline itself, unless the fact it waits for came first. A
 * deadline already past when the run starts (a run restarted late) escalates at the start.
 */
function breachTime(deadline: string | null | undefined, done: string | null | undefined, start: number): number {
  if (!deadline) return Number.POSITIVE_INFINITY;
  const at = Math.max(start, Date.parse(deadline));
  return holdsAt(done, at) ? Number.POSITIVE_INFINITY : at;
}

function delayBefore(policy: EscalationPolicy, position: number): number {
  const step = position % policy.steps.length;
  if (step === 0 && position > 0) return durationMs(policy.repeatDelay);
  return durationMs(policy.steps[step]!.delay);
}

function firing(
  policy: EscalationPolicy,
  state: EscalationState,
  position: number,
  at: number,
  reason: EscalationReason,
): EscalationFiring {
  const pass = Math.floor(position / policy.steps.length);
  const step = position % policy.steps.length;
  const targets = [...policy.steps[step]!.targets];
  const leadership = reason !== 'step' && state.severity === 'SEV1' && (state.leadership?.length ?? 0) > 0;
  if (leadership) {
    for (const target of state.leadership ?? []) {
      if (!targets.some((held) => sameTarget(held, target))) targets.push(target);
    }
  }
  // Unique without the time: a timed step fires once per position, each deadline is missed once.
  const key = [state.run, policy.id, `${pass}.${step}`, reason].map(encodeURIComponent).join(':');
  return { key, at: new Date(at).toISOString(), pass, step, reason, targets, leadership };
}

function sameTarget(a: EscalationTarget, b: EscalationTarget): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What is due now and when to look again. The caller carries out `due`, records their keys in
 * `state.fired`, and checks again at `nextCheckAt` or when a fact changes (an acknowledgement, a
 * containment, a severity change).
 *
 * @example
 * const { due, nextCheckAt } = nextEscalation(policy, state, '2026-11-24T03:15:00.000Z');
 */
export function nextEscalation(policy: EscalationPolicy, state: EscalationState, now: string): EscalationCheck {
  const t = Date.parse(now);
  const fired = new Set(state.fired);
  const schedule = escalationSchedule(policy, state);
  const due = schedule.filter((f) => Date.parse(f.at) <= t && !fired.has(f.key));
  const next = schedule.find((f) => Date.parse(f.at) > t);
  return { due, nextCheckAt: next ? next.at : null };
}
