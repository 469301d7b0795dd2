/**
 * The slice of Kubernetes object metadata the plugin reads. Fields are optional because the
 * objects come from clusters we don't control (and from older API versions).
 */

/** @public */
export interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** @public */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  /** Incremented by the API server on every spec change. */
  generation?: number;
  /** RFC 3339 timestamp. */
  creationTimestamp?: string | null;
  /** RFC 3339 timestamp; set while the object is being deleted. */
  deletionTimestamp?: string | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

/** Any Kubernetes object: what every typed model below extends. @public */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

/** `{type, status, reason, message}` as used by Rollouts, ReplicaSets, Deployments and Pods. @public */
export interface KubernetesCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
}

/** A `matchLabels` / `matchExpressions` selector. @public */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

/**
 * Kubernetes `IntOrString` (e.g. `count`, `failureLimit`, `maxSurge`): a number, or a string that is
 * either a number or a percentage / argument reference.
 * @public
 */
export type IntOrString = number | string;
