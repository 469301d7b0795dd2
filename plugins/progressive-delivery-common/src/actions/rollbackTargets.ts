import { ReplicaSetTag, RolloutInfo } from '../status/types';

/** A revision a rollback can go back to, as a revision picker lists it. @public */
export interface RollbackTarget {
  revision: number;
  /** Container images of its pod template (deduplicated, in container order). */
  images: string[];
  /** Creation time (RFC 3339) of its newest ReplicaSet, when known. */
  createdAt?: string;
  /** Role tags its ReplicaSets carry now (e.g. `stable` while a canary runs). */
  tags: ReplicaSetTag[];
}

/** The revision being rolled out: the one carrying `currentPodHash`, else the Rollout's own. */
function currentRevision(info: RolloutInfo): number {
  return (
    info.revisions.find(r =>
      r.replicaSets.some(
        rs =>
          rs.podTemplateHash !== undefined &&
          rs.podTemplateHash === info.currentPodHash,
      ),
    )?.revision ?? info.revision
  );
}

/**
 * The revisions a rollback can go back to, newest first: every revision other than the current
 * one that still has a ReplicaSet (the backend copies the pod template from it). Same rule as the
 * `rollback` availability.
 * @public
 */
export function rollbackTargets(info: RolloutInfo): RollbackTarget[] {
  const current = currentRevision(info);
  return info.revisions
    .filter(
      r =>
        r.revision > 0 &&
        r.revision !== current &&
        r.revision !== info.revision &&
        r.replicaSets.length > 0,
    )
    .sort((a, b) => b.revision - a.revision)
    .map(r => {
      const created = r.replicaSets
        .map(rs => rs.createdAt)
        .filter((c): c is string => Boolean(c))
        .sort();
      return {
        revision: r.revision,
        images: [...new Set(r.replicaSets.flatMap(rs => rs.images))].filter(
          Boolean,
        ),
        ...(created.length ? { createdAt: created[created.length - 1] } : {}),
        tags: [...new Set(r.replicaSets.flatMap(rs => rs.tags))],
      };
    });
}

/**
 * The revision a rollback should offer first: the stable (or active) one when it is not the
 * current one (the last known-good version during a canary or a blue-green preview), otherwise
 * the newest revision below the current one, as `kubectl argo rollouts undo` picks by default.
 * @public
 */
export function defaultRollbackRevision(
  info: RolloutInfo,
  targets: RollbackTarget[] = rollbackTargets(info),
): number | undefined {
  const stable = targets.find(
    t => t.tags.includes('stable') || t.tags.includes('active'),
  );
  if (stable) return stable.revision;
  const current = currentRevision(info);
  return (
    targets.find(t => t.revision < current)?.revision ?? targets[0]?.revision
  );
}
