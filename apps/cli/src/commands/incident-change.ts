import {
  CATEGORIES,
  DRIVERS,
  INCIDENT_TYPE_NAMES,
  ROLE_NAMES,
  ROLES,
  type Role,
  type Severity,
  STATUSES,
  type Status,
  TRANSITIONS,
} from '@firebreak/core';
import type { Command } from 'commander';
import { clientFor } from '../client';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit } from '../output';
import * as parse from '../validate';
import { closeRefused } from './incident-learning';
import { responseLine } from './incident-report';

const JSON_HELP = "print the server's JSON response";
const ID = ['<id>', 'incident id, e.g. INC-3', parse.incidentId] as const;

/** `incident ack | transition | severity | retype | edit | assign`: changing an incident. */
export function registerIncidentChanges(incident: Command, io: CliIo): void {
  incident
    .command('ack')
    .description('Acknowledge an incident: stops its response clock')
    .argument(...ID)
    .option('--note <text>', 'a note for the timeline')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak incident ack INC-3\n  $ firebreak incident ack INC-3 --note "on it, paging the model owner"',
    )
    .action(async (id: string, options: { note?: string }, cmd: Command) => {
      const updated = await clientFor(cmd, io).acknowledge(id, { note: options.note });
      emit(io, cmd, updated, (i) => `${i.id} ${responseLine(i, io.now())}`);
    });

  const transitions = STATUSES.map(
    (from) => `  ${from.padEnd(10)} → ${TRANSITIONS[from].join(', ') || '(final)'}`,
  ).join('\n');
  incident
    .command('transition')
    .description('Move an incident to another status')
    .argument(...ID)
    .argument('<status>', `new status: ${STATUSES.join(', ')}`, parse.oneOf(STATUSES))
    .option('--reason <text>', 'why; required to dismiss, reopen, or go back a step')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
Allowed transitions:
${transitions}

