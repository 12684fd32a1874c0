import {
  COUNTINGS,
  type Condition,
  type Counting,
  FACT_FIELDS,
  HARM_CATEGORIES,
  INCIDENT_MEMBER_STATE,
  isKnownCalendar,
  isKnownTimeZone,
  MOMENT_FACTS,
  PROFILE_FIELDS,
  REPORT_STAGES,
  type ReportStage,
  type RulePack,
  type RuleStage,
} from '@firebreak/core';
import { Text } from './common';
import { z } from './zod';

/**
 * A regulatory rule pack file: the built-in `packs/builtin.yaml` of `@firebreak/core` or one an
 * organisation adds. Parse it with `parseYamlFile(RulePackFile, text, file, 'expected "format: 1"')`
 * from `@firebreak/contract/yaml-file`, which places each mistake at its line and field.
 * The format is described in docs/regulatory.md.
 */

const Stage = z.enum(REPORT_STAGES as [ReportStage, ...ReportStage[]]);
const Moment = z.enum(MOMENT_FACTS);

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'not a calendar date');

const TimeZone = z.string().max(64).refine(isKnownTimeZone, 'not an IANA time zone (e.g. Europe/Brussels)');

const CalendarCode = z
  .string()
  .max(10)
  .refine(isKnownCalendar, 'no holiday calendar by that name (a country code such as BE or US, or US-NY)');

/** `EU`, `UK`, a country (`FR`) or a US state (`US-CA`). */
const Jurisdiction = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'expected a code such as EU, FR, UK or US-CA');

/** The values each field a condition tests can take, so that a misspelt value is refused rather than never matching. */
const PROFILE_VALUES: Record<(typeof PROFILE_FIELDS)[number], readonly string[] | 'boolean' | 'string'> = {
  riskTier: ['minimal', 'limited', 'high', 'unacceptable'],
  personalData: 'boolean',
  role: ['provider', 'deployer', 'provider_and_deployer'],
  dataRole: ['controller', 'processor'],
  sector: 'string',
  nis2Entity: ['essential', 'important'],
  doraEntity: ['credit_institution', 'ccp', 'trading_venue', 'nis2_entity', 'other'],
  secRegistrant: 'boolean',
  hipaa: ['covered_entity', 'business_associate'],
  gpaiSystemicRisk: 'boolean',
  gpaiCodeSignatory: 'boolean',
  frontierDeveloper: 'boolean',
};
const FACT_VALUES: Record<(typeof FACT_FIELDS)[number], readonly string[] | 'boolean' | 'string'> = {
  personalDataRisk: ['unlikely', 'risk', 'high'],
  imminentRisk: 'boolean',
  widespreadInfringement: 'boolean',
  unsecuredPhi: 'boolean',
  incidentType: 'string',
  severity: 'string',
};

const CONDITION_KINDS = [
  'all',
  'any',
  'not',
  'profile',
  'fact',
  'peopleAffected',
  'harm',
  'jurisdiction',
  'moment',
] as const;

const Count = z.number().int().min(0).max(100_000_000);

const ConditionNode = z
  .object({
    all: z
      .array(z.lazy(() => ConditionSchema))
      .min(1)
      .max(50)
      .optional(),
    any: z
      .array(z.lazy(() => ConditionSchema))
      .min(1)
      .max(50)
      .optional(),
    not: z.lazy(() => ConditionSchema).optional(),
    profile: z.enum(PROFILE_FIELDS).optional(),
    fact: z.enum(FACT_FIELDS).optional(),
    in: z
      .array(z.union([z.string().max(200), z.number(), z.boolean()]))
      .min(1)
      .max(50)
      .optional(),
    peopleAffected: z
      .object({ atLeast: Count.optional(), above: Count.optional(), below: Count.optional() })
      .strict()
      .optional(),
    harm: z.array(z.enum(HARM_CATEGORIES)).min(1).max(20).optional(),
    jurisdiction: z.array(Jurisdiction).min(1).max(50).optional(),
    of: z.enum(['system', 'incident', 'either']).optional(),
    moment: Moment.optional(),
  })
  .strict()
  .superRefine((node, ctx) => {
    const kinds = CONDITION_KINDS.filter((kind) => node[kind] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          kinds.length === 0
            ? `a condition needs one test: ${CONDITION_KINDS.join(', ')}`
            : `a condition holds one test, found ${kinds.join(' and ')}: combine them under all or any`,
      });
    }
    const field = node.profile ?? node.fact;
    if (field !== undefined && node.in === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['in'],
        message: `required field is missing (the values of ${field} to match)`,
      });
    }
    if (node.in !== undefined && field === undefined) {
      ctx.addIssue({ code: 'custom', path: ['in'], message: 'goes with profile or fact' });
    }
    if (node.of !== undefined && node.jurisdiction === undefined) {
      ctx.addIssue({ code: 'custom', path: ['of'], message: 'goes with jurisdiction' });
    }
    if (node.peopleAffected && Object.keys(node.peopleAffected).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['peopleAffected'], message: 'needs atLeast, above or below' });
    }
    if (field !== undefined && node.in !== undefined) {
      const allowed = node.profile ? PROFILE_VALUES[node.profile] : FACT_VALUES[node.fact!];
      node.in.forEach((value, index) => {
        const fits =
          allowed === 'boolean'
            ? typeof value === 'boolean'
            : allowed === 'string'
              ? typeof value === 'string'
              : typeof value === 'string' && allowed.includes(value);
        if (!fits) {
          const expected = typeof allowed === 'string' ? `a ${allowed}` : `one of ${allowed.join(', ')}`;
          ctx.addIssue({ code: 'custom', path: ['in', index], message: `${field} is ${expected}` });
        }
      });
    }
  })
  .transform((node): Condition => {
    if (node.all) return { all: node.all };
    if (node.any) return { any: node.any };
    if (node.not) return { not: node.not };
    if (node.profile) return { profile: node.profile, in: node.in ?? [] };
    if (node.fact) return { fact: node.fact, in: node.in ?? [] };
    if (node.peopleAffected) return { peopleAffected: node.peopleAffected };
    if (node.harm) return { harm: node.harm };
    if (node.jurisdiction)
      return node.of ? { jurisdiction: node.jurisdiction, of: node.of } : { jurisdiction: node.jurisdiction };
    return { moment: node.moment! };
  });

