import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

/** One request the fake Nova received. */
export interface NovaRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/** What the fake Nova answers a request with: a status and a JSON body, or no answer at all. */
export type NovaResponder = (request: NovaRequest) => { status: number; body?: unknown } | 'hang';

/** Answers 200 with every event handled (`code` 200), as Nova does when all servers exist. */
export const handleAll: NovaResponder = (request) => ({
  status: 200,
  body: {
    events: ((request.body as { events?: Array<Record<string, unknown>> }).events ?? []).map(
      (event) => ({ status: 'completed', ...event, code: 200 }),
    ),
  },
});

/**
 * A real HTTP listener on 127.0.0.1 (a free port) standing in for Nova's compute API: it keeps
 * every request and answers with `responder` (default `handleAll`).
 */
export class FakeNova {
  readonly requests: NovaRequest[] = [];
  responder: NovaResponder = handleAll;
  private readonly waiters: Array<() => void> = [];

  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const received: NovaRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: text === '' ? undefined : (JSON.parse(text) as unknown),
      };
      this.receive(received, (status, body) => {
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(body === undefined ? '' : JSON.stringify(body));
      });
    });
  });

  private constructor() {}

  /** Starts listening. */
  static async start(): Promise<FakeNova> {
    const fake = new FakeNova();
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
    return fake;
  }

  /** `http://127.0.0.1:<port>/v2.1`, the endpoint to configure. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v2.1`;
  }

  /** Resolves once `count` requests in all have arrived; rejects after `timeoutMs`. */
  async waitForRequests(count: number, timeoutMs = 5_000): Promise<NovaRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`fake Nova got ${this.requests.length} of ${count} requests`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.requests;
  }

  /** Stops listening and drops open connections. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private receive(request: NovaRequest, reply: (status: number, body: unknown) => void): void {
    this.requests.push(request);
    const answer = this.responder(request);
    if (answer !== 'hang') reply(answer.status, answer.body);
    for (const wake of this.waiters.splice(0)) wake();
  }
}
