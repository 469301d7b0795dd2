import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request the fake Progressive Delivery backend received. */
export interface ReceivedRequest {
  method?: string;
  url?: string;
  authorization?: string;
}

export type Respond = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
) => void;

/** Answers with `status` and `body` (serialised unless it is a string). */
export const respondWith =
  (status: number, body: unknown): Respond =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };

/**
 * A real HTTP server on 127.0.0.1 (random port) standing in for the Progressive Delivery
 * backend; `baseUrl` is what discovery returns for `progressive-delivery`.
 */
export async function startScorecardServer(respond: Respond) {
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    requests.push({
      method: req.method,
      url: req.url,
      authorization: req.headers.authorization,
    });
    respond(req, res);
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/progressive-delivery`,
    requests,
    async close() {
      // Hanging requests (timeout tests) would keep close() waiting.
      sockets.forEach(socket => socket.destroy());
      await new Promise<void>(resolve => server.close(() => resolve()));
    },
  };
}
