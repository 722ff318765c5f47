import http from 'http';
import { AddressInfo } from 'net';

/** How the fake API answers one request. */
export type FakeAnswer = {
  status?: number;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
  /** Answer only after this long (or never, with `hang`). */
  delayMs?: number;
  hang?: boolean;
};

/** A request the fake API received. */
export type ReceivedRequest = {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
};

/**
 * A vendor API on 127.0.0.1 with a free port, answering by `GET path`
 * (without the query string); unknown paths get a 404 like the real APIs.
 */
export async function startFakeVendorApi(
  routes: Record<string, FakeAnswer | ((req: ReceivedRequest) => FakeAnswer)>,
) {
  const received: ReceivedRequest[] = [];
  const sockets = new Set<import('net').Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request = {
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
    };
    received.push(request);
    const route = routes[`${req.method} ${url.pathname}`];
    let answer: FakeAnswer = {
      status: 404,
      body: { error: { message: 'Not Found', code: 2100 } },
    };
    if (typeof route === 'function') answer = route(request);
    else if (route) answer = route;
    if (answer.hang) return;
    setTimeout(() => {
      const body =
        typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body ?? {});
      res.writeHead(answer.status ?? 200, {
        'Content-Type': 'application/json',
      });
      res.end(body);
    }, answer.delayMs ?? 0);
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
