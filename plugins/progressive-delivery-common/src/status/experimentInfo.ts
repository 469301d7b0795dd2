import { AnalysisRun } from '../kubernetes/analysisRun';
import { Experiment } from '../kubernetes/experiment';
import { Pod } from '../kubernetes/pod';
import { ReplicaSet } from '../kubernetes/replicaSet';
import { ownedBy, parseRevision } from '../kubernetes/ownership';
import { describeAnalysisRuns } from './analysisRunInfo';
import { describeReplicaSets } from './replicaSetInfo';
import { RolloutExperimentInfo } from './types';
import { compareText } from './compareText';

/** What describeExperiment() needs to find an experiment's children. @public */
export interface ExperimentChildren {
  replicaSets?: readonly ReplicaSet[];
  pods?: readonly Pod[];
  analysisRuns?: readonly AnalysisRun[];
}

/**
 * One Experiment with its own ReplicaSets (owned by the Experiment, untagged) and AnalysisRuns.
 * @public
 */
export function describeExperiment(
  experiment: Experiment,
  children: ExperimentChildren,
  now: Date,
): RolloutExperimentInfo {
  const uid = experiment.metadata.uid;
  return {
    name: experiment.metadata.name ?? '',
    revision: parseRevision(experiment),
    status: experiment.status?.phase ?? '',
    ...(experiment.status?.message
      ? { message: experiment.status.message }
      : {}),
    replicaSets: describeReplicaSets(
      uid,
      undefined,
      children.replicaSets,
      children.pods,
      now,
    ),
    analysisRuns: describeAnalysisRuns(uid, children.analysisRuns),
  };
}

/**
 * Experiments owned by the rollout, revision descending then oldest first.
 * @public
 */
export function describeExperiments(
  ownerUid: string | undefined,
  experiments: readonly Experiment[] | undefined,
  children: ExperimentChildren,
  now: Date,
): RolloutExperimentInfo[] {
  return ownedBy(experiments, ownerUid)
    .map(experiment => ({
      info: describeExperiment(experiment, children, now),
      created: Date.parse(experiment.metadata.creationTimestamp ?? '') || 0,
    }))
    .sort((a, b) => {
      if (a.info.revision !== b.info.revision) {
        return b.info.revision - a.info.revision;
      }
      if (a.created !== b.created) return a.created - b.created;
      return compareText(a.info.name, b.info.name);
    })
    .map(entry => entry.info);
}
