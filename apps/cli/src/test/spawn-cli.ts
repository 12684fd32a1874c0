import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The real `firebreak` bin. It runs the bundle in apps/cli/dist, which the CLI project's global
 * setup (test/global-setup.ts) builds from the tree before any test; the bin would rebuild it if a
 * source changed. FIREBREAK_CLI_SOURCE=1 in the environment runs the TypeScript source instead.
 */
export const BIN = fileURLToPath(new URL('../../bin/firebreak.js', import.meta.url));

export interface Result {
  code: number | NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the bin without blocking this process, which serves the API the child calls. */
export function spawnCli(
  args: string[],
  env: Record<string, string>,
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? signal, stdout, stderr }));
  });
}
