/**
 * `firebreak detect` run as the user runs it: the bin (apps/cli/bin/firebreak.js, the bundle,
 * rebuilt when stale; FIREBREAK_CLI_SOURCE=1 in the environment runs the source instead), in a
 * child process, so the benchmarks measure the real CLI and its default monitors.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../apps/cli/bin/firebreak.js', import.meta.url));

/**
 * Runs `firebreak detect --input FILE [--config FILE]` as a child process, writing its alerts to
 * `out`; resolves with the wall time and the events it says it replayed.
 */
export function detect(
  input: string,
  out: string,
  config?: string,
): Promise<{ seconds: number; events: number; summary: string }> {
  const args = [BIN, 'detect', '--input', input, ...(config ? ['--config', config] : [])];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const sink = createWriteStream(out);
    child.stdout.pipe(sink);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      sink.end(() => {
        const summary = /(\d+) events replayed.*/.exec(stderr);
        if (code !== 0 || !summary) {
          reject(new Error(`firebreak detect exited ${code}: ${stderr.slice(-2000)}`));
          return;
        }
        resolve({ seconds, events: Number(summary[1]), summary: summary[0] });
      });
    });
  });
}