Examples:
  $ firebreak incident transition INC-3 active
  $ firebreak incident transition INC-3 contained
  $ firebreak incident close-check INC-3      what closing a SEV1/SEV2 still needs
  $ firebreak incident transition INC-3 dismissed --reason "false positive: eval job traffic"`,
    )
    .action(async (id: string, status: Status, options: { reason?: string }, cmd: Command) => {
      const updated = await clientFor(cmd, io)
        .transition(id, { status, reason: options.reason })
        .catch((error: unknown) => {
          throw status === 'closed' ? closeRefused(error, id) : error;
        });
      emit(io, cmd, updated, (i) => `${i.id} is now ${i.status}`);
      // Ending an incident with containment still in effect or approvals pending is allowed, never silent.
      for (const warning of updated.warnings ?? []) io.err(`warning: ${warning}\n`);
    });

  incident
    .command('merge')
    .description('Merge a duplicate into the incident that carries on: closed with a link, alerts and controls moved')
    .argument(...ID)
    .requiredOption('--into <id>', 'the incident that carries on', parse.incidentId)
    .requiredOption('--reason <text>', 'why they are the same incident')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak incident merge INC-4 --into INC-2 --reason "same leak, declared twice"',
    )
    .action(async (id: string, options: { into: string; reason: string }, cmd: Command) => {
      const merged = await clientFor(cmd, io).mergeIncident(id, { into: options.into, reason: options.reason });
      emit(
        io,
        cmd,
        merged,
        (m) =>
          `${m.duplicate.id} merged into ${m.incident.id} and closed; both timelines kept (${m.incident.id} is ${m.incident.status})`,
      );
    });

  incident
    .command('severity')
    .description('Change severity; the acknowledgement deadline restarts from now')
    .argument(...ID)
    .argument('<severity>', 'SEV1..SEV4 or P0..P3', parse.severity)
    .requiredOption('--reason <text>', 'why the severity changed')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak incident severity INC-3 SEV1 --reason "PII confirmed in 11 answers"\n  $ firebreak incident severity INC-3 P2 --reason "limited to one tenant"',
    )
    .action(async (id: string, severity: Severity, options: { reason: string }, cmd: Command) => {
      const updated = await clientFor(cmd, io).changeSeverity(id, { severity, reason: options.reason });
      emit(io, cmd, updated, (i) => `${i.id} is now ${i.severity}; ${responseLine(i, io.now())}`);
    });

  incident
    .command('retype')
    .description('Change the incident type (and category or driver)')
    .argument(...ID)
    .requiredOption('--type <type>', 'new incident type (see: firebreak taxonomy)', parse.oneOf(INCIDENT_TYPE_NAMES))
    .option('--category <category>', `category: ${CATEGORIES.join(', ')}`, parse.oneOf(CATEGORIES))
    .option('--driver <driver>', `driver: ${DRIVERS.join(', ')}`, parse.oneOf(DRIVERS))
    .requiredOption('--reason <text>', 'why the type changed')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak incident retype INC-3 --type prompt_injection --reason "injected text found in retrieved tickets"',
    )
    .action(async (id: string, options: RetypeOptions, cmd: Command) => {
      const { type, category, driver, reason } = options;
      const updated = await clientFor(cmd, io).changeType(id, { type, category, driver, reason });
      emit(io, cmd, updated, (i) => `${i.id} is now ${i.type} (${i.category} / ${i.driver})`);
    });

  incident
    .command('edit')
    .description("Edit an incident's title, summary, systems, near-miss flag or onset")
    .argument(...ID)
    .option('--title <title>', 'new title')
    .option('--summary <text>', 'new summary')
    .option('--system <id>', 'the affected systems (replaces the list); repeat or comma-separate', parse.systemIds)
    .option('--near-miss', 'mark as a near miss')
    .option('--no-near-miss', 'mark as not a near miss')
    .option('--onset <time>', 'when the failure began, ISO-8601', parse.isoTime)
    .option('--reason <text>', 'why, for the timeline')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak incident edit INC-3 --system support-copilot,help-search --reason "search also affected"\n  $ firebreak incident edit INC-3 --onset 2026-11-24T08:10:00Z --reason "first leak in logs"',
    )
    .action(async (id: string, options: EditOptions, cmd: Command) => {
      const { title, summary, system, nearMiss, onset, reason } = options;
      if ([title, summary, system, nearMiss, onset].every((value) => value === undefined)) {
        throw new UsageError(
          'nothing to change: give --title, --summary, --system, --near-miss/--no-near-miss or --onset',
        );
      }
      const updated = await clientFor(cmd, io).editIncident(id, {
        title,
        summary,
        systems: system,
        nearMiss,
        onsetAt: onset,
        reason,
      });
      emit(io, cmd, updated, (i) => `${i.id} updated`);
    });

  const roles = ROLE_NAMES.map((role) => `  ${role.padEnd(18)} ${ROLES[role]}`).join('\n');
  incident
    .command('assign')
    .description('Give a role to a person, or leave it vacant with --vacate')
    .argument(...ID)
    .requiredOption('--role <role>', `role: ${ROLE_NAMES.join(', ')}`, parse.oneOf(ROLE_NAMES))
    .option('--person <person>', 'who takes the role')
    .option('--vacate', 'relieve whoever holds the role and leave it vacant')
    .option('--reason <text>', 'why, for the timeline')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `\nRoles:\n${roles}\n\nExamples:\n  $ firebreak incident assign INC-3 --role incident_commander --person "Dana Reyes"\n  $ firebreak incident assign INC-3 --role scribe --vacate --reason "handover"`,
    )
    .action(async (id: string, options: AssignOptions, cmd: Command) => {
      if ((options.person === undefined) === (options.vacate !== true)) {
        throw new UsageError('give either --person NAME or --vacate');
      }
      const person = options.vacate ? null : options.person!;
      const updated = await clientFor(cmd, io).assignRole(id, { role: options.role, person, reason: options.reason });
      emit(io, cmd, updated, (i) =>
        person === null ? `${options.role} of ${i.id} is now vacant` : `${person} is now ${options.role} of ${i.id}`,
      );
    });
}

interface RetypeOptions {
  type: (typeof INCIDENT_TYPE_NAMES)[number];
  category?: (typeof CATEGORIES)[number];
  driver?: (typeof DRIVERS)[number];
  reason: string;
}

interface EditOptions {
  title?: string;
  summary?: string;
  system?: string[];
  nearMiss?: boolean;
  onset?: string;
  reason?: string;
}

interface AssignOptions {
  role: Role;
  person?: string;
  vacate?: boolean;
  reason?: string;
}
