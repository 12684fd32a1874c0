import { INCIDENT_TYPES, type IncidentType } from '../taxonomy';
import { applicableTypes, monitorsInForce, TYPE_COVERAGE, watches } from './coverage';
import type { PlanFacts, ResponsePlanGap } from './types';

const label = (type: IncidentType) => type.replaceAll('_', ' ');
const watchWord = (type: IncidentType) => (type === 'bias' ? 'fairness (bias)' : label(type));

/** Does the system card name an EU jurisdiction (the EU, or a member state code)? */
const EU_CODES = new Set(
  'EU AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' '),
);

type Rule = (facts: PlanFacts) => ResponsePlanGap[];

/** Each applicable type a telemetry signal shows needs a monitor that watches it. */
const monitorGaps: Rule = ({ system }) => {
  const { monitors } = monitorsInForce(system);
  return applicableTypes(system)
    .filter((type) => TYPE_COVERAGE[type].signals.length > 0)
    .filter((type) => !monitors.some((monitor) => watches(monitor, type)))
    .map((type) => ({
      id: `no-monitor:${type}`,
      section: 'monitoring',
      message: `no monitor watches ${watchWord(type)} for this system`,
      fix: `add a monitor on ${TYPE_COVERAGE[type].signals.join(' or ')}${TYPE_COVERAGE[type].detectors ? ` (or the ${TYPE_COVERAGE[type].detectors?.join(', ')} detector)` : ''} to the card's monitors`,
    }));
};

/** Each applicable type an alert can bring needs a triage rule, so triage is decided before, not improvised. */
const triageGaps: Rule = ({ system, rules }) =>
  applicableTypes(system)
    .filter((type) => TYPE_COVERAGE[type].signals.length > 0)
    .filter((type) => !rules.some((rule) => rule.type === type))
    .map((type) => ({
      id: `no-triage-rule:${type}`,
      section: 'runbooks',
      message: `no triage rule declares an incident of type ${type} for this system`,
      fix: `add a rule with then.type: ${type} (its severity, actions and containment) to firebreak.yaml rules`,
    }));

/** Each applicable type needs a runbook link: the card's, or that of a monitor watching it. */
const runbookGaps: Rule = ({ system }) => {
  if (system.runbook) return [];
  const { monitors } = monitorsInForce(system);
  return applicableTypes(system)
    .filter((type) => !monitors.some((monitor) => monitor.runbook && watches(monitor, type)))
    .map((type) => ({
      id: `no-runbook-link:${type}`,
      section: 'runbooks',
      message: `no runbook link for ${label(type)}`,
      fix: `set the card's runbook, or a runbook on a monitor that watches ${label(type)}`,
    }));
};

const controlGaps: Rule = ({ controls }) => {
  const gaps: ResponsePlanGap[] = [];
  if (!controls.some((control) => control.kind === 'kill_switch'))
    gaps.push({
      id: 'no-kill-switch',
      section: 'rollback',
      message: 'no kill switch: nothing stops the system acting on its own output at once',
      fix: 'declare a control of kind kill_switch on the card',
    });
  for (const control of controls.filter((c) => c.kind === 'route')) {
    const knownGood = control.knownGood ?? [];
    const others = (control.versions ?? []).filter((version) => version !== control.active);
    if (knownGood.length === 0 && others.length === 0)
      gaps.push({
        id: `no-rollback-version:${control.id}`,
        section: 'rollback',
        message: `route ${control.id} has no version to roll back to`,
        fix: `list at least one earlier ${control.target ?? ''} version in the control's versions`.replace('  ', ' '),
      });
  }
  return gaps;
};

const roleGaps: Rule = ({ system, people }) => {
  const gaps: ResponsePlanGap[] = [];
  if (!people.ownerTeam)
    gaps.push({
      id: 'no-owner-team',
      section: 'roles',
      message: `the owner "${system.owner}" is no team of the directory: nobody is reachable as the owning team`,
      fix: 'name a declared team as the card owner',
    });
  if (!people.schedule)
    gaps.push({
      id: 'no-on-call',
      section: 'roles',
      message: 'no on-call schedule pages for this system',
      fix: "set the card's onCall to a schedule, or give the owning team a schedule",
    });
  if (!people.escalationPolicy)
    gaps.push({
      id: 'no-escalation-policy',
      section: 'roles',
      message: 'no escalation policy: an unacknowledged page goes no further',
      fix: 'list the system in an escalation policy, or set notifications.defaultEscalationPolicy',
    });
  if (people.audiences.legal.length === 0)
    gaps.push({
      id: 'no-role:legal',
      section: 'roles',
      message: 'no owner for the legal role',
      fix: 'name who legal is under notifications.audiences.legal',
    });
  if (system.personalData.processed && people.audiences.privacy.length === 0)
    gaps.push({
      id: 'no-role:privacy',
      section: 'roles',
      message: 'no owner for the privacy role, and the system processes personal data',
      fix: 'name who privacy is under notifications.audiences.privacy',
    });
  return gaps;
};

const communicationGaps: Rule = ({ system, statusComponents }) => {
  const reaches = (system.blastRadius.users ?? 0) > 0 || system.blastRadius.tenants.length > 0;
  return reaches && statusComponents.length === 0
    ? [
        {
          id: 'no-status-component',
          section: 'communication',
          message: 'no status page component shows this system, though it reaches customers',
          fix: 'add a statusPage component that lists the system',
        },
      ]
    : [];
};

const regulatoryGaps: Rule = ({ system }) => {
  const gaps: ResponsePlanGap[] = [];
  if (system.jurisdictions.some((code) => EU_CODES.has(code.toUpperCase())) && !system.regulatory?.role)
    gaps.push({
      id: 'no-regulatory-role',
      section: 'regulatory',
      message:
        'the system runs in the EU but its AI Act role (provider or deployer) is not set: no AI Act clock can open',
      fix: "set the card's regulatory.role",
    });
  if (system.personalData.processed && !system.regulatory?.dataRole)
    gaps.push({
      id: 'no-data-role',
      section: 'regulatory',
      message: 'the system processes personal data but its GDPR role (controller or processor) is not set',
      fix: "set the card's regulatory.dataRole",
    });
  return gaps;
};

const RULES: readonly Rule[] = [
  monitorGaps,
  triageGaps,
  runbookGaps,
  controlGaps,
  roleGaps,
  communicationGaps,
  regulatoryGaps,
];

/**
 * Every gap in a system's response plan, each with a stable id (`no-monitor:bias`,
 * `no-kill-switch`, `no-role:privacy`) a team can track and a release gate can name. Pure: the
 * same facts give the same gaps, in a fixed order.
 *
 * @example
 * planGaps(facts).map((gap) => gap.id); // ['no-triage-rule:privacy_leak', 'no-role:legal']
 */
export function planGaps(facts: PlanFacts): ResponsePlanGap[] {
  return RULES.flatMap((rule) => rule(facts));
}

/** The incident types, for the docs: which have a monitor rule (a telemetry signal shows them). */
export const MONITORED_TYPES = (Object.keys(INCIDENT_TYPES) as IncidentType[]).filter(
  (type) => TYPE_COVERAGE[type].signals.length > 0,
);
