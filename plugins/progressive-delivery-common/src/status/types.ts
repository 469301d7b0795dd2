import { AnalysisPhase } from '../kubernetes/analysisRun';
import { PauseCondition } from '../kubernetes/rollout';

/**
 * RolloutInfo: the status model of DESIGN §4.1. Field names of the first block are fixed by the
 * design; the rest are additions that consumers (action rules, UI, audit) need, each documented.
 * Semantics follow `kubectl argo rollouts get rollout` (reference §1).
 */

/** The four phases a rollout can be in (upstream's phase enum). @public */
export type RolloutStatusValue =
  | 'Healthy'
  | 'Progressing'
  | 'Paused'
  | 'Degraded';

/** @public */
export type RolloutStrategyName = 'Canary' | 'BlueGreen';

/** ReplicaSet health as the kubectl plugin prints it. @public */
export type ReplicaSetStatusValue =
  | 'Healthy'
  | 'Progressing'
  | 'ScaledDown'
  | 'ReplicaFailure';

/** Role tags of a ReplicaSet, in the order the kubectl plugin prints them. @public */
export type ReplicaSetTag =
  | 'canary'
  | 'stable'
  | 'active'
  | 'preview'
  | 'ping'
  | 'pong';

/** A pod line of the tree: status per kubectl's printer, ready as `"x/y"`. @public */
export interface RolloutPodInfo {
  name: string;
  status: string;
  ready: string;
  restarts: number;
}

/** @public */
export interface RolloutReplicaSetInfo {
  name: string;
  revision: number;
  status: ReplicaSetStatusValue;
  tags: ReplicaSetTag[];
  /** `delay:<this>` in the kubectl output: humanized time to `scale-down-deadline`, or `passed`. */
  scaleDownDelay?: string;
  /** Raw `scale-down-deadline` annotation (RFC 3339), when present. */
  scaleDownDeadline?: string;
  /** Experiment template this ReplicaSet was created for (experiment ReplicaSets only). */
  template?: string;
  /** `rollouts-pod-template-hash` label. */
  podTemplateHash?: string;
  /** `metadata.creationTimestamp` (RFC 3339): the AGE column of the kubectl plugin. */
  createdAt?: string;
  /** `status.replicas` and `status.availableReplicas`. */
  replicas: number;
  available: number;
  /** Container images of the pod template. */
  images: string[];
  pods: RolloutPodInfo[];
}

/** One metric of an analysis run, as upstream's info exposes it (IntOrString read as int, else 0). @public */
export interface RolloutAnalysisMetricInfo {
  name: string;
  successCondition?: string;
  failureCondition?: string;
  count: number;
  failureLimit: number;
  inconclusiveLimit: number;
}

/** A Job measurement (job provider), shown under its analysis run like the `⊞ Job` lines. @public */
export interface RolloutAnalysisJobInfo {
  name: string;
  status: string;
  metricName: string;
  startedAt?: string;
}

/** @public */
export interface RolloutAnalysisRunInfo {
  name: string;
  revision: number;
  status: AnalysisPhase | string;
  /** Sums over `status.metricResults[]`: these count measurements, not metrics. */
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  metrics: RolloutAnalysisMetricInfo[];
  /** `status.message`, when set. */
  message?: string;
  /** Label `rollout-type`: Background, Step, PrePromotion or PostPromotion. */
  type?: string;
  jobs: RolloutAnalysisJobInfo[];
}

/** @public */
export interface RolloutExperimentInfo {
  name: string;
  revision: number;
  status: AnalysisPhase | string;
  message?: string;
  replicaSets: RolloutReplicaSetInfo[];
  analysisRuns: RolloutAnalysisRunInfo[];
}

/** One node of the revisions tree; within it ReplicaSets, then Experiments, then AnalysisRuns. @public */
export interface RolloutRevisionInfo {
  revision: number;
  replicaSets: RolloutReplicaSetInfo[];
  experiments: RolloutExperimentInfo[];
  analysisRuns: RolloutAnalysisRunInfo[];
}

/** A running image with its role tags, printed as `image (tag1, tag2)`. @public */
export interface RolloutImageInfo {
  image: string;
  tags: string[];
}

/** @public */
export interface RolloutReplicaCounts {
  desired: number;
  current: number;
  updated: number;
  ready: number;
  available: number;
}

/** @public */
export interface RolloutInfo {
  name: string;
  namespace: string;
  strategy: RolloutStrategyName;
  status: RolloutStatusValue;
  message: string;
  /** `"<currentStepIndex>/<steps>"`, `''` when the index is unset or there are no steps; undefined for BlueGreen. */
  step?: string;
  /** Desired canary weight; undefined for BlueGreen. */
  setWeight?: number;
  /** Observed canary weight; undefined for BlueGreen. */
  actualWeight?: number;
  images: RolloutImageInfo[];
  replicas: RolloutReplicaCounts;
  /** Descending. */
  revisions: RolloutRevisionInfo[];

  // ---- additions beyond DESIGN §4.1 ----

  uid?: string;
  /** For optimistic concurrency (`expected.resourceVersion` of the action API). */
  resourceVersion?: string;
  /** `metadata.generation`. */
  generation?: number;
  /** `status.observedGeneration` as written (a string; a spec hash on v0.9 controllers). */
  observedGeneration?: string;
  /** False while the controller has not yet seen the latest spec (rule 1 of the phase). */
  generationObserved: boolean;
  /** `rollout.argoproj.io/revision` of the Rollout: the revision being rolled out. */
  revision: number;
  /** `status.currentStepIndex` (canary); undefined when unset. */
  currentStepIndex?: number;
  /** Number of canary steps (0 for BlueGreen or a canary without steps). */
  stepCount: number;
  /** `status.abort`: an abort was requested (by a user or a failed analysis). */
  aborted: boolean;
  abortedAt?: string;
  /** Paused by the controller (pause conditions) or manually (`spec.paused`). */
  paused: boolean;
  /** `spec.paused`: manual pause, undone by resume or promote. */
  manuallyPaused: boolean;
  /** `status.pauseConditions` (reason + start time), e.g. CanaryPauseStep. */
  pauseConditions: PauseCondition[];
  /** `status.controllerPause`; true with no pause conditions means "unpausing". */
  controllerPause: boolean;
  /** `status.stableRS == status.currentPodHash` (both set): nothing left to promote or abort. */
  fullyPromoted: boolean;
  /** `status.promoteFull`: a full promotion was requested and is in progress. */
  promoteFullRequested: boolean;
  stableRS?: string;
  currentPodHash?: string;
  /** `spec.restartAt` / `status.restartedAt` (RFC 3339). */
  restartAt?: string;
  restartedAt?: string;
  /** Containers of the pod template (from the workloadRef target when given). */
  containers: Array<{ name: string; image?: string }>;
  /** `spec.workloadRef`, with whether its target was supplied to describeRollout. */
  workloadRef?: {
    apiVersion?: string;
    kind?: string;
    name?: string;
    scaleDown?: string;
    resolved: boolean;
  };
}
