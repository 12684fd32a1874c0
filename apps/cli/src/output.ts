import Table from 'cli-table3';
import type { Command } from 'commander';
import type { CliIo } from './io';

const BLANK = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/**
 * A borderless, uncoloured table: dense, calm, and still readable when piped into a file.
 *
 * @example
 * table(['ID', 'SEV'], [['INC-3', 'SEV1']]);
 */
export function table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const t = new Table({
    head: [...head],
    chars: BLANK,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
  });
  for (const row of rows) t.push(row.map(String));
  return t
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** Cuts text to `max` characters on one line, marking the cut with `…`. */
export function truncate(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, Math.max(0, max - 1))}…`;
}

/** Breaks text into lines of at most `width` characters at spaces (a longer word keeps its line). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return line ? [...lines, line] : lines;
}

const LINE_WIDTH = 100;

/** Aligned `label  value` lines under an indent, skipping empty values; long values wrap under themselves. */
export function fields(rows: ReadonlyArray<[string, string | null | undefined]>, indent = '  '): string[] {
  const present = rows.filter(
    (row): row is [string, string] => row[1] !== null && row[1] !== undefined && row[1] !== '',
  );
  const width = Math.max(0, ...present.map(([label]) => label.length));
  const hanging = ' '.repeat(indent.length + width + 2);
  return present.flatMap(([label, value]) => {
    const [first = '', ...rest] = wrap(value, Math.max(40, LINE_WIDTH - hanging.length));
    return [`${indent}${label.padEnd(width)}  ${first}`, ...rest.map((line) => `${hanging}${line}`)];
  });
}

/** True when the command, or the command it belongs to (`oncall --json shifts`), was given `--json`. */
export function wantsJson(cmd: Command): boolean {
  return cmd.optsWithGlobals().json === true;
}

/**
 * Prints a command's result: the server's JSON as it came (pretty-printed) with `--json`,
 * otherwise the human rendering.
 */
export function emit<T>(io: CliIo, cmd: Command, value: T, human: (value: T) => string | readonly string[]): void {
  if (wantsJson(cmd)) {
    io.out(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const text = human(value);
  const lines = typeof text === 'string' ? text : text.join('\n');
  io.out(lines.endsWith('\n') ? lines : `${lines}\n`);
}
