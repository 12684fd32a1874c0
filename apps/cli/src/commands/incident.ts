import {
  CATEGORIES,
  DRIVERS,
  INCIDENT_TYPE_NAMES,
  INCIDENT_TYPES,
  SEVERITIES,
  SEVERITY_ALIASES,
  SEVERITY_INFO,
} from '@firebreak/core';
import type { Command } from 'commander';
import { clientFor } from '../client';
import type { CliIo } from '../io';
import { emit } from '../output';
import { clockTime, formatDuration, relativeTime } from '../time';
import * as parse from '../validate';
import { registerIncidentChanges } from './incident-change';
import { registerIncidentLearning } from './incident-learning';
import { registerIncidentReads } from './incident-read';
import { registerIncidentRecords } from './incident-records';

/** `firebreak incident …`: declare, inspect and run incidents. */
export function registerIncident(program: Command, io: CliIo): void {
  const incident = program
    .command('incident')
    .description('Declare, inspect and run incidents')
    .addHelpText(
      'after',
      `
Incident ids can be given as INC-3, inc-3 or 3.

Examples:
  $ firebreak incident declare --title "PII in answers" --type privacy_leak --severity SEV1 --system support-copilot
  $ firebreak incident list --open
  $ firebreak incident show INC-3
  $ firebreak incident ack INC-3`,
    );
  registerDeclare(incident, io);
  registerIncidentReads(incident, io);
  registerIncidentChanges(incident, io);
  registerIncidentRecords(incident, io);
  registerIncidentLearning(incident, io);
}

/** Types and severities with their descriptions: responders choose under pressure. */
export function declareGuide(): string {
  const width = Math.max(...INCIDENT_TYPE_NAMES.map((name) => name.length));
  const types = INCIDENT_TYPE_NAMES.map((name) => `  ${name.padEnd(width)}  ${INCIDENT_TYPES[name].description}`);
  const alias = Object.fromEntries(Object.entries(SEVERITY_ALIASES).map(([p, sev]) => [sev, p]));
  const severities = SEVERITIES.map((sev) => {
    const info = SEVERITY_INFO[sev];
    const clocks = `ack within ${formatDuration(info.responseMinutes * 60).padEnd(3)}  contain within ${formatDuration(info.containMinutes * 60).padEnd(3)}`;
    return `  ${sev} (${alias[sev]})  ${clocks}  ${info.description}`;
  });
  return ['Incident types:', ...types, '', 'Severities:', ...severities].join('\n');
}

function registerDeclare(incident: Command, io: CliIo): void {
  incident
    .command('declare')
    .description('Declare an incident; the response clock starts now')
    .requiredOption('--title <title>', 'what is wrong, in a line')
    .requiredOption('--type <type>', 'incident type (listed below)', parse.oneOf(INCIDENT_TYPE_NAMES))
    .requiredOption('--severity <severity>', 'SEV1..SEV4 or P0..P3 (listed below)', parse.severity)
    .requiredOption('--system <id>', 'affected AI system; repeat or comma-separate for several', parse.systemIds)
    .option('--summary <text>', 'what is known so far')
    .option('--category <category>', `override the type's category: ${CATEGORIES.join(', ')}`, parse.oneOf(CATEGORIES))
    .option('--driver <driver>', `override the type's driver: ${DRIVERS.join(', ')}`, parse.oneOf(DRIVERS))
    .option('--near-miss', 'caught before it harmed anyone (still an incident)')
    .option('--onset <time>', 'when the failure began, ISO-8601 (an estimate is fine)', parse.isoTime)
    .option('--detected-at <time>', 'when it was noticed, ISO-8601 (default: now)', parse.isoTime)
    .option('--commander <person>', 'assign the incident commander now')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      () => `
${declareGuide()}

Examples:
  $ firebreak incident declare --title "Copilot quotes other customers' orders" \\
      --type privacy_leak --severity SEV1 --system support-copilot --commander "Dana Reyes"
  $ firebreak incident declare --title "Fraud model recall down 12%" --type model_degradation \\
      --severity P2 --system fraud-model --onset 2026-11-24T08:30:00Z --near-miss`,
    )
    .action(async (options: DeclareOptions, cmd: Command) => {
      const created = await clientFor(cmd, io).declareIncident({
        title: options.title,
        type: options.type,
        severity: options.severity,
        systems: options.system,
        summary: options.summary,
        category: options.category,
        driver: options.driver,
        nearMiss: options.nearMiss ?? false,
        onsetAt: options.onset,
        detectedAt: options.detectedAt,
        commander: options.commander,
      });
      for (const warning of created.warnings ?? []) io.err(`warning: ${warning}\n`);
      emit(io, cmd, created, (c) => {
        const { deadline } = c.response;
        return `Declared ${c.id} (${c.severity} ${c.type}) — acknowledge by ${clockTime(deadline, io.now())} (${relativeTime(deadline, io.now())})`;
      });
    });
}

interface DeclareOptions {
  title: string;
  type: (typeof INCIDENT_TYPE_NAMES)[number];
  severity: (typeof SEVERITIES)[number];
  system: string[];
  summary?: string;
  category?: (typeof CATEGORIES)[number];
  driver?: (typeof DRIVERS)[number];
  nearMiss?: boolean;
  onset?: string;
  detectedAt?: string;
  commander?: string;
}
