import { MAX_EXERCISE_SPEED } from '@firebreak/core';
import { IncidentId, Person, SystemId, Text, Timestamp, TimestampOut } from './common';
import { z } from './zod';

/** A drill's id: `DRL-` and its number. */
export const ExerciseId = z
  .string()
  .regex(/^DRL-[1-9][0-9]*$/, 'expected a drill id such as DRL-3')
  .openapi({ example: 'DRL-3' });

export const ExerciseMode = z.enum(['live_fire', 'tabletop']).openapi({
  description:
    'live_fire: the scenario’s telemetry is fed through the real monitors on the drill clock, so the team meets the failure as an alert; tabletop: injects only.',
});
export type ExerciseMode = z.infer<typeof ExerciseMode>;

export const ExerciseStatus = z.enum(['ready', 'running', 'paused', 'ended']);
export type ExerciseStatus = z.infer<typeof ExerciseStatus>;

const Speed = z
  .number()
  .min(0.1, 'at least 0.1')
  .max(MAX_EXERCISE_SPEED, `at most ${MAX_EXERCISE_SPEED} (an hour of drill a minute)`)
  .openapi({ description: 'Drill minutes per real minute.', example: 1 });

const Reason = Text(2000).openapi({ description: 'Why: it goes on the audit chain.' });

export const StartExerciseRequest = z
  .object({
    scenario: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected a scenario id from the library, such as retrieval-data-leak')
      .optional()
      .openapi({ description: 'A scenario of the built-in library (GET /exercises/scenarios).' }),
    scenarioYaml: z
      .string()
      .max(256 * 1024, 'at most 256 KiB')
      .optional()
      .openapi({ description: 'A scenario file of your own, in the library’s format; errors name line and field.' }),
    replayOf: IncidentId.optional().openapi({
      description: 'Replay a past incident as a drill: its recorded telemetry is the failure.',
    }),
    mode: ExerciseMode.default('live_fire'),
    team: Text(120).optional().openapi({ description: 'The team drilled (default: the system’s owner).' }),
    speed: Speed.default(1),
    channel: z
      .url({ protocol: /^https?$/, message: 'expected an http(s) URL' })
      .max(2000)
      .optional()
      .openapi({
        description:
          'A drill channel: a webhook URL that receives the drill’s notifications, each marked as a drill with the channel it would have gone to. Without one, drill notifications are held and never sent.',
      }),
  })
  .strict()
  .superRefine((value, ctx) => {
    const given = [value.scenario, value.scenarioYaml, value.replayOf].filter((v) => v !== undefined).length;
    if (given !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['scenario'],
        message: 'give exactly one of scenario, scenarioYaml or replayOf',
      });
  })
  .openapi('StartExerciseRequest');
export type StartExerciseRequest = z.infer<typeof StartExerciseRequest>;

export const ExerciseClockRequest = z
  .object({
    action: z.enum(['start', 'pause', 'resume', 'speed', 'end']),
    speed: Speed.optional(),
    reason: Reason.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.action === 'speed' && value.speed === undefined)
      ctx.addIssue({ code: 'custom', path: ['speed'], message: 'required when action is speed' });
  })
  .openapi('ExerciseClockRequest');
export type ExerciseClockRequest = z.infer<typeof ExerciseClockRequest>;

export const ReleaseInjectRequest = z
  .object({ note: Text(2000).optional() })
  .strict()
  .openapi('ReleaseInjectRequest');
export type ReleaseInjectRequest = z.infer<typeof ReleaseInjectRequest>;

export const HotwashFinding = z
  .object({
    kind: z.enum(['strength', 'improvement']),
    observation: Text(2000),
    action: z
      .object({
        title: Text(200),
        owner: Person.optional(),
        dueAt: Timestamp.optional(),
      })
      .strict()
      .optional()
      .openapi({ description: 'A corrective action: tracked and verified like any incident’s.' }),
  })
  .strict();
export type HotwashFinding = z.infer<typeof HotwashFinding>;

export const HotwashRequest = z
  .object({ findings: z.array(HotwashFinding).min(1, 'at least one finding').max(50) })
  .strict()
  .openapi('HotwashRequest');
export type HotwashRequest = z.infer<typeof HotwashRequest>;

