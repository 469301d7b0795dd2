import {
  KubernetesCondition,
  KubernetesObject,
  ObjectMeta,
} from './objectMeta';
import { PodSpec } from './podTemplate';

/** @public */
export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    exitCode: number;
    signal?: number;
    reason?: string;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
  };
}

/** @public */
export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  image?: string;
  imageID?: string;
  started?: boolean;
  state?: ContainerState;
  lastState?: ContainerState;
}

/** `v1` Pod: what the kubectl printer needs to compute STATUS, READY and RESTARTS. @public */
export interface Pod extends KubernetesObject {
  metadata: ObjectMeta;
  spec?: PodSpec;
  status?: {
    phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown' | string;
    reason?: string;
    message?: string;
    conditions?: KubernetesCondition[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
    hostIP?: string;
    podIP?: string;
    startTime?: string;
  };
}