/**
 * A rule's condition: `all`, `any` or `not` over predicates on the system's profile and the
 * incident's facts, each node holding exactly one test.
 */
export const ConditionSchema: z.ZodType<Condition> = ConditionNode;

const Deadline = z
  .object({
    label: Text(300),
    when: ConditionSchema.optional(),
    from: Moment.optional(),
    counting: z.enum(COUNTINGS as [Counting, ...Counting[]]),
    amount: z.number().int().positive().max(100_000).optional(),
    afterYearEnd: z.boolean().optional(),
    closesAt: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM')
      .optional(),
    noonRoll: z.object({ unless: ConditionSchema.optional() }).strict().optional(),
    target: z.boolean().optional(),
    note: Text(2000).optional(),
  })
  .strict()
  .superRefine((deadline, ctx) => {
    if (deadline.counting === 'immediately' && deadline.amount !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'an immediate deadline has no amount' });
    }
    if (deadline.counting !== 'immediately' && deadline.amount === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `required field is missing (how many for ${deadline.counting})`,
      });
    }
    if (deadline.afterYearEnd && deadline.counting !== 'calendar_days') {
      ctx.addIssue({ code: 'custom', path: ['afterYearEnd'], message: 'goes with counting: calendar_days' });
    }
    if (deadline.closesAt && deadline.counting !== 'business_days') {
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'goes with counting: business_days' });
    }
  });

const Trigger = z
  .object({ moment: Moment.optional(), filed: z.array(Stage).min(1).max(10).optional() })
  .strict()
  .superRefine((trigger, ctx) => {
    if ((trigger.moment === undefined) === (trigger.filed === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a trigger is either moment (a fact) or filed (earlier stages), one of the two',
      });
    }
  })
  .transform((trigger): RuleStage['trigger'] =>
    trigger.moment ? { moment: trigger.moment } : { filed: trigger.filed ?? [] },
  );

const StageSpec = z
  .object({
    stage: Stage,
    when: ConditionSchema.optional(),
    trigger: Trigger,
    recipient: Text(300).optional(),
    deadlines: z.array(Deadline).min(1).max(20),
  })
  .strict();

const Rule = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'expected a lower-case id such as gdpr.33 (letters, digits, . _ -)'),
    regime: Text(100),
    article: Text(200),
    title: Text(300),
    recipient: Text(300),
    source: z
      .object({
        citation: Text(500),
        url: z.url({ protocol: /^https?$/, error: 'expected the http(s) address of the official text' }).max(2000),
      })
      .strict(),
    applies: z
      .array(z.object({ from: IsoDate, reason: Text(1000) }).strict())
      .min(1)
      .max(5),
    timeZone: TimeZone.optional(),
    calendar: z.union([z.literal(INCIDENT_MEMBER_STATE), CalendarCode]).optional(),
    when: ConditionSchema.optional(),
    stages: z.array(StageSpec).min(1).max(10),
    note: Text(2000).optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const stages = rule.stages.map((stage) => stage.stage);
    rule.stages.forEach((stage, index) => {
      if (stages.indexOf(stage.stage) !== index) {
        ctx.addIssue({
          code: 'custom',
          path: ['stages', index, 'stage'],
          message: `${stage.stage} appears twice in the rule`,
        });
      }
      if ('filed' in stage.trigger) {
        for (const [at, filed] of stage.trigger.filed.entries()) {
          if (!stages.includes(filed)) {
            ctx.addIssue({
              code: 'custom',
              path: ['stages', index, 'trigger', 'filed', at],
              message: `the rule has no stage ${filed} to follow (it has ${stages.join(', ')})`,
            });
          }
        }
      }
    });
  });

/** A rule pack file (`format: 1`). */
export const RulePackFile: z.ZodType<RulePack> = z
  .object({
    format: z.literal(1, { message: 'expected format: 1' }),
    name: Text(100),
    /** `1.0.0`, `2026.1` or `3`: a number is read as its text. */
    version: z.union([Text(40), z.number().transform(String)]),
    date: IsoDate,
    defaults: z.object({ timeZone: TimeZone, calendar: CalendarCode }).strict(),
    rules: z.array(Rule).min(1).max(500),
  })
  .strict()
  .superRefine((pack, ctx) => {
    const ids = pack.rules.map((rule) => rule.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index)
        ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `${id} appears twice in the pack` });
    });
  });
