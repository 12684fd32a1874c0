import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CheckpointExport, IntegrityReport, SignedCheckpoint } from '@firebreak/contract';
import { verifyCheckpointExport } from '@firebreak/core';
import type { Command } from 'commander';
import { clientFor } from '../client';
import { CliError } from '../errors';
import type { CliIo } from '../io';
import { emit } from '../output';

interface VerifyOptions {
  checkpoints?: string;
  publicKey?: string;
  offline?: boolean;
  save?: string;
  sign?: boolean;
  json?: boolean;
}

async function readExport(io: CliIo, file: string): Promise<CheckpointExport> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd(), file), 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`, { exitCode: 2 });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`${file} is not JSON (expected a checkpoint export: firebreak verify --save FILE)`, {
      exitCode: 2,
    });
  }
  // Loaded here: the schema pulls in zod, which a plain `verify` need not pay for.
  const { CheckpointExport } = await import('@firebreak/contract');
  const result = CheckpointExport.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CliError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`, { exitCode: 2 });
  }
  return result.data;
}

function reportLines(report: IntegrityReport): string[] {
  const checked = `${report.incidents} incidents, ${report.timelineEntries} timeline entries, ${report.auditEntries} audit entries, ${report.evidenceFiles} evidence files, against ${report.checkpoints} signed checkpoints`;
  if (report.intact) return [`Intact: ${checked}.`];
  return [
    `TAMPERED: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} in ${checked}:`,
    ...report.problems.map((p) => `  ${p.scope}  ${p.check}: ${p.message}`),
  ];
}

/** `firebreak verify`: the store's tamper evidence, checked by the server or, for an export, offline. */
export function registerVerify(program: Command, io: CliIo): void {
  program
    .command('verify')
    .description('Verify the store: hash chains, signed checkpoints, incident records and evidence bytes')
    .option('--checkpoints <file>', 'check against a checkpoint export kept elsewhere (see --save)')
    .option('--public-key <key>', 'the public key you trust (base64url), instead of the one in the export')
    .option('--offline', 'with --checkpoints: check the export’s signatures only, without a server')
    .option('--save <file>', 'write the server’s checkpoints and public key to a file, for a third party')
    .option('--sign', 'sign a checkpoint of every chain head now, then verify')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      `
Exit status: 0 intact, 1 tampered, 2 bad input.

Examples:
  $ firebreak verify
  $ firebreak verify --sign --save checkpoints-2026-12-04.json
  $ firebreak verify --checkpoints checkpoints-2026-12-04.json
  $ firebreak verify --checkpoints checkpoints-2026-12-04.json --offline --public-key rn1KvdSO1yHa0RulBBz1mlYpgDzE5fEt24OjeQr01VY`,
    )
    .action(async (options: VerifyOptions, cmd: Command) => {
      if (options.offline && !options.checkpoints)
        throw new CliError('--offline needs --checkpoints FILE', { exitCode: 2 });
      const exported = options.checkpoints ? await readExport(io, options.checkpoints) : undefined;
      if (exported) {
        const verdict = await verifyCheckpointExport(
          exported,
          options.publicKey ? { expectedKey: options.publicKey } : {},
        );
        if (options.offline) {
          const summary = { intact: verdict.intact, checkpoints: verdict.checkpoints, problems: verdict.problems };
          emit(io, cmd, summary, (v) =>
            v.intact
              ? `Signatures hold: ${v.checkpoints} checkpoints signed by key ${exported.keyId}, each linked to the one before.`
              : [`NOT VALID: ${v.problems.length} problems:`, ...v.problems.map((p) => `  ${p}`)],
          );
          if (!verdict.intact) throw new CliError('the checkpoint export does not verify', { lines: [] });
          return;
        }
        if (!verdict.intact)
          throw new CliError('the checkpoint export does not verify', { lines: verdict.problems.map((p) => `  ${p}`) });
      }
      const client = clientFor(cmd, io);
      if (options.sign) await client.request<SignedCheckpoint>('POST', '/api/v1/checkpoints', {});
      if (options.save) {
        const saved = await client.request<CheckpointExport>('GET', '/api/v1/checkpoints/export');
        await writeFile(resolve(io.cwd(), options.save), `${JSON.stringify(saved, null, 2)}\n`);
        io.err(`Saved ${saved.checkpoints.length} checkpoints and public key ${saved.publicKey} to ${options.save}\n`);
      }
      const report = exported
        ? await client.request<IntegrityReport>('POST', '/api/v1/verify', exported)
        : await client.request<IntegrityReport>('GET', '/api/v1/verify');
      emit(io, cmd, report, reportLines);
      if (!report.intact) throw new CliError('the store does not verify', { code: 'tampered' });
    });
}
