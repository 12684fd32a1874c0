import { readFile } from 'node:fs/promises';
import { CliError } from './errors';

/** Reads a text file, or says plainly why it cannot. */
export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, {
      exitCode: 2,
      code: 'usage',
    });
  }
}
