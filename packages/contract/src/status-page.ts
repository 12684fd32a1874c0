import { COMPONENT_STATE_NAMES, PUBLIC_PHASES } from '@firebreak/core';
import { IncidentId, SystemId, Text, Timestamp, TimestampOut } from './common';
import { reportDuplicateIds } from './issues';
import { z } from './zod';

export { COMPONENT_STATE_NAMES, COMPONENT_STATES, PUBLIC_PHASES } from '@firebreak/core';

/** A public component's id: what customers see in the page's JSON, so a slug of its own, never a system id by default. */
export const ComponentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected a slug such as support-assistant (a-z, 0-9, -; at most 63)')
  .openapi({ example: 'support-assistant' });

export const ComponentState = z.enum(COMPONENT_STATE_NAMES).openapi({ example: 'degraded_quality' });

/** One public component: an AI system or feature an organisation shows on its status page. */
export const StatusComponentConfig = z
  .object({
    id: ComponentId,
    /** What customers call it. */
    name: Text(100).openapi({ example: 'Support assistant' }),
    /** One line for customers; never shown to them is anything else from the system card. */
    description: Text(500).optional(),
    /**
     * The AI systems behind it (never shown publicly): publishing a customer update of an
     * incident on one of them names this component unless the publisher says otherwise.
     */
    systems: z.array(SystemId).max(50).default([]),
  })
  .strict();
export type StatusComponentConfig = z.infer<typeof StatusComponentConfig>;

/** `statusPage:` in firebreak.yaml: the public status page's title and components. */
export const StatusPageConfig = z
  .object({
    title: Text(200).default('Status').openapi({ example: 'Acme AI status' }),
    /** A line under the title. */
    description: Text(1000).optional(),
    components: z.array(StatusComponentConfig).max(100).default([]),
  })
  .strict()
  .superRefine((page, ctx) => reportDuplicateIds(ctx, page.components, ['components'], 'component'))
  .openapi('StatusPageConfig');
export type StatusPageConfig = z.infer<typeof StatusPageConfig>;

/**
 * A file's components may name only systems the same file declares (when it declares any), so a
 * typo is caught before anything is applied.
 */
export function checkStatusPageSystems(
  config: {
    systems?: readonly { id: string }[];
    statusPage?: { components: readonly { systems: readonly string[] }[] };
  },
  ctx: z.RefinementCtx,
): void {
  if (!config.statusPage || !config.systems || config.systems.length === 0) return;
  const known = new Set(config.systems.map((system) => system.id));
  config.statusPage.components.forEach((component, index) => {
    component.systems.forEach((system, at) => {
      if (!known.has(system))
        ctx.addIssue({
          code: 'custom',
          path: ['statusPage', 'components', index, 'systems', at],
          message: `unknown system ${system}: declare it under systems`,
        });
    });
  });
}

/** The `{id}` in `/status-page/components/{id}`. */
export const ComponentIdParams = z.object({ id: ComponentId });

/** `PUT /status-page/components/{id}`: set what a component shows, with why. */
export const SetComponentStateRequest = z
  .object({
    state: ComponentState,
    /** Why (kept in the audit log, not shown publicly). */
    reason: Text(1000).openapi({ example: 'Answers quote a refund policy that does not exist; prompt rolled back.' }),
    /** The incident this state is part of, if any. */
    incidentId: IncidentId.optional(),
  })
  .strict()
  .openapi('SetComponentStateRequest');
export type SetComponentStateRequest = z.infer<typeof SetComponentStateRequest>;

export const MaintenanceId = z
  .string()
  .regex(/^MNT-[1-9][0-9]*$/, 'expected a maintenance id such as MNT-3')
  .openapi({ example: 'MNT-3' });
export const MaintenanceIdParams = z.object({ id: MaintenanceId });

/** `POST /status-page/maintenance`: a scheduled window; its title and description are public. */
export const MaintenanceRequest = z
  .object({
    title: Text(200).openapi({ example: 'Support assistant model upgrade' }),
    description: Text(4000).openapi({ example: 'Answers may be slower for up to 30 minutes.' }),
    components: z.array(ComponentId).min(1, 'name at least one component').max(100),
    startsAt: Timestamp,
    endsAt: Timestamp,
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.endsAt <= body.startsAt)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    if (Date.parse(body.endsAt) - Date.parse(body.startsAt) > 7 * 86_400_000)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'a window lasts at most 7 days' });
  })
  .openapi('MaintenanceRequest');
export type MaintenanceRequest = z.infer<typeof MaintenanceRequest>;

/** `POST /status-page/maintenance/{id}/cancel`. */
export const CancelMaintenanceRequest = z
  .object({ reason: Text(1000) })
  .strict()
  .openapi('CancelMaintenanceRequest');
export type CancelMaintenanceRequest = z.infer<typeof CancelMaintenanceRequest>;

