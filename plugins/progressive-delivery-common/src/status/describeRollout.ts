import { AnalysisRun } from '../kubernetes/analysisRun';
import { Deployment } from '../kubernetes/deployment';
import { Experiment } from '../kubernetes/experiment';
import { Pod } from '../kubernetes/pod';
import { ReplicaSet } from '../kubernetes/replicaSet';
import { Rollout } from '../kubernetes/rollout';
import { isRollout } from '../kubernetes/guards';
import { parseRevision } from '../kubernetes/ownership';
import { describeAnalysisRuns } from './analysisRunInfo';
import {
  canaryActualWeight,
  canarySetWeight,
  canaryStepText,
} from './canaryWeights';
import { describeExperiments } from './experimentInfo';
import { runningImages } from './images';
import { describeReplicaSets } from './replicaSetInfo';
import { groupByRevision } from './revisions';
import { isGenerationObserved, rolloutPhase } from './rolloutPhase';
import { RolloutInfo } from './types';

/**
 * Objects related to a rollout. They may be a whole namespace's worth: children are picked by
 * `ownerReferences[].uid`, as the kubectl plugin does.
 * @public
 */
export interface RolloutRelatedObjects {
  replicaSets?: readonly ReplicaSet[];
  pods?: readonly Pod[];
  analysisRuns?: readonly AnalysisRun[];
  experiments?: readonly Experiment[];
  /** The resolved `spec.workloadRef` target (the kubectl plugin only resolves Deployments). */
  workloadRef?: Deployment;
}

/**
 * The status model of one Rollout (DESIGN §4.1): what `kubectl argo rollouts get rollout` shows,
 * as data. `now` only affects scale-down delays.
 * @public
 */
export function describeRollout(
  rollout: Rollout,
  related: RolloutRelatedObjects = {},
  now: Date = new Date(),
): RolloutInfo {
  if (!isRollout(rollout)) {
    throw new TypeError(
      'describeRollout: not a Rollout (needs metadata.name and spec.strategy.canary or .blueGreen)',
    );
  }
  const { metadata, spec } = rollout;
  const status = rollout.status ?? {};
  const uid = metadata.uid;

  const replicaSets = describeReplicaSets(
    uid,
    rollout,
    related.replicaSets,
    related.pods,
    now,
  );
  const experiments = describeExperiments(
    uid,
    related.experiments,
    related,
    now,
  );
  const analysisRuns = describeAnalysisRuns(uid, related.analysisRuns);
  const phase = rolloutPhase(rollout);
  const isCanary = Boolean(spec.strategy.canary);
  const stepCount = spec.strategy.canary?.steps?.length ?? 0;
  const containers =
    (related.workloadRef
      ? related.workloadRef.spec?.template?.spec?.containers
      : spec.template?.spec?.containers) ?? [];
  const pauseConditions = status.pauseConditions ?? [];
  const stableRS = status.stableRS ?? status.canary?.stableRS;

  return {
    name: metadata.name ?? '',
    namespace: metadata.namespace ?? '',
    strategy: isCanary ? 'Canary' : 'BlueGreen',
    status: phase.status,
    message: phase.message,
    ...(isCanary
      ? {
          step: canaryStepText(rollout),
          setWeight: canarySetWeight(rollout),
          actualWeight: canaryActualWeight(rollout, replicaSets),
        }
      : {}),
    images: runningImages(replicaSets, experiments),
    replicas: {
      desired: spec.replicas ?? 1,
      current: status.replicas ?? 0,
      updated: status.updatedReplicas ?? 0,
      ready: status.readyReplicas ?? 0,
      available: status.availableReplicas ?? 0,
    },
    revisions: groupByRevision(replicaSets, experiments, analysisRuns),

    ...(uid ? { uid } : {}),
    ...(metadata.resourceVersion
      ? { resourceVersion: metadata.resourceVersion }
      : {}),
    ...(metadata.generation !== undefined
      ? { generation: metadata.generation }
      : {}),
    ...(status.observedGeneration !== undefined
      ? { observedGeneration: String(status.observedGeneration) }
      : {}),
    generationObserved: isGenerationObserved(rollout),
    revision: parseRevision(rollout),
    ...(isCanary &&
    status.currentStepIndex !== undefined &&
    status.currentStepIndex !== null
      ? { currentStepIndex: status.currentStepIndex }
      : {}),
    stepCount,
    aborted: Boolean(status.abort),
    ...(status.abortedAt ? { abortedAt: status.abortedAt } : {}),
    paused: pauseConditions.length > 0 || Boolean(spec.paused),
    manuallyPaused: Boolean(spec.paused),
    pauseConditions: pauseConditions.map(p => ({
      reason: p.reason,
      startTime: p.startTime,
    })),
    controllerPause: Boolean(status.controllerPause),
    fullyPromoted: Boolean(stableRS) && stableRS === status.currentPodHash,
    promoteFullRequested: Boolean(status.promoteFull),
    ...(stableRS ? { stableRS } : {}),
    ...(status.currentPodHash ? { currentPodHash: status.currentPodHash } : {}),
    ...(spec.restartAt ? { restartAt: spec.restartAt } : {}),
    ...(status.restartedAt ? { restartedAt: status.restartedAt } : {}),
    containers: containers.map(c => ({
      name: c.name,
      ...(c.image ? { image: c.image } : {}),
    })),
    ...(spec.workloadRef
      ? {
          workloadRef: {
            ...spec.workloadRef,
            resolved: Boolean(related.workloadRef),
          },
        }
      : {}),
  };
}
