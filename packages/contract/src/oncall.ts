import { SYSTEM_ID_PATTERN } from '@firebreak/core';
import { Text, Timestamp, Url } from './common';
import { reportDuplicateIds } from './issues';
import { z } from './zod';

/**
 * People, teams and on-call schedules as `firebreak.yaml` declares them. The shapes are those of
 * `@firebreak/oncall`'s model, so a parsed config goes to it as it is; the cross-references
 * (a team member who is not a person, an override on a schedule that does not exist) are
 * checked by `checkOnCallReferences`, which FirebreakConfig runs.
 */

const slug = (example: string) =>
  z
    .string()
    .regex(SYSTEM_ID_PATTERN, `expected a lower-case slug such as ${example} (a-z, 0-9, . _ -)`)
    .openapi({ example });

export const PersonId = slug('dana-reyes');
export const TeamId = slug('support-ai');
export const ScheduleId = slug('support-ai-primary');

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** True for a time-zone name the runtime's IANA database knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(value: string): boolean {
  if (!ZONE_NAME.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone. */
export const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, 'unknown time zone: expected an IANA name such as Europe/Berlin or America/New_York')
  .openapi({ example: 'Europe/Berlin' });

/** A Slack member id (`U024BE7LH`), as Slack shows it under a profile's "Copy member ID". */
const SlackId = z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'expected a Slack member id such as U024BE7LH');
const PhoneNumber = z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'expected an E.164 number such as +4930123456');

/** One more way to reach a person, beyond the email and Slack id on the person. */
export const ContactMethod = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('email'), to: z.email({ message: 'expected an email address' }) }).strict(),
  z.object({ kind: z.enum(['sms', 'phone']), to: PhoneNumber }).strict(),
  z.object({ kind: z.literal('slack'), to: SlackId }).strict(),
  z.object({ kind: z.literal('webhook'), to: Url }).strict(),
]);
export type ContactMethod = z.infer<typeof ContactMethod>;

/** Someone Firebreak can reach. */
export const PersonConfig = z
  .object({
    id: PersonId,
    name: Text(200).openapi({ example: 'Dana Reyes' }),
    email: z.email({ message: 'expected an email address' }).optional(),
    slackId: SlackId.optional(),
    /** Where the person lives, for showing times in their zone (and, later, quiet hours). */
    timeZone: TimeZone,
    contactMethods: z.array(ContactMethod).max(20).default([]),
  })
  .strict();
export type PersonConfig = z.infer<typeof PersonConfig>;

/** People who own systems together; a system card's `owner` may name a team by its id. */
export const TeamConfig = z
  .object({
    id: TeamId,
    name: Text(200).openapi({ example: 'Support AI' }),
    /** Person ids. */
    members: z.array(PersonId).max(500).default([]),
    /** The schedule that says who of the team is on call. */
    schedule: ScheduleId.optional(),
  })
  .strict();
export type TeamConfig = z.infer<typeof TeamConfig>;

/** `daily`, `weekly`, `<n>d` (calendar days in the schedule's zone) or `<n>h` (elapsed hours). */
export const TurnLength = z
  .string()
  .regex(/^(?:daily|weekly|[1-9][0-9]{0,3}[dh])$/, 'expected daily, weekly, <n>d or <n>h (such as 3d or 12h)')
  .openapi({ example: 'weekly' });

const TimeOfDay = z
  .string()
  .regex(/^(?:[01][0-9]|2[0-3]):[0-5][0-9]$/, 'expected a 24-hour time such as 09:00')
  .openapi({ example: '09:00' });
const PlainDate = z.iso.date({ message: 'expected a date such as 2026-03-02' }).openapi({ example: '2026-03-02' });

/** People taking turns in order, from the hand-off on `start` until the hand-off on `end`. */
export const RotationConfig = z
  .object({
    members: z.array(PersonId).min(1, 'a rotation needs at least one member').max(100),
    turn: TurnLength,
    /** Wall-clock time of the hand-off in the schedule's zone. */
    handoff: TimeOfDay.default('09:00'),
    start: PlainDate,
    end: PlainDate.optional(),
  })
  .strict()
  .superRefine((rotation, ctx) => {
    if (rotation.end !== undefined && rotation.end <= rotation.start)
      ctx.addIssue({ code: 'custom', path: ['end'], message: `must be after start (${rotation.start})` });
  });
export type RotationConfig = z.infer<typeof RotationConfig>;

/** A layer: rotations one after the other; a higher layer (later in the list) wins where it has someone. */
export const LayerConfig = z
  .object({ id: slug('primary'), rotations: z.array(RotationConfig).min(1).max(50) })
  .strict();

