/** One sample of an instant-query answer. */
export interface PromSample {
  labels: Record<string, string>;
  /** Parsed with `Number()`: `NaN`, `+Inf`, `-Inf` become NaN and ±Infinity. */
  value: number;
  /** Unix seconds (may carry milliseconds as a fraction). */
  timestamp: number;
}

/** Why a query failed. */
export type QueryFailureKind =
  /** No answer within the configured timeout. */
  | 'timeout'
  /** Connection refused, DNS, TLS, ... */
  | 'unreachable'
  /** A non-2xx response that is not a PromQL error (401, 502, ...). */
  | 'http'
  /** Prometheus refused the query (`bad_data`, `execution`, ...). */
  | 'query'
  /** A response that is not the Prometheus API's JSON. */
  | 'invalid-response';

/** An instant query's answer; failures are data, never thrown. */
export type InstantQueryResult =
  | { ok: true; samples: PromSample[] }
  | { ok: false; kind: QueryFailureKind; error: string };

/**
 * Where SLO numbers come from: a Prometheus server over HTTP, or the demo source. The seam for
 * tests, too.
 */
export interface MetricsSource {
  /** Name shown in responses (the configured server name, or `demo`). */
  readonly name: string;
  /** True for the built-in demo data. */
  readonly demo?: boolean;
  /**
   * Evaluates an instant query (`/api/v1/query`) at `time` (default: the server's now). A scalar
   * answer comes back as one sample without labels.
   */
  instantQuery(promql: string, time?: Date): Promise<InstantQueryResult>;
}

export interface HttpPrometheusClientOptions {
  name: string;
  /** Base URL, e.g. `http://prometheus.monitoring:9090` (a path prefix is kept). */
  url: string;
  timeoutMs?: number;
  /** Sent as `Authorization: Bearer <token>`; never logged nor put in messages. */
  token?: string;
  /** Injected in tests; default the global fetch. */
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/** The URL without credentials, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '<invalid url>';
  }
}

/** Prometheus' float strings: `Number()` handles all but `+Inf` / `-Inf`. */
function parseValue(raw: unknown): number {
  if (raw === '+Inf' || raw === 'Inf') return Infinity;
  if (raw === '-Inf') return -Infinity;
  return Number(raw);
}

function parseSample(raw: unknown): PromSample | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const { metric, value } = raw as { metric?: unknown; value?: unknown };
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const labels: Record<string, string> = {};
  if (metric && typeof metric === 'object') {
    for (const [k, v] of Object.entries(metric as Record<string, unknown>)) {
      if (typeof v === 'string') labels[k] = v;
    }
  }
  return {
    labels,
    timestamp: Number(value[0]),
    value: parseValue(value[1]),
  };
}

/**
 * A minimal Prometheus HTTP API client on the global `fetch`: POSTs form-encoded instant queries
 * to `/api/v1/query`, with a timeout (AbortSignal) and an optional bearer token.
 */
export class HttpPrometheusClient implements MetricsSource {
  readonly name: string;
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly token?: string;
  private readonly basicAuth?: string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: HttpPrometheusClientOptions) {
    this.name = options.name;
    // fetch refuses URLs with credentials: send them as basic auth instead.
    let base = options.url;
    try {
      const parsed = new URL(options.url);
      if (parsed.username || parsed.password) {
        this.basicAuth = Buffer.from(
          `${decodeURIComponent(parsed.username)}:${decodeURIComponent(
            parsed.password,
          )}`,
        ).toString('base64');
        parsed.username = '';
        parsed.password = '';
        base = parsed.toString();
      }
    } catch {
      // left as is: fetch reports it
    }
    this.base = base.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.token = options.token;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async instantQuery(promql: string, time?: Date): Promise<InstantQueryResult> {
    const body = new URLSearchParams({ query: promql });
    if (time) body.set('time', String(time.getTime() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    else if (this.basicAuth) headers.authorization = `Basic ${this.basicAuth}`;
    const where = `Prometheus '${this.name}' (${redactUrl(this.base)})`;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(`${this.base}/api/v1/query`, {
        method: 'POST',
        headers,
        body: body.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const e = error as Error & {
        cause?: { code?: string; message?: string };
      };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        return {
          ok: false,
          kind: 'timeout',
          error: `${where} did not answer within ${this.timeoutMs / 1000}s`,
        };
      }
      const detail = e.cause?.code ?? e.cause?.message ?? e.message;
      return {
        ok: false,
        kind: 'unreachable',
        error: `${where} is unreachable: ${detail}`,
      };
    }
    let json: {
      status?: string;
      errorType?: string;
      error?: string;
      data?: { resultType?: string; result?: unknown };
    };
    try {
      json = JSON.parse(text);
    } catch {
      return {
        ok: false,
        kind: response.ok ? 'invalid-response' : 'http',
        error: `${where} answered HTTP ${response.status} without Prometheus JSON`,
      };
    }
    if (json.status !== 'success') {
      if (json.errorType && json.error !== undefined) {
        return {
          ok: false,
          kind: 'query',
          error: `${where} refused the query (${json.errorType}): ${json.error}`,
        };
      }
      return {
        ok: false,
        kind: 'http',
        error: `${where} answered HTTP ${response.status}`,
      };
    }
    const data = json.data ?? {};
    if (data.resultType === 'scalar' && Array.isArray(data.result)) {
      const sample = parseSample({ metric: {}, value: data.result });
      return { ok: true, samples: sample ? [sample] : [] };
    }
    if (data.resultType === 'vector' && Array.isArray(data.result)) {
      const samples = data.result
        .map(parseSample)
        .filter((s): s is PromSample => s !== undefined);
      return { ok: true, samples };
    }
    return {
      ok: false,
      kind: 'invalid-response',
      error: `${where} answered an unexpected result type '${String(
        data.resultType,
      )}'`,
    };
  }
}
