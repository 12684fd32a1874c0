// A process of create-once.test.ts's race: creates the file, reads it, reports both.
import { readFileSync } from 'node:fs';
import { createFileOnce } from './create-once';

const [path, content] = process.argv.slice(2) as [string, string];
const created = createFileOnce(path, content);
process.send?.({ created, read: readFileSync(path, 'utf8') }, () => process.exit(0));
