import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test receiver got, body as text. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How a test receiver answers one request; `hang` never answers (a hung receiver). */
export interface ScriptedReply {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  hang?: boolean;
}

/** A local HTTP server standing in for Slack, Teams, PagerDuty or a webhook consumer. */
export interface TestReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Replies for the next requests, in order; when used up, `fallback` answers. */
  script: ScriptedReply[];
  /** A fixed reply, or a function that answers like the real receiver would (validating the body). */
  fallback: ScriptedReply | ((request: ReceivedRequest) => ScriptedReply);
  close(): Promise<void>;
}

/**
 * Starts a real HTTP receiver on a free local port. Tests check what it received against the
 * receiver's published format, and script its answers (500 then 200, 429, a hang).
 *
 * @example
 * const receiver = await startTestReceiver({ status: 200, body: 'ok' });
 * receiver.script = [{ status: 500 }];
 */
export async function startTestReceiver(fallback: TestReceiver['fallback'] = { status: 200 }): Promise<TestReceiver> {
  const requests: ReceivedRequest[] = [];
  const receiver = { requests, script: [] as ScriptedReply[], fallback } as TestReceiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const { fallback: answer } = receiver;
      const reply = receiver.script.shift() ?? (typeof answer === 'function' ? answer(request) : answer);
      if (reply.hang) return;
      res.writeHead(reply.status ?? 200, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
