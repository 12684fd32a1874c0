import { z } from './zod';

const TeamRef = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a team id such as sre (a-z, 0-9, _ -)');

/**
 * Who may change a system's containment controls (firebreak.yaml `controlAccess:`). Admins and
 * Firebreak's own rules always may. `owners` (the default) limits the rest to the members of the
 * team the system's `owner` names, the teams listed here, and, when `incidentCommanders` is on,
 * the commander of an open incident on the system; `responders` lets any responder token change
 * any control. A system whose owner names no team of the directory cannot be limited this way,
 * and its controls stay open to responders (docs/adr/0026-who-may-change-a-control.md).
 */
export const ControlAccess = z
  .object({
    changedBy: z.enum(['owners', 'responders']).default('owners').openapi({
      description:
        'owners: the owner team, the teams listed, incident commanders; responders: anyone with a responder token.',
    }),
    teams: z
      .array(TeamRef)
      .max(100)
      .default([])
      .openapi({ description: "Teams that may change every system's controls besides its owners (e.g. sre)." }),
    incidentCommanders: z
      .boolean()
      .default(true)
      .openapi({ description: 'The commander of an open incident on the system may change its controls.' }),
  })
  .strict()
  .openapi('ControlAccess');
export type ControlAccess = z.infer<typeof ControlAccess>;
export type ControlAccessInput = z.input<typeof ControlAccess>;

/** Reports `controlAccess.teams` entries that name no declared team. */
export function checkControlAccessTeams(
  config: { teams?: readonly { id: string }[] | undefined; controlAccess?: { teams?: readonly string[] } | undefined },
  ctx: z.RefinementCtx,
): void {
  const teams = new Set(config.teams?.map((team) => team.id));
  for (const [index, id] of (config.controlAccess?.teams ?? []).entries()) {
    if (!teams.has(id))
      ctx.addIssue({
        code: 'custom',
        path: ['controlAccess', 'teams', index],
        message: `unknown team ${id}: declare it under teams`,
      });
  }
}
