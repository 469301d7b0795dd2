import {
  IntOrString,
  KubernetesCondition,
  KubernetesObject,
  LabelSelector,
  ObjectMeta,
} from './objectMeta';
import { PodTemplateSpec } from './podTemplate';

/** `apps/v1` Deployment: the usual target of a Rollout's `spec.workloadRef`. @public */
export interface Deployment extends KubernetesObject {
  metadata: ObjectMeta;
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    paused?: boolean;
    strategy?: {
      type?: string;
      rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString };
    };
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    conditions?: KubernetesCondition[];
  };
}