/** `POST /incidents/{id}/status-updates/{updateId}/publish`: the approver puts a customer update on the page. */
export const PublishStatusUpdateRequest = z
  .object({
    /**
     * The incident's public name; required the first time an incident is published, and may be
     * changed by a later publication. Never the internal title unless typed here.
     */
    title: Text(200).optional().openapi({ example: 'Wrong answers about refunds' }),
    /** The components affected; left out, those whose systems the incident is on. */
    components: z.array(ComponentId).max(100).optional(),
    /** States to set on components with this publication (audited like a direct change). */
    states: z
      .array(z.object({ component: ComponentId, state: ComponentState }).strict())
      .max(100)
      .default([]),
  })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.states.forEach((entry, index) => {
      if (seen.has(entry.component))
        ctx.addIssue({
          code: 'custom',
          path: ['states', index, 'component'],
          message: `${entry.component} is given twice`,
        });
      seen.add(entry.component);
    });
  })
  .openapi('PublishStatusUpdateRequest');
export type PublishStatusUpdateRequest = z.infer<typeof PublishStatusUpdateRequest>;

export const UpdateIdParams = z.object({
  id: IncidentId,
  updateId: z
    .string()
    .regex(/^UPD-[1-9][0-9]*$/, 'expected a status update id such as UPD-4')
    .openapi({ example: 'UPD-4' }),
});

export const Publication = z
  .object({
    updateId: z.string(),
    incidentId: IncidentId,
    title: z.string(),
    components: z.array(z.string()),
    publishedAt: TimestampOut,
    publishedBy: z.string(),
    /** The role the approver held: comms_lead, or incident_commander when no comms lead was seated. */
    approvedAs: z.enum(['comms_lead', 'incident_commander']),
  })
  .openapi('Publication');
export type Publication = z.infer<typeof Publication>;

const PublicState = ComponentState;

export const PublicComponent = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    status: PublicState,
    updatedAt: TimestampOut.nullable(),
  })
  .openapi('PublicComponent');

export const PublicUpdate = z
  .object({
    id: z.string(),
    status: z.enum(PUBLIC_PHASES),
    whatHappened: z.string(),
    impact: z.string(),
    currentStatus: z.string(),
    nextSteps: z.string(),
    asks: z.string().nullable(),
    publishedAt: TimestampOut,
    /** When the next update is promised, while the incident is ongoing. */
    nextUpdateBy: TimestampOut.nullable(),
  })
  .openapi('PublicUpdate');
export type PublicUpdate = z.infer<typeof PublicUpdate>;

export const PublicIncident = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(PUBLIC_PHASES),
    components: z.array(z.string()),
    createdAt: TimestampOut,
    updatedAt: TimestampOut,
    resolvedAt: TimestampOut.nullable(),
    /** Newest first. */
    updates: z.array(PublicUpdate),
  })
  .openapi('PublicIncident');
export type PublicIncident = z.infer<typeof PublicIncident>;

export const PublicMaintenance = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    status: z.enum(['scheduled', 'in_progress', 'completed']),
    components: z.array(z.string()),
    startsAt: TimestampOut,
    endsAt: TimestampOut,
  })
  .openapi('PublicMaintenance');
export type PublicMaintenance = z.infer<typeof PublicMaintenance>;

/** `GET /status.json`: what the public page shows, as data (no token). */
export const StatusSummary = z
  .object({
    page: z.object({ title: z.string(), description: z.string().nullable(), updatedAt: TimestampOut }),
    status: z.object({ indicator: PublicState, description: z.string() }),
    components: z.array(PublicComponent),
    /** Ongoing incidents, newest first. */
    incidents: z.array(PublicIncident),
    /** Incidents resolved in the last 14 days, newest first. */
    pastIncidents: z.array(PublicIncident),
    /** Windows in progress or to come, soonest first. */
    scheduledMaintenances: z.array(PublicMaintenance),
  })
  .openapi('StatusSummary');
export type StatusSummary = z.infer<typeof StatusSummary>;

/** A component as responders see it: the public view plus who set its state, when and why. */
export const ComponentView = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    systems: z.array(z.string()),
    /** What the page shows now (maintenance included). */
    shown: ComponentState,
    /** What a responder last set (operational when nobody has). */
    state: ComponentState,
    setAt: TimestampOut.nullable(),
    setBy: z.string().nullable(),
    reason: z.string().nullable(),
    incidentId: z.string().nullable(),
  })
  .openapi('ComponentView');
export type ComponentView = z.infer<typeof ComponentView>;

export const Maintenance = z
  .object({
    id: MaintenanceId,
    title: z.string(),
    description: z.string(),
    components: z.array(z.string()),
    startsAt: TimestampOut,
    endsAt: TimestampOut,
    createdAt: TimestampOut,
    createdBy: z.string(),
    cancelledAt: TimestampOut.nullable(),
    cancelledBy: z.string().nullable(),
    cancelReason: z.string().nullable(),
  })
  .openapi('Maintenance');
export type Maintenance = z.infer<typeof Maintenance>;

/** `GET /status-page`: the page's configuration and state, for responders. */
export const StatusPageView = z
  .object({
    title: z.string(),
    description: z.string().nullable(),
    components: z.array(ComponentView),
    maintenance: z.array(Maintenance),
    publications: z.array(Publication),
  })
  .openapi('StatusPageView');
export type StatusPageView = z.infer<typeof StatusPageView>;
