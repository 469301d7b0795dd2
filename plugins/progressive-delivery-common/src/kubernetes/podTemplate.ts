import { ObjectMeta } from './objectMeta';

/** The container fields the plugin shows (name and image) plus a few that help debugging. @public */
export interface Container {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  args?: string[];
  command?: string[];
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
}

/** @public */
export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  restartPolicy?: string;
  nodeName?: string;
  serviceAccountName?: string;
}

/** @public */
export interface PodTemplateSpec {
  metadata?: Omit<ObjectMeta, 'creationTimestamp'> & {
    creationTimestamp?: string | null;
  };
  spec?: PodSpec;
}
