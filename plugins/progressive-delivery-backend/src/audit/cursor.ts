import { InputError } from '@backstage/errors';

/** Position of the last row of a page: rows strictly older (created_at, id) follow. */
export interface AuditCursor {
  /** created_at in epoch milliseconds. */
  createdAt: number;
  id: number;
}

/** Opaque to clients: base64url of `<createdAtMs>.<id>`. */
export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.createdAt}.${cursor.id}`, 'utf8').toString(
    'base64url',
  );
}

/** Throws InputError for anything `encodeAuditCursor` did not produce. */
export function decodeAuditCursor(value: string): AuditCursor {
  const decoded =
    /^[A-Za-z0-9_-]{1,64}$/.test(value) &&
    Buffer.from(value, 'base64url').toString('utf8');
  const match = decoded ? /^(\d{1,15})\.(\d{1,15})$/.exec(decoded) : null;
  if (!match) {
    throw new InputError('Invalid audit cursor');
  }
  const createdAt = Number(match[1]);
  const id = Number(match[2]);
  if (!Number.isSafeInteger(createdAt) || !Number.isSafeInteger(id)) {
    throw new InputError('Invalid audit cursor');
  }
  return { createdAt, id };
}
