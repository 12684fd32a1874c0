import type { ControlKind } from '../controls';
import type { Role } from '../roles';
import type { Severity } from '../severity';
import type { IncidentType } from '../taxonomy';

/**
 * The vocabulary of drill scenarios (issue 15): what the team is told, what gets in its way, what
 * it is expected to do and by when, and the failure as synthetic telemetry. docs/drills.md
 * describes every field; `@firebreak/contract`'s `Scenario` schema validates a file into this.
 */

/** What can make a drill harder than the failure itself. */
export const CONSTRAINT_KINDS = [
  'missing_logs',
  'holiday_staffing',
  'executive_pressure',
  'vendor_unavailable',
  'other',
] as const;
export type ConstraintKind = (typeof CONSTRAINT_KINDS)[number];

/** Moments of the drill an inject can follow (`when: { after: … }`). */
export const INJECT_TRIGGERS = ['declared', 'acknowledged', 'alert', 'contained', 'status_update'] as const;
export type InjectTrigger = (typeof INJECT_TRIGGERS)[number];

/** Containment a scenario accepts: a change to a control of one of these kinds, or applying a preset. */
export const CONTAINMENT_CHOICES = [
  'kill_switch',
  'route',
  'throttle',
  'human_review',
  'output_filter',
  'queue',
  'cache',
  'preset',
] as const satisfies readonly (ControlKind | 'preset')[];
export type ContainmentChoice = (typeof CONTAINMENT_CHOICES)[number];

/** The event kinds a scenario's telemetry carries. */
export const SCENARIO_EVENT_KINDS = ['prediction', 'generation'] as const;
export type ScenarioEventKind = (typeof SCENARIO_EVENT_KINDS)[number];

export const FAILURE_SHAPES = ['abrupt', 'ramp'] as const;
export type FailureShape = (typeof FAILURE_SHAPES)[number];

/** Durations are written as people say them (`90s`, `10m`, `2h`, `2d`); `durationMs` reads them. */
export type DurationText = string;

export interface ScenarioConstraint {
  kind: ConstraintKind;
  description: string;
  /** What it does to the drill, for the facilitator (`logs before 10:00 are not searchable`). */
  effect?: string | undefined;
}

/** A message released to the participants: on the drill clock (`at`) or after a moment (`when`). */
export interface ScenarioInject {
  id: string;
  title: string;
  body: string;
  /** The role it is addressed to; everyone when absent. */
  audience?: Role | undefined;
  at?: DurationText | undefined;
  when?: { after: InjectTrigger; delay?: DurationText | undefined } | undefined;
}

/** The expected actions, each `within` a duration of the failure's onset. */
export interface ScenarioExpected {
  declare: { within: DurationText };
  classify: { type: IncidentType; severity: Severity; within: DurationText };
  contain: { within: DurationText; controls: ContainmentChoice[] };
  statusUpdate: { within: DurationText; every?: DurationText | undefined };
  evidence: { min: number };
  decisions: { min: number };
}

/** A numeric feature: normal, optionally rounded to `decimals`. */
export interface NumericFeature {
  mean: number;
  sd: number;
  min?: number | undefined;
  decimals?: number | undefined;
}

/** A categorical feature: each value with its share (shares are normalised). */
export interface CategoricalFeature {
  values: Record<string, number>;
}

export type FeatureSpec = NumericFeature | CategoricalFeature;

/** The healthy system, as generator parameters. */
export interface ScenarioBaseline {
  kind: ScenarioEventKind;
  /** Confidence: normal, clipped to 0.01…0.99. */
  confidence?: { mean: number; sd: number } | undefined;
  /** Latency: log-normal with this median (ms) and log-scale spread. */
  latency: { median: number; sigma: number };
  /** Prediction classes and their shares (tabular predictions). */
  classes?: Record<string, number> | undefined;
  /** Harm flags and the share of events that carry each as true (the rest carry false). */
  flags?: Record<string, number> | undefined;
  /** Share of events that carry feedback, and the share of that feedback that is negative. */
  feedback?: { rate: number; negative: number } | undefined;
  /** Share of events the app marks as errors. */
  errorRate?: number | undefined;
  /** Labels for predictions: the share labelled, the share of labels that disagree, and the delay. */
  labels?: { share: number; errorRate: number; delay: DurationText } | undefined;
  /** Segment keys, each value with its share of traffic. */
  segments?: Record<string, Record<string, number>> | undefined;
  features?: Record<string, FeatureSpec> | undefined;
  versions?: { model?: string | undefined; prompt?: string | undefined; policy?: string | undefined } | undefined;
}

/** A feature's change: numeric ones shift (in its units) and scale; categorical ones take a new mix. */
export interface FeatureChange {
  shift?: number | undefined;
  scale?: number | undefined;
  values?: Record<string, number> | undefined;
}

/** What moves when the failure starts (each at full strength once a ramp has run). */
export interface FailureChanges {
  flags?: Record<string, number> | undefined;
  confidenceShift?: number | undefined;
  classes?: Record<string, number> | undefined;
  labelErrorRate?: number | undefined;
  latencyFactor?: number | undefined;
  errorRate?: number | undefined;
  negativeFeedback?: number | undefined;
  /** New versions from the onset on, for all traffic: a deploy. */
  versions?: { model?: string | undefined; prompt?: string | undefined; policy?: string | undefined } | undefined;
  /** Traffic multiplied by this (in the failure's segment only when it has one). */
  trafficFactor?: number | undefined;
  features?: Record<string, FeatureChange> | undefined;
}

export interface ScenarioFailure {
  shape: FailureShape;
  /** How long a ramp takes to reach full strength. */
  ramp?: DurationText | undefined;
  /** The failure only in events with these segment values. */
  segment?: Record<string, string> | undefined;
  changes: FailureChanges;
}

export interface ScenarioTelemetry {
  /** Events per minute, on average over the day. */
  rate: number;
  /** Healthy history before the drill starts (the monitors learn from it). */
  warmup: DurationText;
  /** When the failure starts, after the drill starts. */
  onset: DurationText;
  /** How long the drill's telemetry runs. */
  duration: DurationText;
  baseline: ScenarioBaseline;
  failure: ScenarioFailure;
}

/** A drill scenario, as a validated scenario file. */
export interface Scenario {
  id: string;
  title: string;
  summary: string;
  /** The incident type the team should classify it as. */
  kind: IncidentType;
  /** The AI system it exercises. */
  system: string;
  background: string;
  roles: Role[];
  objectives: string[];
  constraints: ScenarioConstraint[];
  injects: ScenarioInject[];
  expected: ScenarioExpected;
  telemetry: ScenarioTelemetry;
}
