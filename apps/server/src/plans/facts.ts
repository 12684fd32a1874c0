import { ControlAccess, type OnCallDirectory, PostmortemSettings, type TriageRule } from '@firebreak/contract';
import {
  applicableTypes,
  DEFAULT_UPDATE_CADENCE,
  type EscalationTarget,
  globMatches,
  type IncidentFacts,
  MOMENT_FACTS,
  type ObligationSpec,
  type PlanControl,
  type PlanObligation,
  type PlanPeople,
  type PlanRule,
  type PlanSystem,
} from '@firebreak/core';
import { AudienceResolver } from '../notifications/audiences';
import type { ActivePack } from '../regulatory/pack';
import { profileOf } from '../regulatory/service';
import type { PlanSystemRow } from './store';

// Turning what the stores hold into the plan's facts: small pure readers, one per part.

const targetWords = (target: EscalationTarget) =>
  'schedule' in target ? `on call on ${target.schedule}` : 'team' in target ? `team ${target.team}` : target.person;

/** A rule applies to the system when its `when.system` glob (or its absence) matches the id. */
export function rulesFor(rules: readonly TriageRule[], system: string): PlanRule[] {
  return rules
    .filter((rule) => globMatches(rule.when.system, system))
    .map((rule) => {
      const w = rule.when;
      const when = [
        w.monitor && `monitor ${w.monitor}`,
        w.signal && `signal ${w.signal}`,
        w.level && `at ${w.level}`,
        w.atLeast && `${w.atLeast} of ${w.of?.join(', ')} within ${w.within}`,
      ].filter(Boolean);
      return {
        id: rule.id,
        description: rule.description,
        when: when.length > 0 ? when.join(', ') : 'any alert',
        type: rule.then.type,
        severity: rule.then.severity,
        declare: rule.then.declare,
        actions: rule.then.actions,
        notify: rule.then.notify,
        contain: rule.then.contain.map((c) =>
          'kill' in c
            ? `kill ${c.kill}`
            : 'rollback' in c
              ? `roll back ${c.rollback}`
              : 'preset' in c
                ? `preset ${c.preset}`
                : `set ${c.control}`,
        ),
      };
    });
}

/** Who stands behind each role for the system now: its team, its schedule, its policy, the named audiences. */
export function peopleFor(directory: OnCallDirectory, system: PlanSystem, at: Date): PlanPeople {
  const resolver = new AudienceResolver(directory, { slackPostsToChannel: false });
  const resolved = resolver.resolve(
    { id: system.id, owner: system.owner, onCall: system.onCall },
    [],
    at.toISOString(),
  );
  const names = (list: ReadonlyArray<{ id: string; name?: string | undefined }> | undefined) =>
    (list ?? []).map((a) => a.name ?? a.id);
  const team = directory.teams.find((candidate) => candidate.id === system.owner);
  const people = new Map(directory.people.map((person) => [person.id, person.name]));
  const scheduleId = [system.onCall, team?.schedule].find(
    (id) => id !== undefined && directory.schedules.some((schedule) => schedule.id === id),
  );
  const schedule = directory.schedules.find((candidate) => candidate.id === scheduleId);
  const policy = resolver.policyFor([system.id]);
  return {
    ownerTeam: team && { id: team.id, name: team.name, members: team.members.map((id) => people.get(id) ?? id) },
    schedule: schedule && { id: schedule.id, name: schedule.name, onCallNow: names(resolved.on_call)[0] },
    escalationPolicy: policy && {
      id: policy.id,
      repeat: policy.repeat,
      steps: policy.steps.map(
        (step) => `${step.delay === '0m' ? '' : `after ${step.delay}: `}${step.targets.map(targetWords).join(', ')}`,
      ),
    },
    audiences: {
      leadership: names(resolved.leadership),
      legal: names(resolved.legal),
      privacy: names(resolved.privacy),
      support: names(resolved.support),
      customers: names(resolved.customers),
    },
  };
}

