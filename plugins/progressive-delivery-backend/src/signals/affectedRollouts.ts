import {
  Deployment,
  isRollout,
  KubernetesObject,
  Rollout,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { CacheEvent, ObjectCache } from '../cache/ObjectCache';
import { referencedTemplates } from '../slo/analysisGating';

/** The rollouts whose view a changed object affects. */
export function affectedRollouts(
  cache: ObjectCache,
  event: CacheEvent,
): Rollout[] {
  const object = event.object;
  if (event.kind === 'Rollout') return isRollout(object) ? [object] : [];
  if (
    event.kind === 'AnalysisTemplate' ||
    event.kind === 'ClusterAnalysisTemplate'
  ) {
    // What the rollout shows of its templates (error-budget gating) changes with them.
    const clusterScope = event.kind === 'ClusterAnalysisTemplate';
    return cache
      .list<Rollout>('Rollout')
      .filter(
        r =>
          (clusterScope ||
            r.metadata.namespace === object.metadata.namespace) &&
          referencedTemplates(r).some(
            ref =>
              Boolean(ref.clusterScope) === clusterScope &&
              ref.templateName === object.metadata.name,
          ),
      );
  }
  if (event.kind === 'Deployment') {
    const deployment = object as Deployment;
    return cache
      .list<Rollout>('Rollout')
      .filter(
        r =>
          r.metadata.namespace === deployment.metadata.namespace &&
          r.spec?.workloadRef?.name === deployment.metadata.name,
      );
  }
  return ownerRollouts(cache, object, 2);
}

/** Follows owner references up to a Rollout (ReplicaSet → Rollout, AnalysisRun → Experiment → Rollout). */
function ownerRollouts(
  cache: ObjectCache,
  object: KubernetesObject,
  depth: number,
): Rollout[] {
  const result: Rollout[] = [];
  for (const ref of object.metadata.ownerReferences ?? []) {
    const owner = cache.byUid<KubernetesObject>(ref.uid);
    if (!owner) continue;
    if (owner.kind === 'Rollout' && isRollout(owner)) result.push(owner);
    else if (depth > 1) result.push(...ownerRollouts(cache, owner, depth - 1));
  }
  return result;
}
