import type { Publication, PublishStatusUpdateRequest } from '@firebreak/contract';
import { assertChangeable, DomainError, invalid, publishingRole, type Role, type Status } from '@firebreak/core';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { changeIncident } from '../incidents/change';
import { currentRoles } from '../incidents/store';
import { personIn, tokenHolderIn } from '../oncall/people';
import { currentDirectory } from '../oncall/store';
import { pageConfig, requireComponent, setComponentState } from './components';
import { presentPublication } from './presenter';
import { componentStates, findPublication, findStatusUpdate, insertPublication, publicationsOf } from './store';

/**
 * Puts a customer status update on the public status page. Only the incident's comms lead may,
 * or its incident commander while no comms lead is seated (ADR 35): whoever drafted it, the
 * approver's publishing is the approval. The first publication names the incident in public
 * (its own title stays internal); components default to those whose systems the incident is on;
 * states given are set on the components in the same transaction, audited like any change.
 */
export function publishStatusUpdate({
  ctx,
  id,
  updateId,
  input,
}: {
  ctx: Ctx;
  id: string;
  updateId: string;
  input: PublishStatusUpdateRequest;
}): Promise<Publication> {
  return changeIncident(ctx, id, async ({ tx, incident, at, record }) => {
    assertChangeable(incident.status as Status, 'publications');
    if (incident.exerciseId)
      throw new DomainError(
        'forbidden',
        `${id} is an incident of drill ${incident.exerciseId}: drills never reach the public status page`,
        { details: { field: 'incident', rule: 'exercise-space' } },
      );
    const update = await findStatusUpdate(tx, id, updateId);
    if (!update) throw new DomainError('not_found', `updateId: no status update ${updateId} on ${id}`);
    if (update.audience !== 'customer')
      throw invalid(
        'updateId',
        `${updateId} is for the ${update.audience} audience; only customer updates go on the status page`,
      );
    if (await findPublication(tx, updateId))
      throw new DomainError('conflict', `updateId: ${updateId} is published already`);
    const approvedAs = await requireApprover(tx, ctx.actor.name, id);

    const page = await pageConfig(tx);
    const linked = page.components.filter((c) => c.systems.some((s) => incident.systems.includes(s))).map((c) => c.id);
    const named = input.components ?? linked;
    for (const [index, component] of named.entries()) requireComponent(page, component, `components[${index}]`);
    for (const [index, entry] of input.states.entries())
      requireComponent(page, entry.component, `states[${index}].component`);
    const components = [...new Set([...named, ...input.states.map((entry) => entry.component)])];
    const earlier = await publicationsOf(tx, id);
    const title = input.title ?? earlier.at(-1)?.title;
    if (!title)
      throw invalid(
        'title',
        `the first publication of ${id} needs a public title (the incident's own title stays internal)`,
      );

    const row = {
      updateId,
      incidentId: id,
      title,
      components,
      publishedAt: at,
      publishedBy: ctx.actor.name,
      approvedAs,
    };
    await insertPublication(tx, row);
    const current = await componentStates(tx);
    const changed = input.states.filter(
      (entry) => (current.get(entry.component)?.state ?? 'operational') !== entry.state,
    );
    for (const entry of changed)
      await setComponentState({
        ctx,
        tx,
        id: entry.component,
        input: { state: entry.state, reason: `published with ${updateId} of ${id}`, incidentId: id },
      });
    await record('status_update_published', { updateId, title, components, approvedAs, states: changed });
    return presentPublication(row);
  });
}

/** The role the caller approves as, or a 403 naming who may. */
async function requireApprover(
  tx: Tx,
  actor: string,
  incidentId: string,
): Promise<'comms_lead' | 'incident_commander'> {
  const seated = (await currentRoles(tx, [incidentId])).get(incidentId) ?? [];
  const role = publishingRole(seated.map((row) => row.role as Role));
  if (!role)
    throw new DomainError(
      'forbidden',
      `role: nobody on ${incidentId} may approve a customer update; seat a comms lead (or an incident commander) first`,
      { details: { rule: 'status_page.approval', required: 'comms_lead' } },
    );
  const holder = seated.find((row) => row.role === role)!.person;
  const { directory } = await currentDirectory(tx);
  const caller = personIn(directory, actor) ?? tokenHolderIn(directory, actor);
  const seatedAs = personIn(directory, holder);
  const callerNames = new Set([actor, caller?.id, caller?.name].filter(Boolean).map((n) => n!.toLowerCase()));
  const holderNames = [holder, seatedAs?.id, seatedAs?.name].filter(Boolean).map((n) => n!.trim().toLowerCase());
  if (holderNames.some((name) => callerNames.has(name))) return role;
  const what = role === 'comms_lead' ? 'the comms lead' : 'the incident commander (no comms lead is seated)';
  throw new DomainError(
    'forbidden',
    `role: only ${what} of ${incidentId}, ${holder}, may publish a customer update; ${actor} is not`,
    { details: { rule: 'status_page.approval', required: role, holder } },
  );
}
