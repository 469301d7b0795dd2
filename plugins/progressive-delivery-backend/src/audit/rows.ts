import { InputError } from '@backstage/errors';
import { AuditEntry, AuditOutcome, AuditStateSnapshot } from './types';

/** Table and row shape of migrations/20261126000000_init.js. */
export const AUDIT_TABLE = 'audit_entries';

export interface AuditRow {
  id: number | string;
  created_at: Date | number | string;
  completed_at: Date | number | string | null;
  actor_ref: string;
  entity_ref: string;
  cluster: string;
  namespace: string;
  rollout: string;
  action: string;
  reason: string | null;
  requested_revision: number | string | null;
  state_before: string | null;
  state_after: string | null;
  outcome: string;
  error_message: string | null;
}

/** Column limits; longer values are cut (with a trailing `…`) so the attempt is still recorded. */
export const AUDIT_COLUMN_LIMITS = {
  ref: 255,
  name: 255,
  action: 64,
  reason: 2000,
  error: 4000,
};

/**
 * Makes free text storable everywhere: NUL (refused by PostgreSQL text) becomes U+FFFD, and
 * values over `max` UTF-16 units are cut with a trailing `…` (never inside a surrogate pair).
 */
export function truncate(value: string, max: number): string {
  const text = value.split('\u0000').join('\uFFFD');
  if (text.length <= max) {
    return text;
  }
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) {
    cut = cut.slice(0, -1);
  }
  return `${cut}…`;
}

/** A required string column; `allowEmpty` for raw input of refused attempts. */
export function requiredString(
  value: unknown,
  field: string,
  max: number,
  allowEmpty = false,
): string {
  if (typeof value !== 'string' || (!allowEmpty && value.trim() === '')) {
    throw new InputError(`Audit entry needs a non-empty ${field}`);
  }
  return truncate(value, max);
}

export function optionalText(
  value: unknown,
  field: string,
  max: number,
): string | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== 'string') {
    throw new InputError(`Audit entry ${field} must be a string`);
  }
  return truncate(value, max);
}

export function optionalInteger(value: unknown, field: string): number | null {
  if (value === undefined || value === null) {
    return null;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new InputError(`Audit entry ${field} must be an integer`);
  }
  return value;
}

function intOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value)
    ? value
    : null;
}

/** Keeps exactly `{ status, step, revision }`, whatever object the caller passes. */
export function normalizeSnapshot(
  snapshot: AuditStateSnapshot | null | undefined,
): AuditStateSnapshot | null {
  if (!snapshot || typeof snapshot !== 'object') {
    return null;
  }
  return {
    status: truncate(String(snapshot.status ?? ''), AUDIT_COLUMN_LIMITS.name),
    step: intOrNull(snapshot.step),
    revision: intOrNull(snapshot.revision),
  };
}

export function serializeSnapshot(
  snapshot: AuditStateSnapshot | null | undefined,
): string | null {
  const normalized = normalizeSnapshot(snapshot);
  return normalized ? JSON.stringify(normalized) : null;
}

function parseSnapshot(value: string | null): AuditStateSnapshot | null {
  if (!value) {
    return null;
  }
  try {
    return normalizeSnapshot(JSON.parse(value));
  } catch {
    return null;
  }
}

/** Timestamps come back as Date (pg), epoch ms (SQLite) or, if written by hand, text. */
export function toDate(value: Date | number | string): Date {
  if (value instanceof Date) {
    return value;
  }
  if (typeof value === 'number') {
    return new Date(value);
  }
  if (/^\d+$/.test(value)) {
    return new Date(Number(value));
  }
  const iso = value.includes('T') ? value : value.replace(' ', 'T');
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`);
}

/** Ids are auto-increment integers, exposed as decimal strings. */
export function parseAuditId(id: unknown): number | undefined {
  if (typeof id !== 'string' || !/^[1-9]\d{0,15}$/.test(id)) {
    return undefined;
  }
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function rowToEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    actorRef: row.actor_ref,
    entityRef: row.entity_ref,
    cluster: row.cluster,
    namespace: row.namespace,
    rollout: row.rollout,
    action: row.action,
    reason: row.reason ?? null,
    requestedRevision:
      row.requested_revision === null || row.requested_revision === undefined
        ? null
        : Number(row.requested_revision),
    stateBefore: parseSnapshot(row.state_before),
    stateAfter: parseSnapshot(row.state_after),
    outcome: row.outcome as AuditOutcome,
    error: row.error_message ?? null,
    createdAt: toDate(row.created_at),
    completedAt: row.completed_at ? toDate(row.completed_at) : null,
  };
}
