import { createHash, timingSafeEqual } from 'node:crypto';

/** The bearer tokens one simulated cluster accepts. */
export interface ClusterTokens {
  /** May do everything. */
  readWrite: string;
  /** May get, list and watch; every write is 403 Forbidden. */
  readOnly: string;
}

export interface Identity {
  user: string;
  canWrite: boolean;
}

export const READ_WRITE_USER = 'simulator:read-write';
export const READ_ONLY_USER = 'simulator:read-only';
export const ANONYMOUS_USER = 'system:anonymous';

/** What a request without an Authorization header may do. */
export type AnonymousAccess = 'none' | 'read-only' | 'read-write';

function sameToken(a: string, b: string): boolean {
  // Hash first so the comparison is constant-time regardless of lengths.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * Maps an Authorization header to an identity. `undefined` means 401: an unknown token, a
 * non-bearer scheme, or no header while anonymous access is off.
 */
export function authenticate(
  header: string | undefined,
  tokens: ClusterTokens,
  anonymous: AnonymousAccess = 'none',
): Identity | undefined {
  if (header === undefined || header === '') {
    if (anonymous === 'none') return undefined;
    return { user: ANONYMOUS_USER, canWrite: anonymous === 'read-write' };
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) return undefined;
  if (sameToken(m[1], tokens.readWrite))
    return { user: READ_WRITE_USER, canWrite: true };
  if (sameToken(m[1], tokens.readOnly))
    return { user: READ_ONLY_USER, canWrite: false };
  return undefined;
}
