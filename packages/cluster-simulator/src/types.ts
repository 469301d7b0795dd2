/**
 * Contracts between the simulated API server (store, HTTP, watch, faults) and the
 * Argo Rollouts controller model. Both sides are written against these types only.
 */

/** Kubernetes object metadata as the simulator stores it. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
    blockOwnerDeletion?: boolean;
  }>;
  [key: string]: unknown;
}

/** Any stored object. Kind-specific fields stay `unknown` here; typed models live in -common. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

/** The kinds the simulator serves (Kubernetes `kind` names). */
export type KindName =
  | 'Rollout'
  | 'AnalysisRun'
  | 'AnalysisTemplate'
  | 'ClusterAnalysisTemplate'
  | 'Experiment'
  | 'ReplicaSet'
  | 'Deployment'
  | 'Pod'
  | 'Service'
  | 'Namespace'
  | 'ServiceLevelObjective';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  /** The object after the change (for DELETED: its last state). Never mutate it. */
  object: KubeObject;
}

/**
 * The in-memory object store of one simulated cluster. Every change bumps a cluster-wide
 * resourceVersion and emits exactly one event; writes that change nothing emit nothing.
 * Returned objects are copies: mutating them changes nothing in the store.
 */
export interface ObjectStore {
  list(kind: KindName, namespace?: string): KubeObject[];
  get(
    kind: KindName,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined;
  /** Assigns uid, resourceVersion, creationTimestamp and generation 1. Throws if it exists. */
  create(object: KubeObject): KubeObject;
  /**
   * Replaces the object. With `subresource: 'status'` only `status` is taken from `object`;
   * otherwise `status` is taken from `object` too (controller writes are trusted) and
   * `metadata.generation` increments when `spec` changed.
   */
  update(object: KubeObject, options?: { subresource?: 'status' }): KubeObject;
  delete(
    kind: KindName,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined;
  /** Subscribe to changes; returns the unsubscribe function. Listeners run synchronously. */
  onChange(listener: (event: StoreEvent) => void): () => void;
}

/** A clock the demo can speed up; tests can drive it by hand. */
export interface Clock {
  now(): Date;
  /** Schedules `fn` after `ms` of clock time; returns a cancel function. */
  setTimeout(fn: () => void, ms: number): () => void;
}

/** Simulated metric results used by AnalysisRuns, chosen per scenario. */
export type SimulatedMetricOutcome =
  | 'success'
  | 'failure'
  | 'inconclusive'
  | 'error';

/** The Argo Rollouts controller model running inside one simulated cluster. */
export interface RolloutController {
  start(): void;
  stop(): void;
  /** Runs reconciliation of everything once, synchronously (tests). */
  reconcileAll(): void;
}

export interface RolloutControllerOptions {
  store: ObjectStore;
  clock: Clock;
  clusterName: string;
  /**
   * The outcome of a metric measurement. The default reads the AnalysisTemplate metric's
   * provider: `job` and `web` succeed, `prometheus` uses the
   * `simulator.pdelivery.dev/metric-outcome` annotation on the Rollout (or its AnalysisRun),
   * else success.
   */
  metricOutcome?: (
    run: KubeObject,
    metricName: string,
  ) => SimulatedMetricOutcome;
}
