import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { HttpPrometheusClient, redactUrl } from './PrometheusClient';
import { freePort } from './__testUtils__/prometheus';

/** A fake Prometheus on loopback; `handler` decides each answer. */
async function fakePrometheus(
  handler: (
    req: IncomingMessage,
    body: string,
  ) => { status: number; body: unknown } | 'hang',
): Promise<{
  url: string;
  requests: Array<{ req: IncomingMessage; body: string }>;
  close(): Promise<void>;
}> {
  const requests: Array<{ req: IncomingMessage; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', d => {
      body += String(d);
    });
    req.on('end', () => {
      requests.push({ req, body });
      const answer = handler(req, body);
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(
        typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body),
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('HttpPrometheusClient', () => {
  it('POSTs the query with time and bearer token and parses vectors and scalars', async () => {
    const server = await fakePrometheus((_req, body) => {
      const query = new URLSearchParams(body).get('query');
      return query === 'scalar(1)'
        ? {
            status: 200,
            body: {
              status: 'success',
              data: { resultType: 'scalar', result: [1700000000, '1'] },
            },
          }
        : {
            status: 200,
            body: {
              status: 'success',
              data: {
                resultType: 'vector',
                result: [
                  { metric: { job: 'a' }, value: [1700000000.5, '0.25'] },
                  { metric: {}, value: [1700000000.5, 'NaN'] },
                  { metric: {}, value: [1700000000.5, '+Inf'] },
                ],
              },
            },
          };
    });
    try {
      const client = new HttpPrometheusClient({
        name: 'p',
        url: `${server.url}/`,
        token: 's3cret',
      });
      const result = await client.instantQuery(
        'sum(x{a="b"})',
        new Date(1_700_000_000_000),
      );
      expect(result).toEqual({
        ok: true,
        samples: [
          { labels: { job: 'a' }, value: 0.25, timestamp: 1700000000.5 },
          { labels: {}, value: NaN, timestamp: 1700000000.5 },
          { labels: {}, value: Infinity, timestamp: 1700000000.5 },
        ],
      });
      const { req, body } = server.requests[0];
      expect(req.method).toBe('POST');
      expect(req.url).toBe('/api/v1/query');
      expect(req.headers.authorization).toBe('Bearer s3cret');
      expect(Object.fromEntries(new URLSearchParams(body))).toEqual({
        query: 'sum(x{a="b"})',
        time: '1700000000',
      });
      expect(await client.instantQuery('scalar(1)')).toEqual({
        ok: true,
        samples: [{ labels: {}, value: 1, timestamp: 1700000000 }],
      });
    } finally {
      await server.close();
    }
  });

  it('returns PromQL, HTTP and timeout errors as data, without the token', async () => {
    let mode: 'bad' | 'auth' | 'hang' = 'bad';
    const server = await fakePrometheus(() => {
      if (mode === 'hang') return 'hang';
      return mode === 'bad'
        ? {
            status: 400,
            body: {
              status: 'error',
              errorType: 'bad_data',
              error: 'parse error',
            },
          }
        : { status: 401, body: 'Unauthorized' };
    });
    try {
      const client = new HttpPrometheusClient({
        name: 'p',
        url: server.url,
        token: 's3cret',
        timeoutMs: 200,
      });
      const bad = await client.instantQuery('sum(');
      expect(bad).toMatchObject({ ok: false, kind: 'query' });
      expect(JSON.stringify(bad)).toContain('parse error');
      mode = 'auth';
      const auth = await client.instantQuery('up');
      expect(auth).toMatchObject({ ok: false, kind: 'http' });
      expect(JSON.stringify(auth)).toContain('401');
      mode = 'hang';
      const slow = await client.instantQuery('up');
      expect(slow).toEqual({
        ok: false,
        kind: 'timeout',
        error: `Prometheus 'p' (${server.url}) did not answer within 0.2s`,
      });
      for (const r of [bad, auth, slow]) {
        expect(JSON.stringify(r)).not.toContain('s3cret');
      }
    } finally {
      await server.close();
    }
  });

  it('reports an unreachable server, without URL credentials', async () => {
    const port = await freePort();
    const client = new HttpPrometheusClient({
      name: 'p',
      url: `http://user:pw@127.0.0.1:${port}`,
    });
    const result = await client.instantQuery('up');
    expect(result).toEqual({
      ok: false,
      kind: 'unreachable',
      error: `Prometheus 'p' (http://127.0.0.1:${port}) is unreachable: ECONNREFUSED`,
    });
  });

  it('sends URL credentials as basic auth', async () => {
    const server = await fakePrometheus(() => ({
      status: 200,
      body: { status: 'success', data: { resultType: 'vector', result: [] } },
    }));
    try {
      const url = server.url.replace('http://', 'http://user:p%40ss@');
      const client = new HttpPrometheusClient({ name: 'p', url });
      expect(await client.instantQuery('up')).toEqual({
        ok: true,
        samples: [],
      });
      expect(server.requests[0].req.headers.authorization).toBe(
        `Basic ${Buffer.from('user:p@ss').toString('base64')}`,
      );
    } finally {
      await server.close();
    }
  });

  it('redacts credentials from URLs', () => {
    expect(redactUrl('https://a:b@prom.example.com:9090/x?token=1')).toBe(
      'https://prom.example.com:9090/x',
    );
  });
});
