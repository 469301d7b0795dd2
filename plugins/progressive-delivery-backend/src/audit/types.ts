/**
 * The durable audit log of rollout actions (DESIGN §4.5): one row per action attempt.
 *
 * Life cycle of a row:
 * - an allowed action: `begin()` writes an `initiated` row BEFORE the cluster is touched, then
 *   `complete()` moves it once to `succeeded`, `failed` or `unknown` (timeout);
 * - a refused attempt: `record()` writes the row directly with its final outcome (`denied`,
 *   `conflict`, `invalid`, `not-found`).
 *
 * Every write throws on any database error so the caller can fail closed (refuse the action).
 * Rows are append-only: there is no update or delete API besides `complete()` (a single
 * transition out of `initiated`) and retention (`deleteOlderThan`).
 */

/** Outcome of an attempt that was allowed and reached the cluster. */
export type AuditCompletionOutcome = 'succeeded' | 'failed' | 'unknown';

/** Outcome of an attempt refused before the cluster was touched. */
export type AuditRefusalOutcome =
  | 'denied'
  | 'conflict'
  | 'invalid'
  | 'not-found';

/** Every outcome a row can have; `initiated` is the only non-final one. */
export type AuditOutcome =
  | 'initiated'
  | AuditCompletionOutcome
  | AuditRefusalOutcome;

export const AUDIT_COMPLETION_OUTCOMES: readonly AuditCompletionOutcome[] = [
  'succeeded',
  'failed',
  'unknown',
];

export const AUDIT_REFUSAL_OUTCOMES: readonly AuditRefusalOutcome[] = [
  'denied',
  'conflict',
  'invalid',
  'not-found',
];

export const AUDIT_OUTCOMES: readonly AuditOutcome[] = [
  'initiated',
  ...AUDIT_COMPLETION_OUTCOMES,
  ...AUDIT_REFUSAL_OUTCOMES,
];

/** Narrows untrusted input (a query parameter) to an outcome. */
export function isAuditOutcome(value: unknown): value is AuditOutcome {
  return (
    typeof value === 'string' &&
    (AUDIT_OUTCOMES as readonly string[]).includes(value)
  );
}

/** The rollout as seen just before or just after the action. */
export interface AuditStateSnapshot {
  /** Rollout phase, e.g. `Paused` (RolloutInfo.status). */
  status: string;
  /** `status.currentStepIndex` (canary); null when unset or BlueGreen. */
  step: number | null;
  /** `rollout.argoproj.io/revision`; null when unknown. */
  revision: number | null;
}

/** What the caller knows when an attempt starts (or is refused). */
export interface NewAuditEntry {
  /** Who: the actor's entity ref, e.g. `user:default/jane` (service principals: their subject). */
  actorRef: string;
  /** The catalog entity the action was requested under, e.g. `component:default/checkout`.
   * Stored lowercased (entity refs compare case-insensitively in Backstage). */
  entityRef: string;
  cluster: string;
  /** Kubernetes namespace of the Rollout. */
  namespace: string;
  /** Rollout name. */
  rollout: string;
  /** The requested action (a RolloutAction; for `invalid` rows the raw input, or `''`). */
  action: string;
  reason?: string | null;
  /** Target revision of a `rollback`. */
  requestedRevision?: number | null;
  stateBefore?: AuditStateSnapshot | null;
}

/** A refused attempt, written directly with its final outcome. */
export interface RefusedAuditEntry extends NewAuditEntry {
  outcome: AuditRefusalOutcome;
  /** Why it was refused (the error message the caller returns). */
  error?: string | null;
}

/** The result of an attempt that was begun. */
export interface AuditCompletion {
  outcome: AuditCompletionOutcome;
  stateAfter?: AuditStateSnapshot | null;
  error?: string | null;
}

/** One stored row. */
export interface AuditEntry {
  /** Opaque id (the decimal form of an auto-increment key). */
  id: string;
  actorRef: string;
  entityRef: string;
  cluster: string;
  namespace: string;
  rollout: string;
  action: string;
  reason: string | null;
  requestedRevision: number | null;
  stateBefore: AuditStateSnapshot | null;
  stateAfter: AuditStateSnapshot | null;
  outcome: AuditOutcome;
  error: string | null;
  /** When the attempt was recorded (UTC, millisecond precision). */
  createdAt: Date;
  /** When the outcome became final; null while `initiated`. */
  completedAt: Date | null;
}

/** A page query: newest first. All filters are exact matches and combine with AND. */
export interface AuditQuery {
  entityRef?: string;
  cluster?: string;
  namespace?: string;
  rollout?: string;
  action?: string;
  /** One outcome or any of several. */
  outcome?: AuditOutcome | AuditOutcome[];
  /** Page size: default 50, at most 200 (larger values are clamped). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Present when more (older) rows may follow. */
  nextCursor?: string;
}

export interface AuditRetentionOptions {
  /** `initiated` rows younger than this (ms) are never deleted; default 24 hours. */
  initiatedGracePeriodMs?: number;
}

export interface AuditStore {
  /** Writes an `initiated` row before the cluster is touched. Throws on any error: fail closed. */
  begin(entry: NewAuditEntry): Promise<AuditEntry>;

  /**
   * Moves an `initiated` row to its final outcome, exactly once. Throws NotFoundError for an
   * unknown id and ConflictError when the row is no longer `initiated`.
   */
  complete(id: string, completion: AuditCompletion): Promise<AuditEntry>;

  /** Writes a refused attempt with its final outcome. Throws on any error. */
  record(entry: RefusedAuditEntry): Promise<AuditEntry>;

  getById(id: string): Promise<AuditEntry | undefined>;

  /** Newest first (created_at, then id), cursor-paged. Throws InputError on a bad cursor/limit. */
  list(query?: AuditQuery): Promise<AuditPage>;

  /**
   * Retention: deletes rows created before `cutoff`, except `initiated` rows younger than the
   * grace period. Returns the number of deleted rows.
   */
  deleteOlderThan(
    cutoff: Date,
    options?: AuditRetentionOptions,
  ): Promise<number>;
}
