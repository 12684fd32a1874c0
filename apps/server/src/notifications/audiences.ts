import type { OnCallDirectory, PersonConfig } from '@firebreak/contract';
import type {
  EscalationPolicy,
  EscalationTarget,
  NotificationAudience,
  NotificationChannel,
  Recipient,
  ResolvedRecipients,
} from '@firebreak/core';
import { scheduleOf, whoIsOnCall } from '@firebreak/oncall';

/** The channels that post to a shared place (a Teams channel, a PagerDuty service, a webhook): anyone is reachable on them. */
const SHARED_CHANNELS: readonly NotificationChannel[] = ['teams', 'pagerduty', 'webhook'];

/** What resolving audiences needs to know about the system an incident or alert is on. */
export interface SystemFacts {
  id: string;
  /** A team id, or free text. */
  owner: string;
  /** A schedule id, or free text (a rota's name). */
  onCall?: string | undefined;
}

/** A recipient with the addresses channels need, as notifications carry them. */
export interface Addressee extends Recipient {
  name: string;
  email?: string | undefined;
  slackId?: string | undefined;
  /** The person's id when the directory lists them; absent for a name typed into a role. */
  personId?: string | undefined;
}

/**
 * Which channels a person can be reached on: mail with an address, Slack with a member id (or
 * always, when Slack posts to a fixed channel), and the shared channels always.
 */
export function reachableBy(
  person: Pick<Addressee, 'email' | 'slackId'>,
  slackPostsToChannel: boolean,
): NotificationChannel[] {
  const channels: NotificationChannel[] = [...SHARED_CHANNELS];
  if (person.email) channels.push('email', 'digest');
  if (person.slackId || slackPostsToChannel) channels.push('slack');
  return channels;
}

function fromPerson(person: PersonConfig, slackPostsToChannel: boolean): Addressee {
  const email = person.email ?? person.contactMethods.find((method) => method.kind === 'email')?.to;
  const slackId = person.slackId ?? person.contactMethods.find((method) => method.kind === 'slack')?.to;
  const addressee = { id: person.id, personId: person.id, name: person.name, email, slackId };
  return { ...addressee, reachableBy: reachableBy(addressee, slackPostsToChannel) };
}

/**
 * Resolves who each audience of the matrix is for one system, now: `on_call` is whoever the
 * system's schedule (its `onCall`, else its owning team's schedule) has on call; `owner_team`
 * the owning team's members; `incident_commander` the person in that role (a typed name is
 * matched to a person by id or name); the named audiences (leadership, legal, …) from
 * `notifications.audiences`, each target a person, a team or a schedule's on-call person.
 */
export class AudienceResolver {
  private readonly people: Map<string, PersonConfig>;

  constructor(
    private readonly directory: OnCallDirectory,
    private readonly options: { slackPostsToChannel: boolean },
  ) {
    this.people = new Map(directory.people.map((person) => [person.id, person]));
  }

  /** Everyone each audience names for an incident (or alert) on `system` at `at`. */
  resolve(
    system: SystemFacts | undefined,
    roles: ReadonlyArray<{ role: string; person: string }>,
    at: string,
  ): ResolvedRecipients {
    const resolved: Partial<Record<NotificationAudience, Addressee[]>> = {};
    const schedule = system ? this.scheduleFor(system) : undefined;
    resolved.on_call = schedule ? this.targets([{ schedule }], at) : [];
    const team = system ? this.directory.teams.find((candidate) => candidate.id === system.owner) : undefined;
    resolved.owner_team = team ? this.targets([{ team: team.id }], at) : [];
    resolved.incident_commander = roles
      .filter((holder) => holder.role === 'incident_commander')
      .map((holder) => this.byName(holder.person));
    const audiences = this.directory.notifications?.audiences ?? {};
    for (const audience of ['leadership', 'legal', 'privacy', 'support', 'customers'] as const) {
      const fromRole = audience === 'legal' || audience === 'privacy' ? roles.filter((h) => h.role === audience) : [];
      resolved[audience] = unique([
        ...fromRole.map((holder) => this.byName(holder.person)),
        ...this.targets(audiences[audience] ?? [], at),
      ]);
    }
    return resolved;
  }

  /** The people a list of escalation targets reaches at `at`: a schedule's on-call person, a person, a team's members. */
  targets(targets: readonly EscalationTarget[], at: string): Addressee[] {
    const found: Addressee[] = [];
    for (const target of targets) {
      if ('person' in target) {
        const person = this.people.get(target.person);
        if (person) found.push(this.address(person));
      } else if ('team' in target) {
        const team = this.directory.teams.find((candidate) => candidate.id === target.team);
        for (const member of team?.members ?? []) {
          const person = this.people.get(member);
          if (person) found.push(this.address(person));
        }
      } else {
        const schedule = scheduleOf(this.directory, target.schedule);
        const person = schedule ? whoIsOnCall(schedule, at).person : null;
        const config = person === null ? undefined : this.people.get(person);
        if (config) found.push(this.address(config));
      }
    }
    return unique(found);
  }

  /** A person by id or (case-insensitive) name; a name nobody has is kept as typed, reachable on shared channels only. */
  byName(nameOrId: string): Addressee {
    const person =
      this.people.get(nameOrId) ??
      this.directory.people.find((candidate) => candidate.name.toLowerCase() === nameOrId.toLowerCase());
    if (person) return this.address(person);
    return { id: nameOrId, name: nameOrId, reachableBy: reachableBy({}, this.options.slackPostsToChannel) };
  }

  /**
   * The escalation policy for an incident on these systems: the one that lists the first of them
   * any policy lists, else the default one, else none.
   */
  policyFor(systems: readonly string[]): EscalationPolicy | undefined {
    const notifications = this.directory.notifications;
    if (!notifications) return undefined;
    for (const system of systems) {
      const listed = notifications.escalationPolicies.find((policy) => policy.systems.includes(system));
      if (listed) return listed;
    }
    const fallback = notifications.defaultEscalationPolicy;
    return fallback === undefined
      ? undefined
      : notifications.escalationPolicies.find((policy) => policy.id === fallback);
  }

  private scheduleFor(system: SystemFacts): string | undefined {
    const ids = new Set(this.directory.schedules.map((schedule) => schedule.id));
    if (system.onCall !== undefined && ids.has(system.onCall)) return system.onCall;
    const team = this.directory.teams.find((candidate) => candidate.id === system.owner);
    return team?.schedule !== undefined && ids.has(team.schedule) ? team.schedule : undefined;
  }

  private address(person: PersonConfig): Addressee {
    return fromPerson(person, this.options.slackPostsToChannel);
  }
}

function unique(addressees: Addressee[]): Addressee[] {
  const seen = new Set<string>();
  return addressees.filter((addressee) => !seen.has(addressee.id) && seen.add(addressee.id));
}
