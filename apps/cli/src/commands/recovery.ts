import type { RecoveryGate } from '@firebreak/contract';
import type { Command } from 'commander';
import { clientFor } from '../client';
import type { CliIo } from '../io';
import { emit } from '../output';
import * as parse from '../validate';

const API = '/api/v1';

/**
 * `firebreak recovery`: an incident's recovery gate, what must hold before traffic on its
 * systems widens again (docs/recovery.md), and checking its items.
 */
export function registerRecovery(program: Command, io: CliIo): void {
  const recovery = program
    .command('recovery')
    .description("An incident's recovery gate: what must hold before containment is lifted")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak recovery status INC-4\n  $ firebreak recovery check INC-4 replay-failing-inputs\n  $ firebreak recovery check INC-4 smoke-test --link https://ci.example.com/runs/42',
    );

  recovery
    .command('status')
    .description("The gate's items with their last result, what is missing, and the verification after containment")
    .argument('<id>', 'incident id, e.g. INC-4', parse.incidentId)
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak recovery status INC-4\n  $ firebreak recovery status INC-4 --json',
    )
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const gate: RecoveryGate = await clientFor(cmd, io).request('GET', `${API}/incidents/${id}/recovery`);
      emit(io, cmd, gate, describeGate);
    });

  recovery
    .command('check')
    .description(
      'Check one item: Firebreak replays telemetry since containment or reads evaluation results; an attestation is yours, with a link',
    )
    .argument('<id>', 'incident id, e.g. INC-4', parse.incidentId)
    .argument('<item>', 'the item, e.g. replay-failing-inputs (see recovery status)')
    .option('--link <url>', 'attestations: the test run, document or change that shows it')
    .option('--note <text>', 'goes on the timeline with the result')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak recovery check INC-4 replay-failing-inputs\n  $ firebreak recovery check INC-4 smoke-test --link https://ci.example.com/runs/42 --note "all green"',
    )
    .action(async (id: string, item: string, options: { link?: string; note?: string }, cmd: Command) => {
      const gate: RecoveryGate = await clientFor(cmd, io).request('POST', `${API}/incidents/${id}/recovery/checks`, {
        item,
        ...(options.link ? { url: options.link } : {}),
        ...(options.note ? { note: options.note } : {}),
      });
      emit(io, cmd, gate, (value) => {
        const checked = value.items.find((candidate) => candidate.id === item);
        const head = checked
          ? `${item} ${checked.state === 'passed' ? 'passed' : checked.state === 'failed' ? 'FAILED' : 'recorded, not counted yet'}: ${checked.summary ?? ''}`
          : `${item} recorded`;
        return [head, '', ...describeGate(value)];
      });
    });
}

const MARK = { passed: '✓', failed: '✗', pending: '·' } as const;

/** The gate as a responder reads it: one line per item, what is missing, the verification. */
export function describeGate(gate: RecoveryGate): string[] {
  const lines = [
    `${gate.incident} recovery gate: ${gate.passed ? 'PASSED' : 'not passed'}${gate.required ? '' : ' (holds nothing back: the incident is finished, or its severity is not gated)'}`,
  ];
  for (const item of gate.items) {
    const who = item.by ? ` (${item.by}${item.at ? `, ${item.at.slice(0, 16).replace('T', ' ')} UTC` : ''})` : '';
    lines.push(`  ${MARK[item.state]} ${item.id.padEnd(24)} ${item.kind.padEnd(11)} ${item.what}`);
    if (item.summary) lines.push(`      ${item.summary}${who}${item.url ? ` ${item.url}` : ''}`);
  }
  if (gate.missing.length > 0 && gate.required)
    lines.push(
      '',
      `Containment stays until these pass: ${gate.items
        .filter((i) => i.state !== 'passed')
        .map((i) => i.id)
        .join(', ')}`,
    );
  const v = gate.verification;
  lines.push('', `Verification: ${v.state.replace('_', ' ')} (${v.summary})`);
  for (const monitor of v.monitors)
    lines.push(`  ${monitor.firing ? 'FIRING' : 'quiet '} ${monitor.monitor} on ${monitor.system}`);
  return lines;
}
