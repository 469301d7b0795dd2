import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** A response body serialised once and served to every reader until its data changes. */
export interface MemoizedJson {
  json: string;
  etag: string;
  /** Items in the body, for the read's auditor event. */
  count: number;
  /** The gzip encoding, computed on first use. */
  gzip(): Buffer;
}

export interface JsonResponseMemoOptions {
  /**
   * Bodies also hold time-derived fields (pause countdowns, cluster sync times, SLO values
   * read from Prometheus): no entry is served for longer than this.
   */
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

/**
 * Memo of serialised JSON bodies per key. Pages refetch an entity on every change signal and
 * every open tab does, so most reads see the same data: serialising, hashing and compressing
 * it once per change keeps a read close to the cost of authenticating it.
 */
export class JsonResponseMemo {
  private readonly entries = new Map<
    string,
    { stamp: string; at: number; body: MemoizedJson }
  >();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: JsonResponseMemoOptions = {}) {
    this.ttlMs = options.ttlMs ?? 1_000;
    this.maxEntries = options.maxEntries ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The memoized body for the key, or a new one from `produce`. `stamp` must change whenever
   * the data behind the body may have changed; it is read before `produce` runs, so a change
   * during `produce` only causes a recompute on the next read.
   */
  async get<T>(
    key: string,
    stamp: string,
    produce: () => Promise<T>,
    count: (value: T) => number,
  ): Promise<MemoizedJson> {
    const at = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.stamp === stamp && at - entry.at < this.ttlMs) {
      return entry.body;
    }
    const value = await produce();
    const body = memoizedJson(JSON.stringify(value), count(value));
    if (this.entries.size >= this.maxEntries) this.prune(at);
    this.entries.set(key, { stamp, at, body });
    return body;
  }

  private prune(at: number) {
    for (const [key, entry] of this.entries) {
      if (at - entry.at >= this.ttlMs) this.entries.delete(key);
    }
    if (this.entries.size >= this.maxEntries) this.entries.clear();
  }
}

export function memoizedJson(json: string, count: number): MemoizedJson {
  let gzipped: Buffer | undefined;
  return {
    json,
    count,
    etag: `"${createHash('sha1').update(json).digest('base64url')}"`,
    gzip: () => (gzipped ??= gzipSync(json)),
  };
}
