import {
  AnalysisRun,
  Deployment,
  describeRollout,
  Experiment,
  Pod,
  ReplicaSet,
  Rollout,
  RolloutInfo,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ObjectCache } from '../cache/ObjectCache';

/** The objects a rollout's status is computed from, all taken from the cache. */
export interface RolloutRelated {
  replicaSets: ReplicaSet[];
  analysisRuns: AnalysisRun[];
  experiments: Experiment[];
  workloadRef?: Deployment;
}

export function relatedObjects(
  cache: ObjectCache,
  rollout: Rollout,
): RolloutRelated {
  const uid = rollout.metadata.uid ?? '';
  const experiments = cache.ownedBy<Experiment>('Experiment', uid);
  const replicaSets = cache.ownedBy<ReplicaSet>('ReplicaSet', uid);
  const analysisRuns = cache.ownedBy<AnalysisRun>('AnalysisRun', uid);
  // Experiments own their ReplicaSets and AnalysisRuns; the kubectl plugin shows them too.
  for (const experiment of experiments) {
    const expUid = experiment.metadata.uid ?? '';
    replicaSets.push(...cache.ownedBy<ReplicaSet>('ReplicaSet', expUid));
    analysisRuns.push(...cache.ownedBy<AnalysisRun>('AnalysisRun', expUid));
  }
  const ref = rollout.spec?.workloadRef;
  const workloadRef =
    ref?.name && (ref.kind ?? 'Deployment') === 'Deployment'
      ? cache.get<Deployment>(
          'Deployment',
          rollout.metadata.namespace,
          ref.name,
        )
      : undefined;
  return { replicaSets, analysisRuns, experiments, workloadRef };
}

export function describeFromCache(
  cache: ObjectCache,
  rollout: Rollout,
  now: Date,
  pods?: Pod[],
): RolloutInfo {
  return describeRollout(
    rollout,
    { ...relatedObjects(cache, rollout), pods },
    now,
  );
}
