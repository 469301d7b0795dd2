import {
  RolloutAnalysisRunInfo,
  RolloutExperimentInfo,
  RolloutReplicaSetInfo,
  RolloutRevisionInfo,
} from './types';

/**
 * The revisions tree: every revision any ReplicaSet, Experiment or AnalysisRun carries, descending;
 * each keeps its children in the (already sorted) input order.
 * @public
 */
export function groupByRevision(
  replicaSets: readonly RolloutReplicaSetInfo[],
  experiments: readonly RolloutExperimentInfo[],
  analysisRuns: readonly RolloutAnalysisRunInfo[],
): RolloutRevisionInfo[] {
  const revisions = new Set<number>();
  for (const item of [...replicaSets, ...experiments, ...analysisRuns]) {
    revisions.add(item.revision);
  }
  return [...revisions]
    .sort((a, b) => b - a)
    .map(revision => ({
      revision,
      replicaSets: replicaSets.filter(rs => rs.revision === revision),
      experiments: experiments.filter(e => e.revision === revision),
      analysisRuns: analysisRuns.filter(ar => ar.revision === revision),
    }));
}
