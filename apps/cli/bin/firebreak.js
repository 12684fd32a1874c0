#!/usr/bin/env node
// The CLI is TypeScript run through tsx: no build step. Register the loader, then run.
import { register } from 'tsx/esm/api';

// `firebreak … | head` closes the pipe early: that is the reader being done, not a failure.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

register();
const { run } = await import('../src/main.ts');
process.exitCode = await run(process.argv.slice(2));
