import {
  IntOrString,
  KubernetesCondition,
  KubernetesObject,
  LabelSelector,
  ObjectMeta,
} from './objectMeta';
import { PodTemplateSpec } from './podTemplate';

/**
 * `argoproj.io/v1alpha1` Rollout, as far as the plugin reads it. Field names and meanings follow
 * the upstream CRD (`fixtures/crds/argo-rollouts-rollout-crd.yaml`); everything is optional because
 * controllers from v0.9 to v1.10 write different subsets.
 */

/** Duration as Argo Rollouts accepts it: `"30s"`, `"5m"`, `"1h"`, or a number of seconds. @public */
export type RolloutDuration = string | number;

/** Argument passed to an analysis template. @public */
export interface AnalysisRunArgument {
  name: string;
  value?: string;
  valueFrom?: {
    podTemplateHashValue?: 'Stable' | 'Latest' | string;
    fieldRef?: { fieldPath: string };
  };
}

/** Reference to an AnalysisTemplate or ClusterAnalysisTemplate. @public */
export interface AnalysisTemplateRef {
  templateName?: string;
  clusterScope?: boolean;
}

/** Analysis used by a canary `analysis` step, background analysis, or blue-green pre/post analysis. @public */
export interface RolloutAnalysis {
  templates?: AnalysisTemplateRef[];
  args?: AnalysisRunArgument[];
  dryRun?: Array<{ metricName: string }>;
  measurementRetention?: Array<{ metricName: string; limit: number }>;
  analysisRunMetadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
}

/** Background analysis additionally says from which step it starts. @public */
export interface RolloutAnalysisBackground extends RolloutAnalysis {
  startingStep?: number;
}

/** One template of a canary `experiment` step. @public */
export interface RolloutExperimentTemplate {
  name: string;
  specRef: 'stable' | 'canary' | string;
  replicas?: number;
  weight?: number;
  metadata?: { labels?: Record<string, string> };
  selector?: LabelSelector;
  service?: { name?: string };
}

/** An analysis run alongside a canary `experiment` step. @public */
export interface RolloutExperimentAnalysis extends AnalysisTemplateRef {
  name: string;
  args?: AnalysisRunArgument[];
  requiredForCompletion?: boolean;
}

/** @public */
export interface RolloutExperimentStep {
  templates: RolloutExperimentTemplate[];
  duration?: RolloutDuration;
  analyses?: RolloutExperimentAnalysis[];
  dryRun?: Array<{ metricName: string }>;
}

/** @public */
export interface SetCanaryScale {
  weight?: number;
  replicas?: number;
  matchTrafficWeight?: boolean;
}

/** Header match of a `setHeaderRoute` step (exactly one of exact, prefix, regex). @public */
export interface HeaderRoutingMatch {
  headerName: string;
  headerValue: { exact?: string; prefix?: string; regex?: string };
}

/** @public */
export interface SetHeaderRoute {
  name: string;
  /** Omitted or empty: the route is removed. */
  match?: HeaderRoutingMatch[];
}

/** @public */
export interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

/** @public */
export interface RouteMatch {
  method?: StringMatch;
  path?: StringMatch;
  headers?: Record<string, StringMatch>;
}

/** @public */
export interface SetMirrorRoute {
  name: string;
  /** Omitted or empty: the route is removed. */
  match?: RouteMatch[];
  percentage?: number;
}

/** Traffic-router plugin step (v1.8+). @public */
export interface RolloutPluginStep {
  name: string;
  config?: unknown;
}

/** One canary step; exactly one field is set. @public */
export interface CanaryStep {
  setWeight?: number;
  pause?: { duration?: RolloutDuration };
  analysis?: RolloutAnalysis;
  experiment?: RolloutExperimentStep;
  setCanaryScale?: SetCanaryScale;
  setHeaderRoute?: SetHeaderRoute;
  setMirrorRoute?: SetMirrorRoute;
  plugin?: RolloutPluginStep;
}

/** `spec.strategy.canary.trafficRouting`: only presence and the generic fields matter to us. @public */
export interface RolloutTrafficRouting {
  istio?: Record<string, unknown>;
  nginx?: Record<string, unknown>;
  alb?: Record<string, unknown>;
  smi?: Record<string, unknown>;
  ambassador?: Record<string, unknown>;
  appMesh?: Record<string, unknown>;
  traefik?: Record<string, unknown>;
  apisix?: Record<string, unknown>;
  plugins?: Record<string, unknown>;
  /** Routes setHeaderRoute / setMirrorRoute may use, in precedence order. (Go type: `MangedRoutes`.) */
  managedRoutes?: Array<{ name: string }>;
  /** Weight meaning "all traffic" (v1.7); default 100. */
  maxTrafficWeight?: number;
}

