import { readFile } from 'node:fs/promises';
import type { PreviewFormat, PreviewResult } from '@firebreak/contract';
import type { Command } from 'commander';
import { clientFor } from '../client';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit, table, truncate } from '../output';
import * as parse from '../validate';

/** The contract's PREVIEW_FORMATS, spelled out so this chunk loads no zod. */
const FORMATS = [
  'alertmanager',
  'grafana',
  'pagerduty',
  'cloudevents',
  'otlp-traces',
  'otlp-logs',
] as const satisfies readonly PreviewFormat[];

/** `firebreak integration replay`: the replay console in a terminal. */
export function registerReplay(integration: Command, io: CliIo): void {
  integration
    .command('replay')
    .description('Show what a payload would become (alerts, fingerprints, the rule each meets); stores nothing')
    .requiredOption('--format <format>', `the payload's format: ${FORMATS.join(', ')}`, parse.oneOf(FORMATS))
    .requiredOption('--file <path>', 'the payload as the source sends it, JSON ("-" for stdin)')
    .option('--integration <id>', "map with this integration's settings, e.g. INT-2")
    .option('--header <name:value>', 'CloudEvents binary mode: a ce-* header (repeatable)', collectHeader, {})
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak integration replay --format alertmanager --file payload.json\n  $ firebreak integration replay --format grafana --file grafana.json --integration INT-2 --json\n  $ firebreak integration replay --format otlp-traces --file spans.json\n  $ curl -s https://example.org/sample.json | firebreak integration replay --format pagerduty --file -',
    )
    .action(async (options: ReplayOptions, cmd: Command) => {
      const text = options.file === '-' ? await readStdin() : await readFile(options.file, 'utf8');
      let payload: unknown = text;
      try {
        payload = JSON.parse(text);
      } catch {
        if (Object.keys(options.header).length === 0)
          throw new UsageError(`--file: ${options.file === '-' ? 'stdin' : options.file} is not JSON`);
      }
      const result = await clientFor(cmd, io).previewPayload({
        format: options.format,
        payload,
        ...(options.integration ? { integration: options.integration.toUpperCase() } : {}),
        ...(Object.keys(options.header).length > 0 ? { headers: options.header } : {}),
      });
      emit(io, cmd, result, render);
    });
}

const JSON_HELP = "print the server's JSON answer";

interface ReplayOptions {
  format: PreviewFormat;
  file: string;
  integration?: string;
  header: Record<string, string>;
}

/** The preview as a table, then its warnings; nothing was stored, and it says so. */
export function render(result: PreviewResult): string[] {
  const lines =
    result.produces === 'alerts'
      ? [
          table(
            ['STATUS', 'LEVEL', 'SYSTEM', 'MONITOR', 'FINGERPRINT', 'RULE'],
            result.alerts.map((a) => [
              a.status,
              a.level,
              a.system,
              truncate(a.monitor, 40),
              truncate(a.fingerprint, 40),
              a.rule
                ? `${a.rule.id} (${a.rule.declares ? `declares ${a.rule.type} ${a.rule.severity}` : 'proposes'})`
                : 'none: a person looks',
            ]),
          ),
        ]
      : [`${result.events.length} telemetry event(s)`, ...result.events.map((event) => `  ${JSON.stringify(event)}`)];
  for (const rejected of result.rejected) lines.push(`rejected ${rejected.path}: ${rejected.message}`);
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  lines.push(
    `${result.produces === 'alerts' ? result.alerts.length : result.events.length} mapped; nothing was stored.`,
  );
  return lines;
}

function collectHeader(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf(':');
  if (at <= 0) throw new UsageError(`--header: expected name:value, such as ce-id:a1b2, got ${value}`);
  return { ...previous, [value.slice(0, at).trim().toLowerCase()]: value.slice(at + 1).trim() };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