/** The directory's settings a plan quotes, defaults filled in. */
export function settingsOf(directory: OnCallDirectory, system: string) {
  return {
    controlAccess: directory.controlAccess ?? ControlAccess.parse({}),
    postmortems: directory.postmortems ?? PostmortemSettings.parse({}),
    updateCadence: { ...DEFAULT_UPDATE_CADENCE, ...directory.notifications?.updateCadence },
    statusComponents: (directory.statusPage?.components ?? [])
      .filter((component) => component.systems.includes(system))
      .map((component) => ({ id: component.id, name: component.name })),
  };
}

/** The controls as they stand; the card's declarations where none is stored yet. */
export function controlsOf(
  row: PlanSystemRow,
  stored: ReadonlyArray<{ name: string; definition: { kind: string }; state: unknown }>,
): PlanControl[] {
  const byName = new Map(stored.map((control) => [control.name, control]));
  return (row.card.controls ?? []).map((declared) => {
    const state = byName.get(declared.id)?.state as
      | { kind?: string; active?: string; knownGood?: string[] }
      | undefined;
    const route = declared.kind === 'route' ? declared : undefined;
    return {
      id: declared.id,
      kind: declared.kind,
      description: declared.description,
      target: route?.target,
      versions: route?.versions,
      active: state?.kind === 'route' ? state.active : route?.versions.at(-1),
      knownGood: state?.kind === 'route' ? state.knownGood : route?.versions.slice(0, -1).reverse(),
    };
  });
}

// A Monday morning, so a clock counted in working days is not stretched by a weekend.
const CLOCK_START = '2026-01-05T09:00:00.000Z';

function within(spec: ObligationSpec): string {
  if (spec.counting === 'immediately') return 'immediately';
  const hours = Math.round((Date.parse(spec.due) - Date.parse(spec.clockStart)) / 3_600_000);
  if (spec.counting === 'hours' || hours <= 72) return `${hours}h`;
  if (spec.counting === 'months') return `${Math.round(hours / 730)} months`;
  return `${Math.round(hours / 24)} ${spec.counting === 'business_days' ? 'business days' : 'days'}`;
}

/**
 * The reporting clocks the rule pack opens for a serious incident on the system: every
 * applicable type at SEV1, every clock-starting fact known at once, harm to people and (when the
 * system processes it) to their personal data. What the legal role checks on the day.
 */
export function obligationsFor(pack: ActivePack, row: PlanSystemRow, system: PlanSystem): PlanObligation[] {
  const moments = Object.fromEntries(MOMENT_FACTS.filter((m) => m !== 'resolved').map((m) => [m, CLOCK_START]));
  const seen = new Map<string, PlanObligation>();
  for (const type of applicableTypes(system)) {
    const facts: IncidentFacts = {
      moments,
      harms: ['health', 'fundamental_rights', ...(system.personalData.processed ? (['personal_data'] as const) : [])],
      jurisdictions: [...system.jurisdictions],
      ...(system.blastRadius.users !== undefined ? { peopleAffected: system.blastRadius.users } : {}),
      ...(system.personalData.processed ? { personalDataRisk: 'high' as const } : {}),
      incidentType: type,
      severity: 'SEV1',
      declaredAt: CLOCK_START,
    };
    const asOf = new Date(Date.parse(CLOCK_START) + 60_000);
    for (const spec of pack.evaluate(profileOf(row.id, row.card), facts, [], asOf)) {
      const key = `${spec.ruleId}/${spec.stage}`;
      if (seen.has(key)) continue;
      seen.set(key, {
        ruleId: spec.ruleId,
        regime: spec.regime,
        article: spec.article,
        title: spec.title,
        recipient: spec.recipient,
        trigger: spec.trigger,
        within: within(spec),
        status: spec.status,
        note: spec.note,
      });
    }
  }
  return [...seen.values()];
}
