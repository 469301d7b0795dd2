import http from 'node:http';
import { createInterface } from 'node:readline';
import type { KubeObject } from '../../types';
import { MemoryObjectStore } from '../../store/MemoryObjectStore';
import { ClusterServer, ClusterServerOptions } from '../ClusterServer';

export const TOKENS = { readWrite: 'rw-token', readOnly: 'ro-token' };

export function rollout(
  namespace: string,
  name: string,
  extra: {
    labels?: Record<string, string>;
    spec?: unknown;
    status?: unknown;
  } = {},
): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      name,
      namespace,
      ...(extra.labels ? { labels: extra.labels } : {}),
    },
    spec: extra.spec ?? { replicas: 1 },
    ...(extra.status ? { status: extra.status } : {}),
  };
}

export function namespaceObject(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** A store with namespaces team-a and team-b and two Rollouts. */
export function seededStore(): MemoryObjectStore {
  const store = new MemoryObjectStore();
  store.create(namespaceObject('team-a'));
  store.create(namespaceObject('team-b'));
  store.create(
    rollout('team-a', 'web', {
      labels: { app: 'web' },
      status: { phase: 'Healthy' },
    }),
  );
  store.create(
    rollout('team-b', 'api', {
      labels: { app: 'api' },
      status: { phase: 'Healthy' },
    }),
  );
  return store;
}

export interface TestCluster {
  server: ClusterServer;
  store: MemoryObjectStore;
  url: string;
  request(
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  rawBody?: string | Buffer;
  contentType?: string;
}

export interface TestResponse {
  status: number;
  contentType: string | null;
  json: any;
}

export async function startTestCluster(
  options: Partial<ClusterServerOptions> = {},
): Promise<TestCluster> {
  const store = options.store ?? seededStore();
  const server = new ClusterServer({
    tokens: TOKENS,
    port: 0,
    ...options,
    store,
  });
  await server.listen();
  const url = server.url;
  return {
    server,
    store,
    url,
    async request(method, path, o = {}) {
      const headers: Record<string, string> = {};
      const token = o.token === undefined ? TOKENS.readWrite : o.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      let body: string | Buffer | undefined = o.rawBody;
      if (o.body !== undefined) body = JSON.stringify(o.body);
      if (body !== undefined)
        headers['content-type'] = o.contentType ?? 'application/json';
      const res = await fetch(`${url}${path}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(5000),
      });
      const text = await res.text();
      return {
        status: res.status,
        contentType: res.headers.get('content-type'),
        json: text ? JSON.parse(text) : undefined,
      };
    },
    close: () => server.close(),
  };
}

export interface WatchEvent {
  type: string;
  object: any;
}

export interface TestWatch {
  status: number;
  events: WatchEvent[];
  /** Resolves once `count` events arrived in total (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<WatchEvent[]>;
  /** Resolves when the server ended or dropped the stream: 'end' or 'error'. */
  closed: Promise<'end' | 'error'>;
  abort(): void;
}

/** Opens a watch with plain node:http and collects its JSON lines. */
export function openWatch(
  url: string,
  path: string,
  token = TOKENS.readWrite,
): Promise<TestWatch> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `${url}${path}`,
      { headers: { authorization: `Bearer ${token}` } },
      res => {
        const events: WatchEvent[] = [];
        const waiters: Array<() => void> = [];
        let resolveClosed: (v: 'end' | 'error') => void = () => {};
        const closed = new Promise<'end' | 'error'>(r => {
          resolveClosed = r;
        });
        res.on('error', () => resolveClosed('error'));
        res.on('aborted', () => resolveClosed('error'));
        res.on('end', () => resolveClosed('end'));
        res.on('close', () => resolveClosed(res.complete ? 'end' : 'error'));
        const lines = createInterface(res);
        // readline re-emits input errors (e.g. 'aborted'); unhandled they would crash the test.
        lines.on('error', () => resolveClosed('error'));
        lines.on('line', line => {
          if (line.trim() === '') return;
          events.push(JSON.parse(line));
          waiters.forEach(w => w());
        });
        resolve({
          status: res.statusCode ?? 0,
          events,
          closed,
          abort: () => req.destroy(),
          waitFor(count, timeoutMs = 3000) {
            return new Promise((ok, fail) => {
              let timer: NodeJS.Timeout | undefined = undefined;
              const check = () => {
                if (events.length >= count) {
                  clearTimeout(timer);
                  ok(events);
                  return true;
                }
                return false;
              };
              timer = setTimeout(
                () =>
                  fail(
                    new Error(
                      `only ${
                        events.length
                      } of ${count} events: ${JSON.stringify(
                        events.map(e => e.type),
                      )}`,
                    ),
                  ),
                timeoutMs,
              );
              if (!check()) waiters.push(check);
            });
          },
        });
      },
    );
    req.on('error', reject);
  });
}

/** Polls `fn` until it returns true (bounded). */
export async function eventually(
  fn: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 20));
  }
}
