/**
 * The parent side of bench/propagation-clients.ts, shared by the benches that time a change
 * reaching SDK clients: bench/propagation.ts (one server, against a bare SSE fan-out and Unleash),
 * bench/fanout.ts and bench/scale-out.ts (clients on replica A, the switch changed on replica B).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CLIENTS = fileURLToPath(new URL('./propagation-clients.ts', import.meta.url));
const now = () => performance.timeOrigin + performance.now();

/**
 * The system the benches apply: one kill switch, `bench.kill`, which the clients follow, and
 * any `extra` controls (bench/fanout.ts's writers flip their own).
 */
export function killSwitchSystem(extra: Array<{ id: string; kind: string }> = []) {
  return {
    id: 'bench',
    name: 'Bench',
    owner: 'bench',
    model: { name: 'm', version: '1' },
    riskTier: 'minimal',
    controls: [{ id: 'kill', kind: 'kill_switch' }, ...extra],
  };
}

export interface Clients {
  /** Arms a round, runs `flip` once the clients are listening, returns each client's delay in ms. */
  round(expect: boolean, flip: () => Promise<void>): Promise<{ delays: number[]; flipMs: number }>;
  close(): void;
}

/**
 * Starts `n` clients in a process of their own (`args` are propagation-clients.ts's: mode, url,
 * token…) and waits until every one holds the initial state, the switch on. The process is
 * killed by `close()`, or when this one exits.
 *
 * @example
 * const c = await startClients(50, ['--mode', 'firebreak', '--url', url, '--token', token, '--system', 'bench', '--key', 'bench.kill']);
 * const { delays } = await c.round(false, () => flipTheSwitchOff());
 * c.close();
 */
export async function startClients(n: number, args: string[]): Promise<Clients> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLIENTS, '--clients', String(n), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const kill = () => child.kill();
  process.once('exit', kill);
  const close = () => {
    process.off('exit', kill);
    kill();
  };
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () =>
    JSON.parse(((await lines.next()).value as string | undefined) ?? 'null') as Record<string, unknown> | null;
  try {
    const ready = await next();
    if (!ready?.ready) throw new Error(`clients (${args.join(' ')}) did not start`);
    if (ready.state !== n) throw new Error(`only ${String(ready.state)} of ${n} clients start with the switch on`);
  } catch (error) {
    close();
    throw error;
  }
  let round = 0;
  return {
    async round(expect, flip) {
      child.stdin.write(`${JSON.stringify({ round: ++round, expect })}\n`);
      await next(); // armed
      const start = now();
      await flip();
      const flipMs = now() - start;
      const result = (await next()) as { times: Array<number | null> };
      const missing = result.times.filter((t) => t === null).length;
      if (missing > 0) throw new Error(`${missing} of ${n} clients never saw round ${round}`);
      return { delays: result.times.map((t) => (t as number) - start), flipMs };
    },
    close,
  };
}

/**
 * `clients` SDK clients on `url` following `bench.kill` (of killSwitchSystem, applied already),
 * and `rounds` changes, off, on, off…, each made by `change`: every client's delay in ms, from
 * the change's call to the client applying it.
 */
export async function controlPropagation(options: {
  url: string;
  token: string;
  clients: number;
  rounds: number;
  change: (on: boolean) => Promise<void>;
}): Promise<number[]> {
  const c = await startClients(options.clients, [
    ...['--mode', 'firebreak', '--url', options.url, '--token', options.token],
    ...['--system', 'bench', '--key', 'bench.kill'],
  ]);
  const delays: number[] = [];
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const on = round % 2 === 0;
      delays.push(...(await c.round(on, () => options.change(on))).delays);
    }
  } finally {
    c.close();
  }
  return delays;
}
