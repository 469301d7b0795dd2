import http from 'node:http';
import https from 'node:https';
import { ClusterDetails } from '../clusters/types';
import { KubernetesApiError } from './KubernetesApiError';

export type HttpMethod = 'GET' | 'PATCH' | 'POST' | 'PUT' | 'DELETE';

export interface ClusterRequest {
  method?: HttpMethod;
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  /** Whole-request timeout; the request is aborted after it. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface WatchRequest {
  path: string;
  query: Record<string, string | undefined>;
  signal: AbortSignal;
  /** Called for every JSON line of the stream. */
  onEvent(event: unknown): void;
}

/** HTTP access to one cluster's API server. */
export interface ClusterClient {
  readonly clusterName: string;
  request<T>(request: ClusterRequest): Promise<T>;
  /** Resolves when the server closes the stream, rejects on errors or abort. */
  watch(request: WatchRequest): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

interface TransportOptions {
  agent?: http.Agent;
  headers: Record<string, string>;
}

/**
 * Builds request options with `@kubernetes/client-node`'s KubeConfig (CA, client
 * certificates, bearer token, skipTLSVerify) and sends requests with node's http(s), so
 * that streams, timeouts and stall detection stay under our control.
 */
export class HttpClusterClient implements ClusterClient {
  static async create(cluster: ClusterDetails): Promise<HttpClusterClient> {
    // client-node 1.x is ESM; load it at runtime like Backstage's Kubernetes plugin does.
    const { KubeConfig } = await import('@kubernetes/client-node');
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: cluster.name,
          server: cluster.url,
          caData: cluster.caData,
          caFile: cluster.caFile,
          skipTLSVerify: cluster.skipTLSVerify,
        },
      ],
      users: [
        {
          name: 'backstage',
          token:
            cluster.auth.provider === 'serviceAccount'
              ? cluster.auth.token
              : undefined,
        },
      ],
      contexts: [
        { name: cluster.name, cluster: cluster.name, user: 'backstage' },
      ],
      currentContext: cluster.name,
    });
    const options: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(options);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.headers ?? {})) {
      if (typeof value === 'string') headers[key] = value;
    }
    return new HttpClusterClient(cluster.name, new URL(cluster.url), {
      agent: options.agent as http.Agent | undefined,
      headers,
    });
  }

  private constructor(
    readonly clusterName: string,
    private readonly baseUrl: URL,
    private readonly transport: TransportOptions,
  ) {}

  async request<T>(request: ClusterRequest): Promise<T> {
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const signal = request.signal
      ? AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs);
    const body =
      request.body === undefined
        ? undefined
        : Buffer.from(JSON.stringify(request.body));
    const res = await this.send(
      request.method ?? 'GET',
      request.path,
      request.query,
      {
        body,
        contentType: request.contentType,
        signal,
      },
    );
    const text = await readBody(res, signal);
    if ((res.statusCode ?? 0) >= 400) {
      throw statusError(res.statusCode, text, this.clusterName);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new KubernetesApiError(
        `Cluster ${this.clusterName} sent a response that is not JSON`,
        res.statusCode,
      );
    }
  }

  async watch(request: WatchRequest): Promise<void> {
    const res = await this.send('GET', request.path, request.query, {
      signal: request.signal,
    });
    if ((res.statusCode ?? 0) >= 400) {
      const text = await readBody(res, request.signal);
      throw statusError(res.statusCode, text, this.clusterName);
    }
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line) {
            try {
              request.onEvent(JSON.parse(line));
            } catch (error) {
              res.destroy();
              reject(error);
              return;
            }
          }
          newline = buffered.indexOf('\n');
        }
        if (buffered.length > MAX_RESPONSE_BYTES) {
          res.destroy();
          reject(new KubernetesApiError('Watch event too large', undefined));
        }
      });
      res.on('end', () => resolve());
      res.on('error', reject);
      res.on('aborted', () =>
        reject(new KubernetesApiError('Watch aborted', undefined)),
      );
    });
  }

  private send(
    method: HttpMethod,
    path: string,
    query: Record<string, string | undefined> | undefined,
    options: { body?: Buffer; contentType?: string; signal: AbortSignal },
  ): Promise<http.IncomingMessage> {
    const url = new URL(this.baseUrl.toString());
    url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const headers: Record<string, string> = {
      ...this.transport.headers,
      Accept: 'application/json',
    };
    if (options.body) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = String(options.body.length);
    }
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      if (options.signal.aborted) {
        reject(abortError(options.signal, this.clusterName));
        return;
      }
      const req = lib.request(url, {
        method,
        headers,
        agent: this.transport.agent,
        signal: options.signal,
      });
      req.on('response', resolve);
      req.on('error', error =>
        reject(
          options.signal.aborted
            ? abortError(options.signal, this.clusterName)
            : new KubernetesApiError(
                `Cluster ${this.clusterName} unreachable: ${error.message}`,
                undefined,
              ),
        ),
      );
      req.end(options.body);
    });
  }
}

function abortError(signal: AbortSignal, cluster: string): KubernetesApiError {
  const timedOut =
    signal.reason instanceof Error && signal.reason.name === 'TimeoutError';
  return new KubernetesApiError(
    timedOut
      ? `Cluster ${cluster} timed out`
      : `Request to cluster ${cluster} aborted`,
    undefined,
    timedOut ? 'Timeout' : 'Aborted',
  );
}

function readBody(
  res: http.IncomingMessage,
  signal: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES) {
        res.destroy();
        reject(new KubernetesApiError('Response too large', res.statusCode));
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', error =>
      reject(
        signal.aborted
          ? new KubernetesApiError('Request aborted', undefined, 'Aborted')
          : error,
      ),
    );
  });
}

/** Turns a Kubernetes `Status` body into an error; never echoes request headers. */
function statusError(
  statusCode: number | undefined,
  text: string,
  cluster: string,
): KubernetesApiError {
  let message = `HTTP ${statusCode}`;
  let reason: string | undefined;
  try {
    const status = JSON.parse(text) as { message?: unknown; reason?: unknown };
    if (typeof status.message === 'string') message = status.message;
    if (typeof status.reason === 'string') reason = status.reason;
  } catch {
    // not a Status object; keep the HTTP code
  }
  return new KubernetesApiError(
    `Cluster ${cluster}: ${message.slice(0, 500)}`,
    statusCode,
    reason,
  );
}
