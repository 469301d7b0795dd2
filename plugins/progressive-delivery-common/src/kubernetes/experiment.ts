import {
  KubernetesCondition,
  KubernetesObject,
  LabelSelector,
  ObjectMeta,
} from './objectMeta';
import { PodTemplateSpec } from './podTemplate';
import { AnalysisPhase } from './analysisRun';
import { AnalysisRunArgument, RolloutDuration } from './rollout';

/** @public */
export interface ExperimentTemplate {
  name: string;
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  service?: { name?: string };
}

/** @public */
export interface ExperimentAnalysisTemplateRef {
  name: string;
  templateName?: string;
  clusterScope?: boolean;
  args?: AnalysisRunArgument[];
  requiredForCompletion?: boolean;
}

/** @public */
export interface TemplateStatus {
  name: string;
  /** Progressing, Running, Successful, Failed or Error. */
  status?: string;
  message?: string;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  collisionCount?: number;
  lastTransitionTime?: string;
  serviceName?: string;
  podTemplateHash?: string;
}

/** @public */
export interface ExperimentAnalysisRunStatus {
  name: string;
  analysisRun?: string;
  phase?: AnalysisPhase | string;
  message?: string;
}

/** `argoproj.io/v1alpha1` Experiment. @public */
export interface Experiment extends KubernetesObject {
  metadata: ObjectMeta;
  spec: {
    templates: ExperimentTemplate[];
    duration?: RolloutDuration;
    progressDeadlineSeconds?: number;
    terminate?: boolean;
    analyses?: ExperimentAnalysisTemplateRef[];
    dryRun?: Array<{ metricName: string }>;
    scaleDownDelaySeconds?: number;
  };
  status?: {
    phase?: AnalysisPhase | string;
    message?: string;
    templateStatuses?: TemplateStatus[];
    analysisRuns?: ExperimentAnalysisRunStatus[];
    availableAt?: string | null;
    conditions?: KubernetesCondition[];
  };
}
