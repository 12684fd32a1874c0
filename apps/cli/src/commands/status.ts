import type { Maintenance, Publication, StatusPageView } from '@firebreak/contract';
import { COMPONENT_STATE_NAMES, COMPONENT_STATES, type ComponentState } from '@firebreak/core';
import { type Command, InvalidArgumentError } from 'commander';
import { clientFor } from '../client';
import { CliError } from '../errors';
import type { CliIo } from '../io';
import { emit } from '../output';
import * as parse from '../validate';

const JSON_HELP = "print the server's JSON response";
const COMPONENT = /^[a-z0-9][a-z0-9-]{0,62}$/;

function componentId(value: string): string {
  const trimmed = value.trim();
  if (!COMPONENT.test(trimmed)) throw new InvalidArgumentError('expected a component id such as support-assistant');
  return trimmed;
}

/** `support-assistant=partial_outage`, repeatable. */
function componentState(value: string, previous: { component: string; state: ComponentState }[] = []) {
  const [component, state] = value.split('=').map((part) => part.trim());
  if (!component || !state)
    throw new InvalidArgumentError('expected component=state, e.g. support-assistant=partial_outage');
  return [...previous, { component: componentId(component), state: parse.oneOf(COMPONENT_STATE_NAMES)(state) }];
}

const collectComponents = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map(componentId),
];

/**
 * `firebreak status`: the public status page (docs/status-page.md): what each component shows,
 * publishing a customer update (the comms lead's approval), maintenance windows.
 */
export function registerStatus(program: Command, io: CliIo): void {
  const status = program
    .command('status')
    .description('The public status page: component states, published customer updates, maintenance')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak status show\n  $ firebreak status set support-assistant partial_outage --reason "1 in 5 answers fail" --incident INC-4\n  $ firebreak status publish INC-4 UPD-9 --title "Slow answers from the support assistant"',
    );

  status
    .command('show')
    .description('Each component with its state and who set it, when and why; maintenance; recent publications')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak status show\n  $ firebreak status show --json')
    .action(async (_options: unknown, cmd: Command) => {
      emit(io, cmd, await clientFor(cmd, io).statusPage(), describeStatusPage);
    });

  status
    .command('set')
    .description('Set what a component shows on the public page, with why (audited; the reason stays internal)')
    .argument('<component>', 'component id, e.g. support-assistant (see status show)', componentId)
    .argument('<state>', `one of ${COMPONENT_STATE_NAMES.join(', ')}`, parse.oneOf(COMPONENT_STATE_NAMES))
    .requiredOption('--reason <text>', 'why (kept in the audit log, not shown publicly)')
    .option('--incident <id>', 'the incident this state belongs to, e.g. INC-4', parse.incidentId)
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak status set support-assistant degraded_quality --reason "answers slower than usual" --incident INC-4\n  $ firebreak status set support-assistant operational --reason "v6 verified"',
    )
    .action(
      async (
        component: string,
        state: ComponentState,
        options: { reason: string; incident?: string },
        cmd: Command,
      ) => {
        const view = await clientFor(cmd, io).setComponentState(component, {
          state,
          reason: options.reason,
          ...(options.incident ? { incidentId: options.incident } : {}),
        });
        emit(io, cmd, view, (v) => `${v.id} now shows ${COMPONENT_STATES[v.shown]} (set ${v.state} by ${v.setBy})`);
      },
    );

  status
    .command('publish')
    .description(
      "Publish a customer status update on the public page: the incident's comms lead (or its commander when none is seated) approves by publishing",
    )
    .argument('<incident>', 'incident id, e.g. INC-4', parse.incidentId)
    .argument(
      '[update]',
      'the customer update, e.g. UPD-9 (default: the newest customer update not yet published)',
      updateId,
    )
    .option('--title <text>', "the incident's public name (required the first time; its own title stays internal)")
    .option(
      '--component <ids>',
      'affected components, comma-separated or repeated (default: those on the incident systems)',
      collectComponents,
    )
    .option('--state <component=state>', 'set a component state with it; repeatable', componentState)
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak status publish INC-4 --title "Slow answers from the support assistant"   # the newest customer update\n  $ firebreak status publish INC-4 UPD-9 --title "Slow answers from the support assistant" --state support-assistant=partial_outage\n  $ firebreak status publish INC-4 UPD-11 --state support-assistant=operational',
    )
    .action(
      async (
        incident: string,
        update: string | undefined,
        options: { title?: string; component?: string[]; state?: { component: string; state: ComponentState }[] },
        cmd: Command,
      ) => {
        const client = clientFor(cmd, io);
        const chosen = update ?? (await newestUnpublished(client, incident));
        const publication = await client.publishStatusUpdate(incident, chosen, {
          ...(options.title ? { title: options.title } : {}),
          ...(options.component ? { components: options.component } : {}),
          ...(options.state ? { states: options.state } : {}),
        });
        emit(io, cmd, publication, describePublication);
      },
    );

  status
    .command('schedule')
    .description('Schedule a maintenance window on components; its title and description are public')
    .argument('<title>', 'what customers read, e.g. "Search index rebuild"')
    .requiredOption('--component <ids>', 'the components, comma-separated or repeated', collectComponents)
    .requiredOption('--start <time>', 'ISO-8601, e.g. 2026-12-08T02:00:00Z', parse.isoTime)
    .requiredOption('--end <time>', 'ISO-8601, after --start, at most 7 days later', parse.isoTime)
    .requiredOption('--description <text>', 'what customers should expect')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak status schedule "Payment screening model upgrade" --component payment-screening --start 2026-12-08T02:00:00Z --end 2026-12-08T03:00:00Z --description "Card checks may take a few seconds longer."',
    )
    .action(
      async (
        title: string,
        options: { component: string[]; start: string; end: string; description: string },
        cmd: Command,
      ) => {
        const window = await clientFor(cmd, io).scheduleMaintenance({
          title,
          description: options.description,
          components: options.component,
          startsAt: options.start,
          endsAt: options.end,
        });
        emit(io, cmd, window, (w) => `${w.id} scheduled: ${describeWindow(w)}`);
      },
    );

  status
    .command('cancel')
    .description('Cancel a maintenance window that has not ended, with why')
    .argument('<id>', 'maintenance id, e.g. MNT-3', maintenanceId)
    .requiredOption('--reason <text>', 'why (kept in the audit log)')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak status cancel MNT-3 --reason "rebuild finished early"')
    .action(async (id: string, options: { reason: string }, cmd: Command) => {
      const window = await clientFor(cmd, io).cancelMaintenance(id, { reason: options.reason });
      emit(io, cmd, window, (w) => `${w.id} cancelled by ${w.cancelledBy}: ${w.cancelReason}`);
    });
}

