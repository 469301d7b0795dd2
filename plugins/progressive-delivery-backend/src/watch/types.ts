/** Sync state of one cluster (or one kind in it), as the API reports it. */
export type SyncState = 'ok' | 'syncing' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** Why the last attempt failed; kept while retrying. */
  error?: string;
  /** When the cache last matched the cluster (list or watch event). */
  lastSyncAt?: Date;
}

export interface WatchOptions {
  /** Abort a watch that sent nothing (not even a bookmark) for this long, then resume. */
  stallTimeoutMs: number;
  /** Ask the server to end each watch after this long (it is resumed at once). */
  watchTimeoutSeconds: number;
  /** Timeout of list requests. */
  listTimeoutMs: number;
  backoff: { initialMs: number; maxMs: number };
}

export const DEFAULT_WATCH_OPTIONS: WatchOptions = {
  stallTimeoutMs: 90_000,
  watchTimeoutSeconds: 290,
  listTimeoutMs: 30_000,
  backoff: { initialMs: 1_000, maxMs: 60_000 },
};
