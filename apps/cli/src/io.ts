/**
 * Everything the CLI touches outside itself, so tests can run it in-process: where output
 * goes, which environment it reads, what time it is.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
  now(): Date;
  cwd(): string;
  /** Raw bytes to stdout (an exported PDF); absent where output is text only. */
  bytes?(data: Uint8Array): void;
  /** Whether stdin and stdout are a terminal (no PDF to a terminal, no editor without one). */
  tty?: { stdin: boolean; stdout: boolean };
}

/** The real process: stdout, stderr, process.env and the wall clock. */
export function processIo(): CliIo {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    env: process.env,
    now: () => new Date(),
    cwd: () => process.cwd(),
    bytes: (data) => void process.stdout.write(data),
    tty: { stdin: process.stdin.isTTY === true, stdout: process.stdout.isTTY === true },
  };
}

/** An io that records output, for tests. */
export function memoryIo(
  overrides: Partial<Omit<CliIo, 'out' | 'err'>> = {},
): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
    env: {} as Record<string, string | undefined>,
    now: () => new Date(),
    cwd: () => process.cwd(),
    ...overrides,
  };
  return io;
}