export const ScorecardItem = z
  .object({
    id: z.string(),
    label: z.string(),
    target: z.string(),
    actual: z.string(),
    met: z.boolean().nullable().openapi({ description: 'null while it can still be met.' }),
    detail: z.string().optional(),
  })
  .openapi('ScorecardItem');

export const Scorecard = z
  .object({
    items: z.array(ScorecardItem),
    score: z.number().openapi({ description: '0..100, weighted as docs/drills.md says.' }),
    passed: z.boolean(),
  })
  .openapi('Scorecard');
export type Scorecard = z.infer<typeof Scorecard>;

export const ExerciseInject = z
  .object({
    id: z.string(),
    title: z.string(),
    body: z.string(),
    audience: z.string().nullable(),
    trigger: z
      .string()
      .openapi({ description: 'When it falls due, as the scenario says: `at 20m` or `5m after declared`.' }),
    dueMs: z.number().nullable().openapi({ description: 'Drill time it falls due; null until its condition is met.' }),
    releasedMs: z.number().nullable(),
    releasedAt: TimestampOut.nullable(),
    releasedBy: z.string().nullable(),
  })
  .openapi('ExerciseInject');
export type ExerciseInject = z.infer<typeof ExerciseInject>;

export const Exercise = z
  .object({
    id: ExerciseId,
    scenario: z.object({
      id: z.string(),
      title: z.string(),
      summary: z.string(),
      kind: z.string(),
      background: z.string(),
      objectives: z.array(z.string()),
      constraints: z.array(z.object({ kind: z.string(), description: z.string() })),
      roles: z.array(z.string()),
      expected: z.record(z.string(), z.unknown()),
    }),
    mode: ExerciseMode,
    status: ExerciseStatus,
    team: z.string(),
    facilitator: z.string(),
    system: SystemId.openapi({ description: 'The real system the scenario is about (never touched).' }),
    space: z
      .object({
        system: SystemId.openapi({
          description: 'The drill’s copy of the system: its telemetry, alerts and incidents.',
        }),
        controls: z.array(z.string()).openapi({ description: 'The drill’s copies of the system’s controls.' }),
      })
      .openapi({ description: 'The exercise space: the only system and controls the drill may change.' }),
    channel: z.string().nullable(),
    replayOf: z.string().nullable(),
    clock: z.object({
      startedAt: TimestampOut.nullable(),
      nowMs: z.number().openapi({ description: 'Drill time now (ms since the start).' }),
      speed: z.number(),
      onsetMs: z
        .number()
        .nullable()
        .openapi({ description: 'When the failure begins on the drill clock (live fire).' }),
      durationMs: z.number(),
      fedUntilMs: z.number(),
    }),
    injects: z.array(ExerciseInject),
    incidents: z.array(z.string()),
    scorecard: Scorecard,
    hotwash: z
      .object({
        at: TimestampOut,
        by: z.string(),
        findings: z.array(HotwashFinding.extend({ actionId: z.string().nullable() })),
      })
      .nullable(),
    createdAt: TimestampOut,
    createdBy: z.string(),
    endedAt: TimestampOut.nullable(),
  })
  .openapi('Exercise');
export type Exercise = z.infer<typeof Exercise>;

export const ExerciseList = z.object({ exercises: z.array(Exercise) }).openapi('ExerciseList');
export type ExerciseList = z.infer<typeof ExerciseList>;

export const ExerciseListQuery = z
  .object({
    status: ExerciseStatus.optional(),
    team: Text(120).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ExerciseListQuery = z.infer<typeof ExerciseListQuery>;

export const ScenarioSummary = z
  .object({ id: z.string(), title: z.string(), kind: z.string(), system: SystemId, summary: z.string() })
  .openapi('ScenarioSummary');
export const ScenarioList = z.object({ scenarios: z.array(ScenarioSummary) }).openapi('ScenarioList');
export type ScenarioList = z.infer<typeof ScenarioList>;

export const ExerciseReport = z.object({ id: ExerciseId, markdown: z.string() }).openapi('ExerciseReport', {
  description: 'The drill report (after-action report and improvement plan) in Markdown.',
});
export type ExerciseReport = z.infer<typeof ExerciseReport>;

export const ExerciseIdParams = z.object({ id: ExerciseId });
export const ExerciseInjectParams = z.object({
  id: ExerciseId,
  inject: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected an inject id such as exec-asks-for-eta'),
});
