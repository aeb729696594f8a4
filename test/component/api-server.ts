/** A tiny real HTTP server for the H5 client: each test says what the next requests get. */
import http from 'http';
import type { AddressInfo } from 'net';

export interface Reply {
  status?: number;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string;
}

export interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  body: unknown;
}

export interface ApiServer {
  baseUrl: string;
  received: Received[];
  /** Route handler: path (with or without its query) → reply (may depend on the parsed request body). */
  handle(path: string, reply: Reply | ((body: unknown) => Reply)): void;
  close(): Promise<void>;
}

export async function startApiServer(): Promise<ApiServer> {
  const routes = new Map<string, Reply | ((body: unknown) => Reply)>();
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      const url = req.url ?? '';
      received.push({ method: req.method ?? '', url, contentType: req.headers['content-type'], body });
      const route = routes.get(url) ?? routes.get(url.split('?')[0]);
      const reply: Reply =
        route === undefined
          ? { status: 404, body: { code: 'FUNCTION_NOT_FOUND', errMsg: `no route ${url}` } }
          : typeof route === 'function'
            ? route(body)
            : route;
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(reply.raw ?? JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    handle: (path, reply) => {
      routes.set(path, reply);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** A port nothing listens on: open a server, note its port, close it. */
export async function deadBaseUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export function envelope<T>(data: T, requestId = 'req-ok'): { result: { ok: true; data: T; requestId: string }; requestId: string } {
  return { result: { ok: true, data, requestId }, requestId };
}
