import type { Alert, AlertEvidence } from '@firebreak/contract';
import { INCIDENT_TYPE_NAMES, type IncidentType, type Severity } from '@firebreak/core';
import type { Command } from 'commander';
import { clientFor } from '../client';
import type { CliIo } from '../io';
import { emit, fields, table, truncate } from '../output';
import { relativeTime, utcMinute } from '../time';
import * as parse from '../validate';
import { renderHygiene } from './monitors';

const JSON_HELP = "print the server's JSON response";
const STATUSES = ['firing', 'resolved', 'dismissed'] as const;

function segmentText(segment: Record<string, string> | null): string {
  return segment
    ? Object.entries(segment)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : '';
}

/** The evidence without what the charts draw, which `chartLines` sums up instead. */
function evidenceFacts(evidence: AlertEvidence): Record<string, unknown> {
  const { series: _s, distribution: _d, selection: _g, ...facts } = evidence;
  return facts;
}

/** One line per chart the web UI draws from this evidence (the numbers are in --json). */
export function chartLines(evidence: AlertEvidence): string[] {
  const lines: string[] = [];
  const { series, distribution, selection } = evidence;
  if (series) {
    const marks = series.lines.map((line) => `${line.role} ${round(line.value)}`).join(', ');
    const alerting = series.history.filter((point) => point.level !== 'ok').length;
    lines.push(
      `  chart: ${series.history.length} window${series.history.length === 1 ? '' : 's'} of ${series.measure} (${alerting} alerting)${marks ? `; ${marks}` : ''}`,
    );
  }
  if (distribution)
    lines.push(
      `  histogram: ${distribution.bins.length} ${distribution.binned ? 'bins' : 'categories'}, reference against the deciding window`,
    );
  if (selection) {
    const rates = selection.groups.map((group) => `${group.group} ${round(group.rate)}`).join(', ');
    lines.push(`  selection rate of "${selection.positive}": ${rates}; line ${round(selection.line)}`);
  }
  return lines;
}

const round = (value: number) => String(Number(value.toPrecision(4)));

