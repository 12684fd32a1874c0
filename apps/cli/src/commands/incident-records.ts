import { readFile } from 'node:fs/promises';
import type { EvidenceRequest } from '@firebreak/contract';
import { AUDIENCES, EVIDENCE_KINDS } from '@firebreak/core';
import type { Command } from 'commander';
import { clientFor, learningFor } from '../client';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit, truncate } from '../output';
import { when } from '../time';
import * as parse from '../validate';
import { starRecord } from './incident-learning';
import { formatBytes } from './incident-report';

const JSON_HELP = "print the server's JSON response";
const ID = ['<id>', 'incident id, e.g. INC-3', parse.incidentId] as const;
const KEY_HELP = 'also star its timeline entry as a key moment (for the postmortem)';

/** With `--key`, stars the entry the record just made and says so (on stderr, so --json stays one document). */
async function starIfAsked(
  cmd: Command,
  io: CliIo,
  key: boolean | undefined,
  incidentId: string,
  kind: string,
  recordId: string,
) {
  if (!key) return;
  const seq = await starRecord(
    learningFor(cmd, io),
    (id) => clientFor(cmd, io).timeline(id),
    incidentId,
    kind,
    recordId,
  );
  io.err(`★ starred timeline entry ${seq} (${recordId}) as a key moment\n`);
}

