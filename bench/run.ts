/**
 * `npm run bench`: runs every benchmark script under bench/ and prints each one's JSON.
 * Benchmarks compare against a baseline measured in the same run, since the machine is noisy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const scripts = [
  ['throughput.ts', '--events', '200000'],
  ['throughput.ts', '--events', '200000', '--store', 'postgres'],
  ['engine-throughput.ts', '--events', '200000'],
  ['nab.ts'],
  ['tcpd.ts'],
  ['series-suite.ts'],
  ['canary-analysis.ts'],
  ['production-suite.ts'],
  ['drift.ts'],
  ['propagation.ts'],
  ['fanout.ts'],
  ['cli-startup.ts'],
  ['fuzz.ts', '--requests', '12457'],
  ['fuzz.ts', '--requests', '12457', '--store', 'postgres'],
  ['fuzz-abuse.ts'],
  ['fuzz-abuse.ts', '--events', '10000', '--settle', '10', '--store', 'pglite'],
  ['fuzz-abuse.ts', '--events', '10000', '--settle', '10', '--store', 'postgres'],
  ['kill9.ts'],
  ['scale-out.ts'],
  ['outbox-crash.ts'],
  ['replay-verification.ts', '--events', '100000'],
  ['replay-verification.ts', '--events', '100000', '--store', 'postgres'],
  ['blameless-lint.ts'],
].filter(([script]) => existsSync(`${here}${script}`));

let failed = 0;
for (const [script, ...args] of scripts) {
  process.stderr.write(`== ${script} ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `${here}${script}`, ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
