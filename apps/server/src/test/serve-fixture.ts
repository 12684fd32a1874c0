// Runs the real server in its own process for the durability test, which kills it without warning.
import pino from 'pino';
import { startServer } from '../server';

const [dataDir, port] = process.argv.slice(2);
const server = await startServer({
  port: Number(port ?? 0),
  host: '127.0.0.1',
  dataDir: dataDir!,
  adminToken: 't0k3n',
  logger: pino({ level: 'silent' }),
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
