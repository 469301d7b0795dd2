import { Knex } from 'knex';
import { AUDIT_TABLE, AuditRow, toDate } from '../audit/rows';
import { ManualAction } from './events';
import { inKeyChunks, whereRolloutKeyIn } from './rolloutKeys';
import { RolloutKey } from './types';

/**
 * Actions taken through the portal, read from the plugin's audit log (same database), and the
 * rule that pairs them with the manual interventions the recorder saw in the clusters.
 */

/** A portal action that reached the cluster. */
export interface PortalAction extends RolloutKey {
  action: string;
  /** `succeeded`, or `unknown` (timed out: it may have applied). */
  outcome: string;
  at: Date;
}

/** An intervention and a portal action this far apart (either way) are the same act. */
export const PORTAL_MATCH_WINDOW_MS = 2 * 60 * 1000;

const APPLIED_OUTCOMES = ['succeeded', 'unknown'];

/** Portal actions whose patches show up as each kind of intervention in the cluster. */
const PORTAL_ACTIONS_FOR: Record<ManualAction, readonly string[]> = {
  promote: ['promote'],
  'promote-full': ['promote-full'],
  abort: ['abort'],
  retry: ['retry'],
  pause: ['pause'],
  // promote and promote-full also unset spec.paused
  resume: ['resume', 'promote', 'promote-full'],
  restart: ['restart'],
};

/** Applied portal actions on the rollouts, recorded within [from, to]. Read-only. */
export async function readPortalActions(
  db: Knex,
  rollouts: RolloutKey[],
  from: Date,
  to: Date,
): Promise<PortalAction[]> {
  const rows = await inKeyChunks(rollouts, chunk => {
    const query = db<AuditRow>(AUDIT_TABLE)
      .select(
        'cluster',
        'namespace',
        'rollout',
        'action',
        'outcome',
        'created_at',
      )
      .whereIn('outcome', APPLIED_OUTCOMES)
      .andWhere('created_at', '>=', from)
      .andWhere('created_at', '<=', to);
    whereRolloutKeyIn(query, chunk, 'rollout');
    return query;
  });
  return rows.map(row => ({
    cluster: row.cluster,
    namespace: row.namespace,
    name: row.rollout,
    action: row.action,
    outcome: row.outcome,
    at: toDate(row.created_at),
  }));
}

/** Counted as "taken in the portal": the action succeeded. */
export function isSuccessfulPortalAction(action: PortalAction): boolean {
  return action.outcome === 'succeeded';
}

/** Whether a portal action explains the intervention: same rollout, same kind, close in time. */
export function hasMatchingPortalAction(
  intervention: RolloutKey & { action: ManualAction; at: Date },
  portalActions: readonly PortalAction[],
): boolean {
  const kinds = PORTAL_ACTIONS_FOR[intervention.action];
  return portalActions.some(
    p =>
      p.cluster === intervention.cluster &&
      p.namespace === intervention.namespace &&
      p.name === intervention.name &&
      kinds.includes(p.action) &&
      Math.abs(p.at.getTime() - intervention.at.getTime()) <=
        PORTAL_MATCH_WINDOW_MS,
  );
}