/** @public */
export interface CanaryStrategy {
  canaryService?: string;
  stableService?: string;
  steps?: CanaryStep[];
  trafficRouting?: RolloutTrafficRouting;
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
  analysis?: RolloutAnalysisBackground;
  antiAffinity?: Record<string, unknown>;
  canaryMetadata?: { labels?: Record<string, string> };
  stableMetadata?: { labels?: Record<string, string> };
  scaleDownDelaySeconds?: number;
  scaleDownDelayRevisionLimit?: number;
  abortScaleDownDelaySeconds?: number;
  dynamicStableScale?: boolean;
  pingPong?: { pingService: string; pongService: string };
  minPodsPerReplicaSet?: number;
}

/** @public */
export interface BlueGreenStrategy {
  activeService: string;
  previewService?: string;
  previewReplicaCount?: number;
  autoPromotionEnabled?: boolean;
  autoPromotionSeconds?: number;
  maxUnavailable?: IntOrString;
  scaleDownDelaySeconds?: number;
  scaleDownDelayRevisionLimit?: number;
  abortScaleDownDelaySeconds?: number;
  prePromotionAnalysis?: RolloutAnalysis;
  postPromotionAnalysis?: RolloutAnalysis;
  antiAffinity?: Record<string, unknown>;
  previewMetadata?: { labels?: Record<string, string> };
  activeMetadata?: { labels?: Record<string, string> };
}

/** `spec.workloadRef` (v1.0): take the pod template from another workload. @public */
export interface WorkloadRef {
  apiVersion?: string;
  kind?: 'Deployment' | 'ReplicaSet' | 'PodTemplate' | string;
  name?: string;
  /** v1.7: `never` | `onsuccess` | `progressively`. */
  scaleDown?: string;
}

/** @public */
export interface RolloutSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  workloadRef?: WorkloadRef;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  /** Manual pause (`kubectl argo rollouts pause`). */
  paused?: boolean;
  progressDeadlineSeconds?: number;
  progressDeadlineAbort?: boolean;
  /** RFC 3339 time: pods older than this get restarted. */
  restartAt?: string | null;
  rollbackWindow?: { revisions?: number };
  strategy: {
    canary?: CanaryStrategy;
    blueGreen?: BlueGreenStrategy;
  };
  analysis?: {
    successfulRunHistoryLimit?: number;
    unsuccessfulRunHistoryLimit?: number;
  };
}

/** `{name, status, message}` of a current AnalysisRun, as the Rollout status references it. @public */
export interface RolloutAnalysisRunStatus {
  name: string;
  status: string;
  message?: string;
}

/** @public */
export interface TrafficWeightDestination {
  weight: number;
  serviceName?: string;
  podTemplateHash?: string;
}

/** @public */
export interface TrafficWeights {
  canary: TrafficWeightDestination;
  stable: TrafficWeightDestination;
  additional?: TrafficWeightDestination[];
  verified?: boolean;
}

/** Reasons the controller pauses a rollout. @public */
export type PauseReason =
  | 'CanaryPauseStep'
  | 'BlueGreenPause'
  | 'InconclusiveAnalysisRun'
  | 'InconclusiveExperiment'
  | string;

/** @public */
export interface PauseCondition {
  reason: PauseReason;
  /** RFC 3339 time the pause started. */
  startTime: string;
}

/** @public */
export interface RolloutStatus {
  /** Controller-computed phase (v1.0+). Valid only when observedGeneration == metadata.generation. */
  phase?: string;
  message?: string;
  /** A string: v0.9 spec hash, v0.10+ the numeric generation. */
  observedGeneration?: string;
  conditions?: KubernetesCondition[];
  currentStepIndex?: number | null;
  currentStepHash?: string;
  currentPodHash?: string;
  stableRS?: string;
  pauseConditions?: PauseCondition[] | null;
  controllerPause?: boolean;
  abort?: boolean;
  abortedAt?: string | null;
  promoteFull?: boolean;
  restartedAt?: string | null;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  HPAReplicas?: number;
  selector?: string;
  workloadObservedGeneration?: string;
  canary?: {
    weights?: TrafficWeights;
    stablePingPong?: 'ping' | 'pong' | string;
    currentExperiment?: string;
    currentStepAnalysisRunStatus?: RolloutAnalysisRunStatus;
    currentBackgroundAnalysisRunStatus?: RolloutAnalysisRunStatus;
    /** Very old controllers (< v0.8) kept stableRS here. */
    stableRS?: string;
  };
  blueGreen?: {
    activeSelector?: string;
    previewSelector?: string;
    scaleUpPreviewCheckPoint?: boolean;
    prePromotionAnalysisRunStatus?: RolloutAnalysisRunStatus;
    postPromotionAnalysisRunStatus?: RolloutAnalysisRunStatus;
  };
}

/** @public */
export interface Rollout extends KubernetesObject {
  metadata: ObjectMeta;
  spec: RolloutSpec;
  status?: RolloutStatus;
}
