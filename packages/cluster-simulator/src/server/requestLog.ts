/** One request as the simulated API server saw it. */
export interface RequestLogEntry {
  /** ISO time the request arrived. */
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** HTTP status; 0 while no response has started (e.g. a hung request). */
  status: number;
  /** Authenticated user, or '' when authentication failed or did not happen. */
  user: string;
  /** Time to the end of the response (for watches: until the stream closed). */
  ms: number;
  watch: boolean;
  /** The client's User-Agent (tells kubectl, client-node and node-fetch apart). */
  userAgent: string;
}

/** A bounded log: the oldest entries go once `capacity` is reached. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly capacity = 10_000) {}

  add(entry: RequestLogEntry): RequestLogEntry {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) {
      this.entries = this.entries.slice(-this.capacity);
    }
    return entry;
  }

  /** Copies, oldest first. */
  list(): RequestLogEntry[] {
    return this.entries.map(e => ({ ...e, query: { ...e.query } }));
  }

  clear(): void {
    this.entries = [];
  }
}
