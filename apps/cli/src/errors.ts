import { FirebreakApiError, FirebreakConnectionError } from '@firebreak/sdk';
import type { CliIo } from './io';

/** A failure the CLI expects and explains in one line; never shown with a stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  /** More lines to print after the message (one per issue). */
  readonly lines: readonly string[];
  /** Compiler-style lines printed as they are, before the message (`file:line:col: …`). */
  readonly listing: readonly string[];
  /** The code `--json` reports in `{"error": {"code": …}}`. */
  readonly code: string;
  /** Structured details for `--json`. */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    message: string,
    options: {
      exitCode?: number;
      lines?: readonly string[];
      listing?: readonly string[];
      code?: string;
      details?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? 1;
    this.lines = options.lines ?? [];
    this.listing = options.listing ?? [];
    this.code = options.code ?? 'cli_error';
    this.details = options.details;
  }
}

/** Wrong use of the command line, caught in an action: exit 2, like commander's own usage errors. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, { exitCode: 2, code: 'usage' });
    this.name = 'UsageError';
  }
}

/** A command that has printed its outcome and must still exit non-zero (a broken timeline). */
export class ExitStatus extends Error {
  readonly exitCode: number;

  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitStatus';
    this.exitCode = exitCode;
  }
}

/**
 * Prints an error the way the CLI always does and returns the exit code: one `error:` line on
 * stderr (issues and request id after it), or with `--json` the error body on stdout.
 */
export function reportError(error: unknown, io: CliIo, json: boolean): number {
  if (error instanceof ExitStatus) return error.exitCode;
  if (error instanceof FirebreakApiError) {
    if (json) {
      const body = { code: error.code, message: error.message, requestId: error.requestId, details: error.details };
      io.out(`${JSON.stringify({ error: body }, null, 2)}\n`);
      return 1;
    }
    const lines = [`error: ${error.message}`];
    // A message that already names every issue (the server joins them with "; ") needs no repeat.
    const issues = error.issues.filter(
      (issue) => !(error.issues.length === 1 && error.message.startsWith(`${issue.path}: `)),
    );
    for (const issue of issues) lines.push(`  ${issue.path}: ${issue.message}`);
    if (error.requestId) lines.push(`  (request ${error.requestId})`);
    io.err(`${lines.join('\n')}\n`);
    return 1;
  }
  if (error instanceof FirebreakConnectionError) {
    const message = `cannot reach Firebreak at ${error.url}: is the server running? Start it with: firebreak serve`;
    return printLocal(io, json, new CliError(message, { code: 'connection_failed', details: { url: error.url } }));
  }
  if (error instanceof CliError) return printLocal(io, json, error);
  const message = error instanceof Error ? error.message : String(error);
  return printLocal(io, json, new CliError(message, { code: 'internal' }));
}

function printLocal(io: CliIo, json: boolean, error: CliError): number {
  if (json) {
    const details = error.details ?? (error.lines.length > 0 ? { lines: error.lines } : undefined);
    io.out(
      `${JSON.stringify({ error: { code: error.code, message: error.message, ...(details ? { details } : {}) } }, null, 2)}\n`,
    );
  } else {
    const lines = [...error.listing, `error: ${error.message}`, ...error.lines.map((line) => `  ${line}`)];
    io.err(`${lines.join('\n')}\n`);
  }
  return error.exitCode;
}