/** The newest customer update of the incident that is not on the page yet, or a usage error saying there is none. */
async function newestUnpublished(client: ReturnType<typeof clientFor>, incident: string): Promise<string> {
  const [{ statusUpdates }, page] = await Promise.all([client.listStatusUpdates(incident), client.statusPage()]);
  const published = new Set(page.publications.map((p) => p.updateId));
  const candidate = statusUpdates.filter((u) => u.audience === 'customer' && !published.has(u.id)).at(-1);
  if (!candidate)
    throw new CliError(
      `${incident} has no customer update to publish: write one with firebreak incident update ${incident} --audience customer`,
      {
        exitCode: 2,
        code: 'nothing_to_publish',
      },
    );
  return candidate.id;
}

function updateId(value: string): string {
  const match = /^(?:UPD-)?([1-9][0-9]*)$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a status update id such as UPD-9');
  return `UPD-${match[1]}`;
}

function maintenanceId(value: string): string {
  const match = /^(?:MNT-)?([1-9][0-9]*)$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a maintenance id such as MNT-3');
  return `MNT-${match[1]}`;
}

const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function describeWindow(w: Maintenance): string {
  return `${w.title} on ${w.components.join(', ')}, ${minute(w.startsAt)} to ${minute(w.endsAt)}`;
}

/** A publication as the approver reads it back. */
export function describePublication(p: Publication): string[] {
  const as = p.approvedAs === 'comms_lead' ? 'comms lead' : 'incident commander';
  return [
    `${p.updateId} of ${p.incidentId} is on the status page as "${p.title}"`,
    `  approved by ${p.publishedBy} as ${as}, ${minute(p.publishedAt)}`,
    `  components: ${p.components.length > 0 ? p.components.join(', ') : 'none named'}`,
  ];
}

/** The page as responders read it: states with who and why, windows to come, recent publications. */
export function describeStatusPage(view: StatusPageView): string[] {
  const lines = [view.title, ''];
  if (view.components.length === 0) lines.push('No components: add statusPage.components to firebreak.yaml.');
  const width = Math.max(0, ...view.components.map((c) => c.id.length));
  for (const c of view.components) {
    const shown = COMPONENT_STATES[c.shown];
    const setBy = c.setBy
      ? ` (${c.setBy}, ${minute(c.setAt!)}: ${c.reason}${c.incidentId ? `, ${c.incidentId}` : ''})`
      : '';
    lines.push(`  ${c.id.padEnd(width)}  ${shown}${setBy}`);
  }
  const live = view.maintenance.filter((w) => w.cancelledAt === null);
  if (live.length > 0) lines.push('', 'Maintenance:', ...live.map((w) => `  ${w.id} ${describeWindow(w)}`));
  if (view.publications.length > 0)
    lines.push(
      '',
      'Recent publications:',
      ...view.publications
        .slice(0, 5)
        .map((p) => `  ${minute(p.publishedAt)} ${p.incidentId} ${p.updateId} "${p.title}" by ${p.publishedBy}`),
    );
  return lines;
}
