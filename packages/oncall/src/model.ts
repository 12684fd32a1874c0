/**
 * The on-call model as plain data. The shapes match what `@firebreak/contract` parses out of
 * `firebreak.yaml` (people, teams, schedules, overrides), so a parsed config can be passed in
 * as it is; this package checks nothing the contract already refused.
 */

/** How Firebreak can reach a person, besides the email and Slack id on the person. */
export interface ContactMethod {
  kind: 'email' | 'sms' | 'phone' | 'slack' | 'webhook';
  /** An address, a number (E.164), a Slack member id or a URL, by kind. */
  to: string;
}

/** Someone Firebreak can reach. */
export interface Person {
  id: string;
  name: string;
  email?: string | undefined;
  slackId?: string | undefined;
  /** IANA zone (`Europe/Berlin`), for showing times and, later, quiet hours. */
  timeZone: string;
  contactMethods?: ContactMethod[] | undefined;
}

/** People who own systems together, and optionally the schedule that says who of them is on call. */
export interface Team {
  id: string;
  name: string;
  /** Person ids. */
  members: string[];
  /** Schedule id. */
  schedule?: string | undefined;
}

/**
 * How long each person's turn lasts: `daily`, `weekly`, `<n>d` (calendar days in the schedule's
 * zone, so a turn spanning a daylight-saving change is an hour shorter or longer) or `<n>h`
 * (elapsed hours, whatever the wall clock does).
 */
export type TurnLength = string;

/** One rotation: people taking turns in order, from a start date until an optional end date. */
export interface Rotation {
  /** Person ids, in turn order; the first is on call from the start. */
  members: string[];
  turn: TurnLength;
  /** Wall-clock time of the hand-off in the schedule's zone, `HH:MM`. */
  handoff: string;
  /** Plain date (`2026-03-02`): the first turn starts at the hand-off time on this day. */
  start: string;
  /** Plain date: the rotation stops at the hand-off time on this day. */
  end?: string | undefined;
}

/**
 * A layer of a schedule. Its rotations follow each other in time (they may not overlap), so a
 * team can change its rotation from a date on without rewriting the past.
 */
export interface Layer {
  id: string;
  rotations: Rotation[];
}

/** Someone taking the pager for a period, for everyone or only in place of one person. */
export interface Override {
  id: string;
  /** Schedule id. */
  schedule: string;
  /** Person id of who is on call instead. */
  person: string;
  /** UTC ISO-8601 instant, inclusive. */
  from: string;
  /** UTC ISO-8601 instant, exclusive. */
  to: string;
  /** When given, the override applies only while this person would have been on call. */
  replacing?: string | undefined;
}

/**
 * Who is on call for a team, as layers of rotations; a higher layer (later in the list) wins
 * wherever it has someone, and overrides win over every layer.
 */
export interface Schedule {
  id: string;
  name: string;
  /** IANA zone the hand-off times and dates are read in. */
  timeZone: string;
  layers: Layer[];
  /** The overrides for this schedule; `overridesFor` picks them from the config's list. */
  overrides?: Override[] | undefined;
}

/** Who is on call at one instant, and what decided it. */
export interface OnCall {
  /** Person id, or null when nobody is. */
  person: string | null;
  /** The layer whose rotation has the turn (under an override: the layer it replaced), or null. */
  layer: string | null;
  /** The override in force, or null. */
  override: string | null;
}

/** A period with one person on call, decided the same way throughout. */
export interface Shift {
  person: string;
  /** UTC ISO-8601, inclusive. */
  start: string;
  /** UTC ISO-8601, exclusive. */
  end: string;
  layer: string | null;
  override: string | null;
}
