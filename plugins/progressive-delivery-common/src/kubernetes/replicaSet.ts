import {
  KubernetesCondition,
  KubernetesObject,
  LabelSelector,
  ObjectMeta,
} from './objectMeta';
import { PodTemplateSpec } from './podTemplate';

/** `apps/v1` ReplicaSet (also read from `extensions/v1beta1` fixtures). @public */
export interface ReplicaSet extends KubernetesObject {
  metadata: ObjectMeta;
  spec?: {
    replicas?: number;
    minReadySeconds?: number;
    selector?: LabelSelector;
    template?: PodTemplateSpec;
  };
  status?: {
    replicas?: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
    conditions?: KubernetesCondition[];
  };
}
