import { TZDate } from '@date-fns/tz';
import { EU_MEMBER_STATE_TIME_ZONES, isEuMemberState } from './calendars';
import { type ConditionInput, conditionHolds } from './conditions';
import {
  addHours,
  businessDays,
  calendarDays,
  calendarDaysAfterYearEnd,
  euDays,
  euMonths,
  noonOfNextWorkingDay,
  type PeriodEnd,
} from './counting';
import {
  INCIDENT_MEMBER_STATE,
  type ObligationFiling,
  type Rule,
  type RuleDeadline,
  type RulePack,
  type RuleStage,
} from './pack';
import type { IncidentFacts, MomentFact, ObligationSpec, RegulatoryProfile, ReportStage } from './types';

interface Zone {
  timeZone: string;
  calendar: string;
}

/** A variant whose condition held and whose start is known, with its counted end. */
interface Counted extends PeriodEnd {
  deadline: RuleDeadline;
  trigger: MomentFact | 'filing';
  clockStart: string;
}

function zoneOf(rule: Rule, pack: RulePack, facts: IncidentFacts): Zone {
  if (rule.calendar === INCIDENT_MEMBER_STATE) {
    const state = facts.jurisdictions.find(isEuMemberState);
    if (state) return { calendar: state, timeZone: rule.timeZone ?? EU_MEMBER_STATE_TIME_ZONES[state]! };
    return { timeZone: rule.timeZone ?? pack.defaults.timeZone, calendar: pack.defaults.calendar };
  }
  return { timeZone: rule.timeZone ?? pack.defaults.timeZone, calendar: rule.calendar ?? pack.defaults.calendar };
}

/** When a deadline counted this way from `start` falls, and where the law moves it off a weekend. */
function count(deadline: RuleDeadline, start: string, zone: Zone, input: ConditionInput): PeriodEnd {
  const amount = deadline.amount ?? 0;
  let end: PeriodEnd;
  switch (deadline.counting) {
    case 'immediately':
      end = { due: new Date(start).toISOString() };
      break;
    case 'hours':
      end = { due: addHours(start, amount) };
      break;
    case 'eu_days':
      end = euDays(start, amount, zone);
      break;
    case 'months':
      end = euMonths(start, amount, zone);
      break;
    case 'calendar_days':
      end = {
        due: deadline.afterYearEnd
          ? calendarDaysAfterYearEnd(start, amount, zone.timeZone)
          : calendarDays(start, amount, zone.timeZone),
      };
      break;
    case 'business_days':
      end = { due: businessDays(start, amount, { ...zone, closesAt: deadline.closesAt }) };
      break;
  }
  if (deadline.noonRoll && !(deadline.noonRoll.unless && conditionHolds(deadline.noonRoll.unless, input))) {
    // DORA moves the deadline by its own rule, not by Regulation 1182/71's.
    const moved = noonOfNextWorkingDay(end.due, zone);
    end = moved ? { due: end.due, dueRolled: moved } : { due: end.due };
  }
  return end;
}

/** The moment a stage's clock starts: its trigger fact, or the latest filing of the stages it follows. */
function stageStart(rule: Rule, stage: RuleStage, input: ConditionInput, filings: ObligationFiling[]) {
  if ('moment' in stage.trigger) {
    const at = input.facts.moments[stage.trigger.moment];
    return at === undefined ? undefined : { trigger: stage.trigger.moment, clockStart: at };
  }
  const follows = new Set<ReportStage>(stage.trigger.filed);
  const latest = filings
    .filter((filing) => filing.ruleId === rule.id && follows.has(filing.stage))
    .map((filing) => filing.submittedAt)
    .sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  return latest === undefined ? undefined : { trigger: 'filing' as const, clockStart: latest };
}

function unmetApplicability(rule: Rule, clockStart: string, zone: Zone): string[] {
  const at = Date.parse(clockStart);
  return rule.applies
    .filter(({ from }) => {
      const [year, month, day] = from.split('-').map(Number) as [number, number, number];
      return at < new TZDate(year, month - 1, day, zone.timeZone).getTime();
    })
    .map(({ from, reason }) => `Not yet applicable until ${from}: ${reason}`);
}

