/** The benchmark's HTTP and signals clients (loopback only). */
import { performance } from 'node:perf_hooks';

export interface TimedResult {
  ok: boolean;
  timedOut: boolean;
  status: number;
  ms: number;
  body?: unknown;
  error?: string;
}

/** One timed request; the body is read completely (and parsed) inside the timing. */
export async function timedFetch(
  url: string,
  init: RequestInit & { timeoutMs: number },
): Promise<TimedResult> {
  const { timeoutMs, ...rest } = init;
  const started = performance.now();
  try {
    const res = await fetch(url, {
      ...rest,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return {
      ok: res.ok,
      timedOut: false,
      status: res.status,
      ms,
      body,
      error: res.ok ? undefined : text.slice(0, 300),
    };
  } catch (e) {
    const ms = performance.now() - started;
    const error = e as Error;
    const timedOut =
      error.name === 'TimeoutError' || error.name === 'AbortError';
    return { ok: false, timedOut, status: 0, ms, error: error.message };
  }
}

export async function getJson<T>(
  url: string,
  token: string,
  timeoutMs = 10_000,
): Promise<T> {
  const res = await fetch(url, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) {
    throw new Error(
      `GET ${url}: ${res.status} ${(await res.text()).slice(0, 200)}`,
    );
  }
  return (await res.json()) as T;
}

export async function sleep(ms: number): Promise<void> {
  await new Promise(resolve => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a value, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${
          last ? `: ${(last as Error).message}` : ''
        }`,
      );
    }
    await sleep(intervalMs);
  }
}

/**
 * A signals connection like the frontend's: WebSocket on /api/signals, authenticated with
 * the user's Backstage token offered as the subprotocol, `{action:'subscribe', channel}`.
 */
export class SignalsClient {
  private readonly waiters = new Map<string, Array<(at: number) => void>>();
  private readonly socket: WebSocket;
  readonly received: Array<{ channel: string; at: number }> = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.addEventListener('message', event => {
      const at = performance.now();
      try {
        const { channel } = JSON.parse(String(event.data)) as {
          channel: string;
        };
        this.received.push({ channel, at });
        const waiting = this.waiters.get(channel);
        if (waiting?.length) {
          this.waiters.delete(channel);
          waiting.forEach(resolve => resolve(at));
        }
      } catch {
        // not a signal
      }
    });
  }

  static async connect(
    baseUrl: string,
    userToken: string,
  ): Promise<SignalsClient> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/api/signals`;
    const socket = new WebSocket(url, [userToken]);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('signals: connect timeout')),
        10_000,
      );
      socket.addEventListener('open', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.addEventListener('error', () => {
        clearTimeout(timer);
        reject(new Error(`signals: could not connect to ${url}`));
      });
    });
    return new SignalsClient(socket);
  }

  subscribe(channel: string): void {
    this.socket.send(JSON.stringify({ action: 'subscribe', channel }));
  }

  /** performance.now() of the next signal on `channel`, or undefined after `timeoutMs`. */
  next(channel: string, timeoutMs: number): Promise<number | undefined> {
    return new Promise(resolve => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = (at: number) => {
        clearTimeout(timer);
        resolve(at);
      };
      timer = setTimeout(() => {
        const list = this.waiters.get(channel) ?? [];
        this.waiters.set(
          channel,
          list.filter(w => w !== done),
        );
        resolve(undefined);
      }, timeoutMs);
      this.waiters.set(channel, [...(this.waiters.get(channel) ?? []), done]);
    });
  }

  close(): void {
    this.socket.close();
  }
}
