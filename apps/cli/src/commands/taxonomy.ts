import {
  CATEGORIES,
  DRIVERS,
  INCIDENT_TYPE_NAMES,
  INCIDENT_TYPES,
  OPEN_STATUSES,
  ROLE_NAMES,
  ROLES,
  SEVERITIES,
  SEVERITY_ALIASES,
  SEVERITY_INFO,
  STATUSES,
  TRANSITIONS,
} from '@firebreak/core';
import type { Command } from 'commander';
import type { CliIo } from '../io';
import { table } from '../output';

/** The vocabulary of incidents, from @firebreak/core, as data. */
export function taxonomyData(): Record<string, unknown> {
  return {
    types: INCIDENT_TYPES,
    categories: CATEGORIES,
    drivers: DRIVERS,
    severities: SEVERITY_INFO,
    severityAliases: SEVERITY_ALIASES,
    statuses: STATUSES,
    openStatuses: OPEN_STATUSES,
    transitions: TRANSITIONS,
    roles: ROLES,
  };
}

/** The vocabulary of incidents, for reading. */
export function renderTaxonomy(): string[] {
  const alias = Object.fromEntries(Object.entries(SEVERITY_ALIASES).map(([p, sev]) => [sev, p]));
  const types = table(
    ['TYPE', 'CATEGORY', 'DRIVER', 'DESCRIPTION'],
    INCIDENT_TYPE_NAMES.map((name) => [
      name,
      INCIDENT_TYPES[name].category,
      INCIDENT_TYPES[name].driver,
      INCIDENT_TYPES[name].description,
    ]),
  );
  const severities = table(
    ['SEVERITY', 'ALIAS', 'ACK WITHIN', 'CONTAIN WITHIN', 'WHEN'],
    SEVERITIES.map((sev) => {
      const info = SEVERITY_INFO[sev];
      return [sev, alias[sev] ?? '', `${info.responseMinutes} min`, `${info.containMinutes} min`, info.description];
    }),
  );
  const statuses = table(
    ['STATUS', 'OPEN', 'CAN MOVE TO'],
    STATUSES.map((s) => [s, OPEN_STATUSES.includes(s) ? 'yes' : 'no', TRANSITIONS[s].join(', ') || '(final)']),
  );
  const roles = table(
    ['ROLE', 'DOES'],
    ROLE_NAMES.map((role) => [role, ROLES[role]]),
  );
  return [
    'Incident types (the category and driver are defaults; override with --category / --driver)',
    types,
    '',
    `Categories: ${CATEGORIES.join(', ')}`,
    `Drivers:    ${DRIVERS.join(', ')}`,
    '',
    'Severities (both clocks start when the severity is set: at declaration or the last change)',
    severities,
    '',
    'Statuses (dismissing, reopening and going back a step need a reason)',
    statuses,
    '',
    'Roles',
    roles,
  ];
}

/** `firebreak taxonomy`: needs no server. */
export function registerTaxonomy(program: Command, io: CliIo): void {
  program
    .command('taxonomy')
    .description('Print incident types, categories, drivers, severities, statuses and roles')
    .option('--json', 'print it as JSON')
    .addHelpText(
      'after',
      '\nNeeds no server.\n\nExamples:\n  $ firebreak taxonomy\n  $ firebreak taxonomy --json | jq .transitions',
    )
    .action((options: { json?: boolean }) => {
      io.out(options.json ? `${JSON.stringify(taxonomyData(), null, 2)}\n` : `${renderTaxonomy().join('\n')}\n`);
    });
}
