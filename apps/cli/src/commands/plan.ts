import { writeFile } from 'node:fs/promises';
import type { ResponsePlan } from '@firebreak/contract';
import type { Command } from 'commander';
import { learningFor } from '../client';
import { ExitStatus, UsageError } from '../errors';
import type { CliIo } from '../io';
import * as parse from '../validate';

const FORMATS = ['md', 'html', 'pdf', 'json'] as const;

/**
 * What `--check` prints: the gaps, one a line with its id and fix, or that there are none.
 *
 * @example
 * renderCheck(plan); // ['support-copilot: 2 gaps in its response plan', '  no-role:legal  …']
 */
export function renderCheck(plan: Pick<ResponsePlan, 'system' | 'gaps'>): string[] {
  if (plan.gaps.length === 0) return [`${plan.system}: no gaps; the response plan covers every section`];
  const width = Math.max(...plan.gaps.map((gap) => gap.id.length));
  return [
    `${plan.system}: ${plan.gaps.length} gap${plan.gaps.length === 1 ? '' : 's'} in its response plan`,
    ...plan.gaps.map((gap) => `  ${gap.id.padEnd(width)}  ${gap.message}\n  ${' '.repeat(width)}  fix: ${gap.fix}`),
  ];
}

/** `firebreak plan <system>`: the system's AI incident response plan, and a release gate on its gaps. */
export function registerPlan(program: Command, io: CliIo): void {
  program
    .command('plan')
    .description("The system's AI incident response plan, its gaps called out; --check gates a release on them")
    .argument('<system>', 'system id, e.g. support-copilot', parse.systemId)
    .option('--check', 'print only the gaps, and exit 1 when there is any (0 when none)')
    .option('--format <format>', `document format: ${FORMATS.join(', ')}`, parse.oneOf(FORMATS), 'md')
    .option('-o, --output <file>', 'write the document to this file (needed for PDF on a terminal)')
    .addHelpText(
      'after',
      `
The plan is built from the system card, its controls, monitors and triage rules, the on-call
directory and the regulatory rule pack (docs/response-plans.md). Each gap has a stable id.

Examples:
  $ firebreak plan support-copilot
  $ firebreak plan support-copilot --check          exit 1 while any gap is open (a CI gate)
  $ firebreak plan support-copilot --format html -o support-copilot-plan.html
  $ firebreak plan support-copilot --format pdf -o support-copilot-plan.pdf
  $ firebreak plan support-copilot --format json`,
    )
    .action(async (system: string, options: { check?: boolean; format: string; output?: string }, cmd: Command) => {
      const { check, format, output } = options;
      if (format === 'pdf' && output === undefined && (io.tty?.stdout || !io.bytes))
        throw new UsageError('a PDF is binary: write it to a file with -o FILE (or redirect stdout)');
      const api = learningFor(cmd, io);
      if (check) {
        const plan = JSON.parse(new TextDecoder().decode((await api.exportPlan(system, 'json')).bytes)) as ResponsePlan;
        if (output !== undefined) await save(io, output, await api.exportPlan(system, format), format);
        io.out(`${renderCheck(plan).join('\n')}\n`);
        if (plan.gaps.length > 0) throw new ExitStatus(1);
        return;
      }
      const document = await api.exportPlan(system, format);
      if (output !== undefined) await save(io, output, document, format);
      else if (format === 'pdf') io.bytes!(document.bytes);
      else io.out(new TextDecoder().decode(document.bytes));
    });
}

async function save(io: CliIo, output: string, document: { bytes: Uint8Array; contentType: string }, format: string) {
  await writeFile(output, document.bytes);
  io.err(`Wrote ${output} (${document.bytes.length} bytes, ${document.contentType || format})\n`);
}
