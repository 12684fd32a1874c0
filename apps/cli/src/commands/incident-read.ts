import { INCIDENT_TYPE_NAMES, STATUSES } from '@firebreak/core';
import type { IncidentFilter } from '@firebreak/sdk';
import type { Command } from 'commander';
import { clientFor } from '../client';
import { ExitStatus } from '../errors';
import type { CliIo } from '../io';
import { emit, table, truncate } from '../output';
import { utcMinute } from '../time';
import * as parse from '../validate';
import { incidentTable, renderIncident } from './incident-report';
import { summarizeEntry } from './summarize-entry';

const JSON_HELP = "print the server's JSON response";

/** `incident list | show | timeline | verify-timeline`: reading incidents. */
export function registerIncidentReads(incident: Command, io: CliIo): void {
  incident
    .command('list')
    .description('List incidents, newest first')
    .option('--status <status>', `only this status: ${STATUSES.join(', ')}`, parse.oneOf(STATUSES))
    .option('--severity <severity>', 'only this severity: SEV1..SEV4 or P0..P3', parse.severity)
    .option('--type <type>', 'only this incident type (see: firebreak taxonomy)', parse.oneOf(INCIDENT_TYPE_NAMES))
    .option('--system <id>', 'only incidents affecting this AI system')
    .option('--open', 'only incidents still being worked (triage, active, contained, recovering)')
    .option('--near-miss', 'only near misses')
    .option('--search <words>', 'words in the title or summary')
    .option(
      '--drills <which>',
      'drill incidents: exclude (default), include, or only',
      parse.oneOf(['exclude', 'include', 'only'] as const),
    )
    .option('--limit <n>', 'at most this many (1..500, default 100)', parse.integer(1, 500))
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
ACK shows OVERDUE (not acknowledged, past its deadline), late (acknowledged after it),
ok, or the time left to acknowledge. UPDATE shows when the next status update is owed
(in 12m) or how long it is overdue (overdue 8m), by the update cadence of the severity;
— once the incident is no longer worked.

Examples:
  $ firebreak incident list --open
  $ firebreak incident list --severity SEV1 --system support-copilot
  $ firebreak incident list --search "pii" --json
  $ firebreak incident list --drills only`,
    )
    .action(async (options: ListOptions, cmd: Command) => {
      const filter: IncidentFilter = {
        status: options.status,
        severity: options.severity,
        type: options.type,
        system: options.system,
        open: options.open,
        nearMiss: options.nearMiss,
        q: options.search,
        exercise: options.drills,
        limit: options.limit,
      };
      const list = await clientFor(cmd, io).listIncidents(filter);
      emit(io, cmd, list, ({ incidents, total }) => {
        if (incidents.length === 0) return 'No incidents match.';
        const out = incidentTable(incidents, io.now());
        return total > incidents.length ? `${out}\n${incidents.length} of ${total} shown (use --limit)` : out;
      });
    });

  incident
    .command('show')
    .description('Show an incident: response and update clocks, roles, metrics, decisions, evidence, updates')
    .argument('<id>', 'incident id, e.g. INC-3', parse.incidentId)
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak incident show INC-3\n  $ firebreak incident show 3 --json')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const detail = await clientFor(cmd, io).getIncident(id);
      emit(io, cmd, detail, (d) => renderIncident(d, io.now()));
    });

  incident
    .command('timeline')
    .description("Show an incident's timeline: every change, who made it and when")
    .argument('<id>', 'incident id, e.g. INC-3', parse.incidentId)
    .option('--json', `${JSON_HELP} (includes each entry's payload and hashes)`)
    .addHelpText(
      'after',
      '\n★ marks key moments (firebreak incident key INC-3 SEQ).\n\nExamples:\n  $ firebreak incident timeline INC-3\n  $ firebreak incident timeline INC-3 --json | jq ".entries[].kind"',
    )
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const timeline = await clientFor(cmd, io).timeline(id);
      emit(io, cmd, timeline, ({ entries }) => {
        if (entries.length === 0) return `${id} has no timeline entries.`;
        const rows = entries.map((e) => [
          e.key ? `${e.seq} ★` : e.seq,
          utcMinute(e.at),
          truncate(e.actor, 20),
          e.kind,
          truncate(summarizeEntry(e), 80),
        ]);
        return table(['SEQ', 'AT (UTC)', 'ACTOR', 'KIND', 'WHAT'], rows);
      });
    });

  incident
    .command('verify-timeline')
    .description("Check an incident's hash-chained timeline has not been altered (exit 1 if broken)")
    .argument('<id>', 'incident id, e.g. INC-3', parse.incidentId)
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
Each timeline entry carries the hash of the one before it; the server recomputes the chain.
Exit status: 0 intact, 1 broken (or the check could not be made).

Examples:
  $ firebreak incident verify-timeline INC-3
  $ firebreak incident verify-timeline INC-3 --json`,
    )
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const verdict = await clientFor(cmd, io).verifyTimeline(id);
      emit(io, cmd, verdict, (v) =>
        v.intact
          ? `Timeline of ${v.incidentId} intact: ${v.entries} entries, head ${v.headHash.slice(0, 12)}…`
          : `Timeline of ${v.incidentId} BROKEN at entry ${v.firstBreak?.seq ?? '?'}: ${v.firstBreak?.reason ?? 'unknown reason'}`,
      );
      if (!verdict.intact) throw new ExitStatus(1);
    });
}

interface ListOptions {
  status?: IncidentFilter['status'];
  severity?: IncidentFilter['severity'];
  type?: IncidentFilter['type'];
  system?: string;
  open?: boolean;
  nearMiss?: boolean;
  search?: string;
  drills?: 'exclude' | 'include' | 'only';
  limit?: number;
}