/** `firebreak alert …`: what the monitors raised, and what to do about it. */
export function registerAlert(program: Command, io: CliIo): void {
  const alert = program
    .command('alert')
    .description(
      'Alerts raised by monitors: list, show, acknowledge, dismiss as false positive, suppress, open an incident',
    )
    .addHelpText(
      'after',
      `
An alert is one firing episode of a monitor (per segment when the monitor splits by one).
It carries its owner, runbook, the estimated onset of the change, and evidence.

Examples:
  $ firebreak alert list --status firing
  $ firebreak alert show ALR-12
  $ firebreak alert ack ALR-12
  $ firebreak alert incident ALR-12 --type distribution_shift --severity SEV3
  $ firebreak alert dismiss ALR-12 --reason "load test traffic"`,
    );

  alert
    .command('list')
    .description('List alerts, newest first')
    .option('--status <status>', `only ${STATUSES.join(', ')}`, parse.oneOf(STATUSES))
    .option('--system <id>', 'only this AI system')
    .option('--incident <id>', 'only alerts on this incident', parse.incidentId)
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak alert list --status firing\n  $ firebreak alert list --system fraud-model --json',
    )
    .action(
      async (
        {
          json: _json,
          ...filter
        }: { status?: (typeof STATUSES)[number]; system?: string; incident?: string; json?: boolean },
        cmd: Command,
      ) => {
        const list = await clientFor(cmd, io).listAlerts(filter);
        emit(io, cmd, list, ({ alerts }) => {
          if (alerts.length === 0) return 'No alerts. Monitors raise them from telemetry (POST /api/v1/telemetry).';
          const now = io.now();
          const rows = alerts.map((a: Alert) => [
            a.id,
            a.level.toUpperCase(),
            a.status,
            a.system,
            truncate(`${a.monitor}${a.segment ? ` [${segmentText(a.segment)}]` : ''}`, 40),
            relativeTime(a.openedAt, now),
            a.owner,
            a.incidentId ?? '',
          ]);
          return table(['ID', 'LEVEL', 'STATUS', 'SYSTEM', 'MONITOR', 'OPENED', 'OWNER', 'INCIDENT'], rows);
        });
      },
    );

  alert
    .command('show')
    .description('Show an alert with its evidence')
    .argument('<id>', 'alert id, e.g. ALR-12')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak alert show ALR-12')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const client = clientFor(cmd, io);
      const found = await client.getAlert(id.toUpperCase());
      const open = found.incidentId ? [] : (await client.openIncidentsForAlert(found.id)).incidents;
      emit(io, cmd, found, (a) => {
        const now = io.now();
        return [
          `${a.id}  ${a.level.toUpperCase()} ${a.status}  ${a.system} / ${a.monitor}`,
          ...fields([
            ['Signal', `${a.signal} (${a.detector})${a.segment ? ` where ${segmentText(a.segment)}` : ''}`],
            ['Value', `${a.value} against threshold ${a.threshold}`],
            ['Opened', `${utcMinute(a.openedAt)} (${relativeTime(a.openedAt, now)})`],
            ['Onset', `${utcMinute(a.onset)} (estimated start of the change)`],
            ['Owner', a.owner],
            ['Runbook', a.runbook],
            ['Incident', a.incidentId],
            ['Acknowledged', a.acknowledged ? `${utcMinute(a.acknowledged.at)} by ${a.acknowledged.by}` : undefined],
            [
              'Dismissed',
              a.dismissed ? `${utcMinute(a.dismissed.at)} by ${a.dismissed.by}: ${a.dismissed.reason}` : undefined,
            ],
            ['Suppressed', a.suppressedUntil ? `until ${utcMinute(a.suppressedUntil)}` : undefined],
          ]),
          '',
          'Evidence',
          ...JSON.stringify(evidenceFacts(a.evidence), null, 2)
            .split('\n')
            .map((line) => `  ${line}`),
          ...chartLines(a.evidence),
          ...(open.length > 0
            ? [
                '',
                `Open incidents on ${a.system} (firebreak alert attach ${a.id} INC-n):`,
                ...open.map((i) => `  ${i.id}  ${i.severity} ${i.status}  ${truncate(i.title, 60)}`),
              ]
            : []),
        ];
      });
    });

  alert
    .command('ack')
    .description('Acknowledge an alert: say you are on it (again changes nothing; the first stands)')
    .argument('<id>', 'alert id')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak alert ack ALR-12')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const done = await clientFor(cmd, io).acknowledgeAlert(id.toUpperCase());
      emit(io, cmd, done, (a) =>
        a.acknowledged
          ? `${a.id} acknowledged by ${a.acknowledged.by} at ${utcMinute(a.acknowledged.at)}`
          : `${a.id} acknowledged`,
      );
    });

  alert
    .command('dismiss')
    .description(
      'Dismiss an alert as a false positive: counted for alert hygiene, and its monitor becomes ten times less sensitive for that series (revert-tuning takes it back)',
    )
    .argument('<id>', 'alert id')
    .requiredOption('--reason <text>', 'why it was not a real problem')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak alert dismiss ALR-12 --reason "load test traffic"')
    .action(async (id: string, options: { reason: string }, cmd: Command) => {
      const done = await clientFor(cmd, io).dismissAlert(id.toUpperCase(), options.reason);
      emit(io, cmd, done, (a) => `${a.id} dismissed as a false positive`);
    });

  alert
    .command('hygiene')
    .description('Monitors across systems by false-positive rate (dismissed ÷ alerts, 30 days), with their tuning')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak alert hygiene\n  $ firebreak alert hygiene --json')
    .action(async (_options: unknown, cmd: Command) => {
      emit(io, cmd, await clientFor(cmd, io).alertHygiene(), renderHygiene);
    });

  alert
    .command('revert-tuning')
    .description("Take back what an alert's dismissal taught its monitor (recorded; the dismissal stands)")
    .argument('<id>', 'alert id')
    .requiredOption('--reason <text>', 'why the monitor should be as sensitive as before')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak alert revert-tuning ALR-12 --reason "it was a real surge"')
    .action(async (id: string, options: { reason: string }, cmd: Command) => {
      const done = await clientFor(cmd, io).revertTuning(id.toUpperCase(), options.reason);
      emit(
        io,
        cmd,
        done,
        (t) =>
          `${t.alertId}: tuning taken back; ${t.monitor} now holds ${t.steps} step${t.steps === 1 ? '' : 's'} for this series`,
      );
    });

  alert
    .command('suppress')
    .description("Silence an alert's monitor and segment for a while (alerts still recorded, no rules fire)")
    .argument('<id>', 'alert id')
    .requiredOption('--for <duration>', 'how long: 30m, 4h, 7d')
    .requiredOption('--reason <text>', 'why')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak alert suppress ALR-12 --for 4h --reason "planned migration"')
    .action(async (id: string, options: { for: string; reason: string }, cmd: Command) => {
      const done = await clientFor(cmd, io).suppressAlert(id.toUpperCase(), {
        for: options.for,
        reason: options.reason,
      });
      emit(io, cmd, done, (a) => `${a.fingerprint} suppressed until ${utcMinute(a.suppressedUntil ?? a.lastAt)}`);
    });

  alert
    .command('attach')
    .description('Put an alert on an incident that is already open, instead of opening another')
    .argument('<id>', 'alert id')
    .argument('<incident>', 'an open incident, e.g. INC-2', parse.incidentId)
    .option('--reason <text>', 'why it belongs there (goes on the timeline)')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nfirebreak alert show ALR-12 lists the open incidents of its system.\n\nExamples:\n  $ firebreak alert attach ALR-12 INC-2 --reason "same leak"',
    )
    .action(async (id: string, incident: string, options: { reason?: string }, cmd: Command) => {
      const done = await clientFor(cmd, io).attachAlert(id.toUpperCase(), {
        incident,
        ...(options.reason ? { reason: options.reason } : {}),
      });
      emit(io, cmd, done, (a) => `${a.id} is now on ${a.incidentId}`);
    });

  alert
    .command('incident')
    .description('Open an incident from an alert: its onset and evidence carry over')
    .argument('<id>', 'alert id')
    .requiredOption('--type <type>', 'incident type (see: firebreak taxonomy)', parse.oneOf(INCIDENT_TYPE_NAMES))
    .requiredOption('--severity <severity>', 'SEV1..SEV4 or P0..P3', parse.severity)
    .option('--title <title>', 'defaults to the signal, level and system')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak alert incident ALR-12 --type distribution_shift --severity SEV3')
    .action(
      async (
        id: string,
        { json: _json, ...options }: { type: IncidentType; severity: Severity; title?: string; json?: boolean },
        cmd: Command,
      ) => {
        const incident = await clientFor(cmd, io).declareFromAlert(id.toUpperCase(), options);
        emit(
          io,
          cmd,
          incident,
          (i) =>
            `Declared ${i.id} (${i.severity} ${i.type}) from ${id.toUpperCase()}; onset ${i.metrics.onsetAt ? utcMinute(i.metrics.onsetAt) : 'unknown'}`,
        );
      },
    );
}