function openStage(
  rule: Rule,
  stage: RuleStage,
  zone: Zone,
  input: ConditionInput,
  filings: ObligationFiling[],
): ObligationSpec | undefined {
  if (stage.when && !conditionHolds(stage.when, input)) return undefined;
  const opened = stageStart(rule, stage, input, filings);
  if (!opened) return undefined;
  const counted: Counted[] = [];
  for (const deadline of stage.deadlines) {
    if (deadline.when && !conditionHolds(deadline.when, input)) continue;
    const start = deadline.from ? input.facts.moments[deadline.from] : opened.clockStart;
    if (start === undefined) continue;
    const trigger = deadline.from ?? opened.trigger;
    counted.push({ deadline, trigger, clockStart: start, ...count(deadline, start, zone, input) });
  }
  // The earliest deadline governs; on a tie, the variant listed first.
  const governing = counted.reduce<Counted | undefined>(
    (best, next) => (best === undefined || Date.parse(next.due) < Date.parse(best.due) ? next : best),
    undefined,
  );
  if (!governing) return undefined;
  const { deadline } = governing;
  const unmet = unmetApplicability(rule, governing.clockStart, zone);
  const notes = [...unmet, deadline.note, rule.note].filter((note): note is string => note !== undefined);
  return {
    ruleId: rule.id,
    stage: stage.stage,
    regime: rule.regime,
    article: rule.article,
    title: rule.title,
    recipient: stage.recipient ?? rule.recipient,
    trigger: governing.trigger,
    clockStart: new Date(governing.clockStart).toISOString(),
    counting: deadline.counting,
    due: governing.due,
    ...(governing.dueRolled ? { dueRolled: governing.dueRolled } : {}),
    ...(counted.length > 1 ? { governedBy: deadline.label } : {}),
    source: rule.source,
    status: unmet.length > 0 ? 'not_yet_applicable' : 'in_force',
    ...(deadline.target ? { target: true } : {}),
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}

/**
 * The obligations a rule pack opens for an incident, as of a moment: one per rule and stage whose
 * conditions hold and whose clock has started, from a moment fact or from the latest filing of
 * the stage it follows. Moments and filings after `asOf` are ignored, so an evaluation replays.
 * Among a stage's deadline variants that apply, the earliest governs (`governedBy` names it).
 * A rule not yet applicable at the clock's start still opens its obligation, with status
 * `not_yet_applicable` and a note saying from when and why. Sorted by deadline, then rule and
 * stage. Pure and deterministic: the same arguments give the same list.
 *
 * @example
 * const open = evaluateObligations(pack, profile, facts, [{ ruleId: 'nis2.23', stage: 'notification', submittedAt }], now);
 * open.find((o) => o.ruleId === 'gdpr.33')?.due; // 72 h after `facts.moments.aware`
 */
export function evaluateObligations(
  pack: RulePack,
  profile: RegulatoryProfile,
  facts: IncidentFacts,
  filings: ObligationFiling[],
  asOf: string,
): ObligationSpec[] {
  const cut = Date.parse(asOf);
  if (Number.isNaN(cut)) throw new Error(`asOf: not an ISO 8601 instant: ${asOf}`);
  const moments = Object.fromEntries(
    Object.entries(facts.moments).filter(([, at]) => at !== undefined && Date.parse(at) <= cut),
  );
  const input: ConditionInput = { profile, facts: { ...facts, moments } };
  const filed = filings.filter((filing) => Date.parse(filing.submittedAt) <= cut);
  const open: ObligationSpec[] = [];
  for (const rule of pack.rules) {
    if (rule.when && !conditionHolds(rule.when, input)) continue;
    const zone = zoneOf(rule, pack, facts);
    for (const stage of rule.stages) {
      const obligation = openStage(rule, stage, zone, input, filed);
      if (obligation) open.push(obligation);
    }
  }
  return open.sort(
    (a, b) =>
      Date.parse(a.due) - Date.parse(b.due) || a.ruleId.localeCompare(b.ruleId) || a.stage.localeCompare(b.stage),
  );
}

/**
 * Packs evaluated together: the first pack's defaults, and every pack's rules, a later pack's rule
 * replacing an earlier one with the same id (an organisation's `gdpr.34` with its own target
 * replaces the built-in one). Each rule keeps counting in its own pack's time zone and calendar.
 *
 * @example
 * const pack = combineRulePacks([builtin, own]);
 */
export function combineRulePacks(packs: RulePack[]): RulePack {
  const [first] = packs;
  if (!first) throw new Error('combineRulePacks: no pack given');
  const rules = new Map<string, Rule>();
  for (const pack of packs) {
    for (const rule of pack.rules) {
      rules.delete(rule.id);
      // A rule counting in the incident's Member State takes that state's time zone, not its pack's.
      const local = rule.calendar === INCIDENT_MEMBER_STATE;
      rules.set(rule.id, {
        ...rule,
        calendar: rule.calendar ?? pack.defaults.calendar,
        ...(local || rule.timeZone ? {} : { timeZone: pack.defaults.timeZone }),
      });
    }
  }
  return {
    ...first,
    name: packs.map((pack) => pack.name).join('+'),
    version: packs.map((pack) => pack.version).join('+'),
    date: packs
      .map((pack) => pack.date)
      .sort()
      .at(-1)!,
    rules: [...rules.values()],
  };
}