/** Who is on call, as layers of rotations in one time zone. */
export const ScheduleConfig = z
  .object({
    id: ScheduleId,
    name: Text(200).openapi({ example: 'Support AI primary' }),
    timeZone: TimeZone,
    layers: z.array(LayerConfig).min(1, 'a schedule needs at least one layer').max(20),
  })
  .strict()
  .superRefine((schedule, ctx) => {
    reportDuplicateIds(ctx, schedule.layers, ['layers'], 'layer');
    for (const [index, layer] of schedule.layers.entries()) {
      reportOverlaps(ctx, layer.rotations, ['layers', index, 'rotations']);
    }
  });
export type ScheduleConfig = z.infer<typeof ScheduleConfig>;

/** Someone taking the pager for a period, for everyone or only in place of one person. */
export const OverrideConfig = z
  .object({
    id: slug('dana-holiday'),
    schedule: ScheduleId,
    person: PersonId,
    from: Timestamp,
    to: Timestamp,
    /** When given, the override applies only while this person would have been on call. */
    replacing: PersonId.optional(),
    reason: Text(500).optional(),
  })
  .strict()
  .superRefine((override, ctx) => {
    if (Date.parse(override.to) <= Date.parse(override.from))
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must be after from (${override.from})` });
  });
export type OverrideConfig = z.infer<typeof OverrideConfig>;

/**
 * Refuses rotations of one layer whose periods overlap. Both run in the schedule's zone, so
 * comparing their local start and end (date and hand-off time) is enough.
 */
function reportOverlaps(ctx: z.RefinementCtx, rotations: readonly RotationConfig[], path: PropertyKey[]): void {
  const spans = rotations.map((r) => ({ from: `${r.start}T${r.handoff}`, to: r.end ? `${r.end}T${r.handoff}` : '∞' }));
  spans.forEach((span, index) => {
    const earlier = spans.findIndex((other, j) => j < index && span.from < other.to && other.from < span.to);
    if (earlier < 0) return;
    const other = spans[earlier]!;
    ctx.addIssue({
      code: 'custom',
      path: [...path, index, 'start'],
      message: `overlaps rotations[${earlier}] (${other.from} to ${other.to === '∞' ? 'no end' : other.to}): rotations of one layer must follow each other; end the earlier one or put this one on another layer`,
    });
  });
}

/** The on-call sections of `firebreak.yaml`, all optional. */
export interface OnCallSections {
  people?: readonly PersonConfig[] | undefined;
  teams?: readonly TeamConfig[] | undefined;
  schedules?: readonly ScheduleConfig[] | undefined;
  overrides?: readonly OverrideConfig[] | undefined;
}

/**
 * Checks what the on-call sections say about each other: ids are unique, and every person and
 * schedule named is declared. Each issue's path is the field that names the unknown thing.
 *
 * @example
 * FirebreakConfig.superRefine((config, ctx) => checkOnCallReferences(config, ctx));
 */
export function checkOnCallReferences(config: OnCallSections, ctx: z.RefinementCtx): void {
  reportDuplicateIds(ctx, config.people, ['people'], 'person');
  reportDuplicateIds(ctx, config.teams, ['teams'], 'team');
  reportDuplicateIds(ctx, config.schedules, ['schedules'], 'schedule');
  reportDuplicateIds(ctx, config.overrides, ['overrides'], 'override');
  const people = new Set(config.people?.map((person) => person.id));
  const schedules = new Set(config.schedules?.map((schedule) => schedule.id));
  const person = (id: string | undefined, path: PropertyKey[]) => {
    if (id !== undefined && !people.has(id))
      ctx.addIssue({ code: 'custom', path, message: `unknown person ${id}: declare it under people` });
  };
  const schedule = (id: string | undefined, path: PropertyKey[]) => {
    if (id !== undefined && !schedules.has(id))
      ctx.addIssue({ code: 'custom', path, message: `unknown schedule ${id}: declare it under schedules` });
  };
  for (const [t, team] of (config.teams ?? []).entries()) {
    for (const [m, id] of team.members.entries()) person(id, ['teams', t, 'members', m]);
    schedule(team.schedule, ['teams', t, 'schedule']);
  }
  for (const [si, s] of (config.schedules ?? []).entries()) {
    for (const [li, layer] of s.layers.entries()) {
      for (const [ri, rotation] of layer.rotations.entries()) {
        const path = ['schedules', si, 'layers', li, 'rotations', ri, 'members'];
        for (const [m, id] of rotation.members.entries()) person(id, [...path, m]);
      }
    }
  }
  for (const [o, override] of (config.overrides ?? []).entries()) {
    schedule(override.schedule, ['overrides', o, 'schedule']);
    person(override.person, ['overrides', o, 'person']);
    person(override.replacing, ['overrides', o, 'replacing']);
  }
}
