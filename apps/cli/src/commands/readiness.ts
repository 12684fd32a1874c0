import { writeFile } from 'node:fs/promises';
import type { Readiness } from '@firebreak/contract';
import { apiErrorFrom, FirebreakConnectionError } from '@firebreak/sdk';
import type { Command } from 'commander';
import { clientFor, serverUrl, tokenFor } from '../client';
import type { CliIo } from '../io';
import * as parse from '../validate';
import { renderReadiness } from './readiness-report';

const FORMATS = ['table', 'json', 'md', 'html'] as const;

/** `firebreak readiness`: readiness over a period, as a table, JSON, or the quarterly report (ADR 38). */
export function registerReadiness(program: Command, io: CliIo): void {
  program
    .command('readiness')
    .description(
      'Readiness over a period: MTTD, MTTA, MTTI, MTTC, MTTR by severity, type and system with trends; postmortems on time; actions on time and verified; alert precision per monitor; taxonomy coverage; drills per team',
    )
    .option('--from <date>', 'start of the period, a date or ISO-8601 time (default: three months before --to)')
    .option('--to <date>', 'end of the period; a date means the end of that day (default: now)')
    .option(
      '--format <format>',
      `${FORMATS.join(', ')}: md and html are the quarterly report`,
      parse.oneOf(FORMATS),
      'table',
    )
    .option('--json', 'the same as --format json')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .addHelpText(
      'after',
      `
Drills' incidents, alerts and actions never count; drills count only as drills run and passed.
Definitions: docs/readiness.md.

Examples:
  $ firebreak readiness
  $ firebreak readiness --from 2026-07-01 --to 2026-09-30
  $ firebreak readiness --from 2026-07-01 --to 2026-09-30 --format html -o readiness-q3.html
  $ firebreak readiness --format md > readiness.md
  $ firebreak readiness --json | jq .response.overall.mttc`,
    )
    .action(
      async (
        options: { from?: string; to?: string; format: (typeof FORMATS)[number]; json?: boolean; output?: string },
        cmd: Command,
      ) => {
        const format = options.json ? 'json' : options.format;
        const period = { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) };
        let text: string;
        if (format === 'md' || format === 'html') text = await report(cmd, io, { ...period, format });
        else {
          const figures = await clientFor(cmd, io).request<Readiness>('GET', '/api/v1/readiness', undefined, period);
          text = format === 'json' ? `${JSON.stringify(figures, null, 2)}\n` : renderReadiness(figures);
        }
        if (options.output === undefined) {
          io.out(text);
          return;
        }
        await writeFile(options.output, text);
        io.err(`Wrote ${options.output} (${format})\n`);
      },
    );
}

/** The report as the server renders it (Markdown, or HTML with inline SVG charts). */
async function report(cmd: Command, io: CliIo, query: Record<string, string>): Promise<string> {
  const base = serverUrl(cmd, io);
  const url = new URL(`${base}/api/v1/readiness/report`);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${tokenFor(cmd, io)}` } });
  } catch (cause) {
    throw new FirebreakConnectionError(base, cause);
  }
  const text = await response.text();
  if (!response.ok) throw apiErrorFrom(response, text);
  return text;
}
