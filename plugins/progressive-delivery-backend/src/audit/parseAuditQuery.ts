import { InputError } from '@backstage/errors';
import { AuditQuery, isAuditOutcome } from './types';

const SIMPLE = /^[A-Za-z0-9._:/-]{1,255}$/;

/** Query string of the audit routes: `limit`, `cursor`, `cluster`, `namespace`, `rollout`, `action`, `outcome`. */
export function parseAuditQuery(query: Record<string, unknown>): AuditQuery {
  const result: AuditQuery = {};
  const one = (key: string): string | undefined => {
    const value = query[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !SIMPLE.test(value)) {
      throw new InputError(`Invalid ${key}`);
    }
    return value;
  };
  const limit = one('limit');
  if (limit !== undefined) {
    if (!/^\d{1,4}$/.test(limit)) throw new InputError('Invalid limit');
    result.limit = Number(limit);
  }
  result.cursor = one('cursor');
  result.cluster = one('cluster');
  result.namespace = one('namespace');
  result.rollout = one('rollout');
  result.action = one('action');
  const outcome = one('outcome');
  if (outcome !== undefined) {
    if (!isAuditOutcome(outcome)) throw new InputError('Invalid outcome');
    result.outcome = outcome;
  }
  return Object.fromEntries(
    Object.entries(result).filter(([, v]) => v !== undefined),
  ) as AuditQuery;
}