/** `incident decision | evidence | update`: the records an incident keeps. */
export function registerIncidentRecords(incident: Command, io: CliIo): void {
  incident
    .command('decision')
    .description('Log a decision: what was seen, what was tried, what was decided and why')
    .argument(...ID)
    .requiredOption('--observation <text>', 'what was observed')
    .option('--hypothesis <text>', 'what might explain it')
    .option('--test <text>', 'how the hypothesis was tested, and the result')
    .requiredOption('--decision <text>', 'what was decided')
    .option('--rationale <text>', 'why')
    .option('--evidence <ids...>', 'evidence the decision rests on, e.g. EV-1 EV-2', parse.evidenceIds)
    .option('--key', KEY_HELP)
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
Examples:
  $ firebreak incident decision INC-3 \\
      --observation "Answers quote other customers' order numbers" \\
      --hypothesis "Prompt v7 puts other users' tickets in context" \\
      --test "Replayed 50 prompts: v6 no leak, v7 11 leaks" \\
      --decision "Roll the prompt back to v6; turn auto-send off" --evidence EV-1 EV-2 --key`,
    )
    .action(async (id: string, options: DecisionOptions, cmd: Command) => {
      const { observation, hypothesis, test, decision, rationale, evidence } = options;
      const logged = await clientFor(cmd, io).logDecision(id, {
        observation,
        hypothesis,
        test,
        decision,
        rationale,
        evidence,
      });
      emit(io, cmd, logged, (d) => `Logged ${d.id} on ${d.incidentId}: ${truncate(d.decision, 80)}`);
      await starIfAsked(cmd, io, options.key, id, 'decision_logged', logged.id);
    });

  incident
    .command('evidence')
    .description('Attach evidence: a file, inline text, or a link with its SHA-256')
    .argument(...ID)
    .requiredOption('--kind <kind>', `kind: ${EVIDENCE_KINDS.join(', ')}`, parse.oneOf(EVIDENCE_KINDS))
    .requiredOption('--title <title>', 'what it is, in a line')
    .option('--file <path>', 'attach this file (text is sent as UTF-8, anything else as base64)')
    .option('--content <text>', 'attach this text')
    .option('--uri <uri>', 'where the content lives elsewhere (needs --sha256)')
    .option('--sha256 <hex>', 'SHA-256 of the content at --uri')
    .option('--description <text>', 'what it shows')
    .option('--model-version <version>', 'model version the evidence is from')
    .option('--prompt-version <version>', 'prompt template version the evidence is from')
    .option('--from <time>', 'start of the window it covers, ISO-8601', parse.isoTime)
    .option('--to <time>', 'end of the window it covers, ISO-8601', parse.isoTime)
    .option('--media-type <type>', 'media type, e.g. application/json')
    .option('--key', KEY_HELP)
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
The server stores attached content and hashes it, so it can be shown untampered later.

Examples:
  $ firebreak incident evidence INC-3 --kind model_output --title "Leaking answer" --file answer.json --media-type application/json
  $ firebreak incident evidence INC-3 --kind log --title "Gateway log" --content "10:02 tenant=42 ..."
  $ firebreak incident evidence INC-3 --kind report --title "Red-team report" --uri https://files.example/rt.pdf --sha256 <64 hex>`,
    )
    .action(async (id: string, options: EvidenceOptions, cmd: Command) => {
      const body = await evidenceBody(options);
      const added = await clientFor(cmd, io).addEvidence(id, body);
      emit(io, cmd, added, (e) => {
        const size = e.size === null ? `at ${e.uri ?? '?'}` : formatBytes(e.size);
        return `Added ${e.id} to ${e.incidentId}: ${e.kind} "${truncate(e.title, 60)}" (sha256 ${e.sha256.slice(0, 12)}…, ${size})`;
      });
      await starIfAsked(cmd, io, options.key, id, 'evidence_added', added.id);
    });

  incident
    .command('update')
    .description('Post a status update for an audience')
    .argument(...ID)
    .requiredOption('--audience <audience>', `who it is for: ${AUDIENCES.join(', ')}`, parse.oneOf(AUDIENCES))
    .requiredOption('--what-happened <text>', 'what happened')
    .requiredOption('--impact <text>', 'who or what is affected, how much')
    .requiredOption('--status <text>', 'where the response stands now')
    .requiredOption('--next-steps <text>', 'what happens next')
    .option('--asks <text>', 'what you need from the audience')
    .option('--next-update <time>', 'when the next update is due, ISO-8601', parse.isoTime)
    .option('--key', KEY_HELP)
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
Examples:
  $ firebreak incident update INC-3 --audience internal \\
      --what-happened "Copilot answers included other customers' order numbers" \\
      --impact "About 40 answers to 3 tenants, 09:10-10:05 UTC" \\
      --status "Contained: prompt rolled back to v6, auto-send off" \\
      --next-steps "Notify affected tenants; privacy review" --next-update 2026-11-24T12:00:00Z`,
    )
    .action(async (id: string, options: UpdateOptions, cmd: Command) => {
      const posted = await clientFor(cmd, io).postStatusUpdate(id, {
        audience: options.audience,
        whatHappened: options.whatHappened,
        impact: options.impact,
        currentStatus: options.status,
        nextSteps: options.nextSteps,
        asks: options.asks,
        nextUpdateAt: options.nextUpdate,
      });
      emit(io, cmd, posted, (u) => {
        const next = u.nextUpdateAt ? `; next update ${when(u.nextUpdateAt, io.now())}` : '';
        return `Posted ${u.id} to ${u.audience} on ${u.incidentId}${next}`;
      });
      await starIfAsked(cmd, io, options.key, id, 'status_update_posted', posted.id);
    });
}

/** The evidence request from the options: exactly one of --file, --content, --uri. */
export async function evidenceBody(options: EvidenceOptions): Promise<EvidenceRequest> {
  const sources = [options.file, options.content, options.uri].filter((value) => value !== undefined);
  if (sources.length !== 1)
    throw new UsageError('give exactly one of --file PATH, --content TEXT or --uri URI (with --sha256)');
  if (options.uri !== undefined && options.sha256 === undefined)
    throw new UsageError('--uri needs --sha256 so the content can be shown untampered');
  const base = {
    kind: options.kind,
    title: options.title,
    description: options.description,
    modelVersion: options.modelVersion,
    promptVersion: options.promptVersion,
    windowStart: options.from,
    windowEnd: options.to,
    mediaType: options.mediaType,
  };
  if (options.uri !== undefined)
    return { ...base, uri: options.uri, sha256: options.sha256?.toLowerCase(), contentEncoding: 'utf8' };
  if (options.content !== undefined) return { ...base, content: options.content, contentEncoding: 'utf8' };
  const bytes = await readEvidenceFile(options.file!);
  const text = utf8(bytes);
  return text === undefined
    ? { ...base, content: bytes.toString('base64'), contentEncoding: 'base64' }
    : { ...base, content: text, contentEncoding: 'utf8' };
}

async function readEvidenceFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

/** The bytes as text when they are valid UTF-8, else undefined. */
export function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

interface DecisionOptions {
  observation: string;
  hypothesis?: string;
  test?: string;
  decision: string;
  rationale?: string;
  evidence?: string[];
  key?: boolean;
}

export interface EvidenceOptions {
  kind: (typeof EVIDENCE_KINDS)[number];
  title: string;
  file?: string;
  content?: string;
  uri?: string;
  sha256?: string;
  description?: string;
  modelVersion?: string;
  promptVersion?: string;
  from?: string;
  to?: string;
  mediaType?: string;
  key?: boolean;
}

interface UpdateOptions {
  audience: (typeof AUDIENCES)[number];
  whatHappened: string;
  impact: string;
  status: string;
  nextSteps: string;
  asks?: string;
  nextUpdate?: string;
  key?: boolean;
}
