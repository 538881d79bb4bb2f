import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** One request the fake server saw: enough for tests to check what the client sent. */
export interface SeenRequest {
  method: string;
  path: string;
  params: URLSearchParams;
  headers: IncomingMessage['headers'];
}

export type FakeHandler = (request: SeenRequest, response: ServerResponse) => void | Promise<void>;

export interface FakePrometheus {
  url: string;
  requests: SeenRequest[];
  setHandler(handler: FakeHandler): void;
  close(): Promise<void>;
}

/** Sends a JSON body with a status code. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** A local HTTP server that answers like Prometheus does, or fails the way the test says. */
export async function startFakePrometheus(initial: FakeHandler): Promise<FakePrometheus> {
  let handler = initial;
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const params = new URLSearchParams(url.search);
      if (req.method === 'POST')
        for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.append(k, v);
      const seen: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, params, headers: req.headers };
      requests.push(seen);
      Promise.resolve(handler(seen, res)).catch((error: unknown) =>
        sendJson(res, 500, { status: 'error', error: String(error) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setHandler: (h) => {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
