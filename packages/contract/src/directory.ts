import { Timestamp, TimestampOut } from './common';
import { ControlAccess, checkControlAccessTeams } from './control-access';
import { checkEscalationTargets, NotificationsConfig } from './notifications';
import { checkOnCallReferences, OverrideConfig, PersonConfig, ScheduleConfig, ScheduleId, TeamConfig } from './oncall';
import { PostmortemSettings } from './postmortems';
import { RecoveryConfig } from './recovery';
import { StatusPageConfig } from './status-page';
import { z } from './zod';

/**
 * Who can be reached and who is on call, as one document: the `people`, `teams`, `schedules`,
 * `overrides` and `notifications` sections of firebreak.yaml. `firebreak system apply` sends it
 * whole, and the server keeps every version (append-only), so a page can always say which
 * schedule decided it.
 */
export const OnCallDirectory = z
  .object({
    people: z.array(PersonConfig).max(5000).default([]),
    teams: z.array(TeamConfig).max(1000).default([]),
    schedules: z.array(ScheduleConfig).max(1000).default([]),
    overrides: z.array(OverrideConfig).max(5000).default([]),
    notifications: NotificationsConfig.optional(),
    /** When postmortems are required and due, and their templates; left out, the defaults. */
    postmortems: PostmortemSettings.optional(),
    /** Who may change a system's controls; left out, its owners (and admins, and incident commanders). */
    controlAccess: ControlAccess.optional(),
    /** What a serious incident's recovery gate asks before traffic widens again; left out, the built-in checklists. */
    recovery: RecoveryConfig.optional(),
    /** The public status page's title and components; left out, the page lists none. */
    statusPage: StatusPageConfig.optional(),
  })
  .strict()
  .superRefine((directory, ctx) => {
    checkOnCallReferences(directory, ctx);
    checkEscalationTargets(directory, ctx);
    checkControlAccessTeams(directory, ctx);
  })
  .openapi('OnCallDirectory');
export type OnCallDirectory = z.infer<typeof OnCallDirectory>;
export type OnCallDirectoryInput = z.input<typeof OnCallDirectory>;

/** The directory in force and which version it is. */
export const DirectoryView = z
  .object({
    /** 0 while nothing has been applied. */
    revision: z.number().int(),
    appliedAt: TimestampOut.nullable(),
    appliedBy: z.string().nullable(),
    directory: OnCallDirectory,
  })
  .openapi('DirectoryView');
export type DirectoryView = z.infer<typeof DirectoryView>;

export const OnCallQuery = z.object({
  at: Timestamp.optional().openapi({ description: 'The instant to ask about (default: now).' }),
  schedule: ScheduleId.optional().openapi({ description: 'Only this schedule.' }),
});
export type OnCallQuery = z.infer<typeof OnCallQuery>;

export const OnCallEntry = z
  .object({
    schedule: z.string(),
    team: z.string().nullable(),
    person: z.string().nullable(),
    name: z.string().nullable(),
    layer: z.string().nullable(),
    override: z.string().nullable(),
    until: TimestampOut.nullable(),
  })
  .openapi('OnCallEntry');

export const OnCallResponse = z
  .object({ at: TimestampOut, revision: z.number().int(), onCall: z.array(OnCallEntry) })
  .openapi('OnCallResponse');
export type OnCallResponse = z.infer<typeof OnCallResponse>;

export const ScheduleIdParams = z.object({ id: ScheduleId });

export const CalendarQuery = z.object({
  from: Timestamp.optional().openapi({ description: 'Start (default: 7 days ago).' }),
  to: Timestamp.optional().openapi({ description: 'End, exclusive (default: 56 days after from); at most a year.' }),
});

/** A schedule's iCalendar (RFC 5545) feed, as text. */
export const CalendarFeed = z.string().openapi({ description: 'text/calendar: one VEVENT per shift, times in UTC' });

/**
 * `POST /directory/overrides`: someone takes a schedule's pager for a period, added to the
 * directory in force as a new revision. What people change at 03:00 without a pull request; the
 * next `firebreak system apply` replaces it with the file's overrides, so add it there too.
 */
export const AddOverrideRequest = OverrideConfig.openapi('AddOverrideRequest');
export type AddOverrideRequest = z.infer<typeof AddOverrideRequest>;

/** The `{id}` of an override: the same slug an override's `id` is. */
export const OverrideIdParams = z.object({ id: OverrideConfig.shape.id });
