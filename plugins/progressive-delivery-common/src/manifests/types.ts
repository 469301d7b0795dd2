import { KubernetesObject, ObjectMeta } from '../kubernetes/objectMeta';
import { CanaryStep } from '../kubernetes/rollout';

/** Any manifest the builders write: a Kubernetes object with free-form content. @public */
export interface ManifestObject extends KubernetesObject {
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** Traffic routers the builders can configure. @public */
export type TrafficRouterType = 'none' | 'nginx' | 'istio' | 'smi' | 'alb';

/** The analysis the builders wire into the strategy. @public */
export type AnalysisType = 'none' | 'error-ratio' | 'pyrra-burn-rate';

/** Named strategy presets (see `STRATEGY_PRESETS`). @public */
export type StrategyPresetId =
  | 'progressive'
  | 'canary-basic'
  | 'canary-analysis'
  | 'blue-green';

/** Traffic routing options. @public */
export interface TrafficRoutingOptions {
  type: TrafficRouterType;
  /** External host for the Ingress / VirtualService (default: the service name, in-mesh). */
  host?: string;
  /** Header that sends a request to the canary while its weight is still 0 (istio, alb only). */
  headerRoute?: { headerName: string; headerValue: string };
  /** Percentage of traffic mirrored to the canary during the test phase (istio only). */
  mirrorPercentage?: number;
}

/** Prometheus analysis options. @public */
export interface AnalysisOptions {
  type: AnalysisType;
  /** Prometheus server the AnalysisRuns query (default `http://prometheus.monitoring.svc:9090`). */
  prometheusAddress?: string;
  /** Highest tolerated 5xx ratio for the `error-ratio` analysis (default 0.01). */
  maxErrorRatio?: number;
}

/** Pyrra ServiceLevelObjective options. @public */
export interface SloOptions {
  enabled: boolean;
  /** Percentage, e.g. `"99.5"` (default). */
  target?: string;
  /** Prometheus duration, e.g. `"28d"` (default). */
  window?: string;
}

/** What the request metrics look like (a ratio SLO over a counter). @public */
export interface RequestMetricOptions {
  /** Counter of requests (default `http_requests_total`). */
  metric?: string;
  /** Label that identifies the service in the metric (default `job`, value: the service name). */
  serviceLabel?: string;
  /** Label holding the status code (default `code`); errors are `5..`. */
  codeLabel?: string;
}

/** Input of {@link buildProgressiveDeliveryManifests}. @public */
export interface ProgressiveDeliveryOptions {
  /** Name of the Rollout and prefix of every object (a DNS-1035 label). */
  name: string;
  namespace: string;
  /** Container image; required unless `workloadRef` is given. */
  image?: string;
  containerPort?: number;
  servicePort?: number;
  /** Service target port (default the container port named `http`). */
  targetPort?: number | string;
  replicas?: number;
  /** Value of the `backstage.io/kubernetes-id` label and annotation (default: `name`). */
  kubernetesId?: string;
  /** Default `progressive` (the custom strategy). */
  preset?: StrategyPresetId;
  /** Explicit canary steps; replace the preset's steps (the preset still picks canary). */
  steps?: CanaryStep[];
  trafficRouting?: TrafficRoutingOptions;
  analysis?: AnalysisOptions;
  slo?: SloOptions;
  requestMetric?: RequestMetricOptions;
  /** Seconds the old ReplicaSet is kept after a promotion, for a fast rollback (traffic routing / blue-green only). */
  scaleDownDelaySeconds?: number;
  /** Take the pod template from this Deployment instead of `image` (migration). */
  workloadRef?: {
    name: string;
    scaleDown?: 'never' | 'onsuccess' | 'progressively';
  };
  /** Pod selector labels (default `{ app: name }`). */
  selectorLabels?: Record<string, string>;
}

/** Where a manifest goes and why. @public */
export interface GeneratedManifest {
  /** Suggested file name, relative to the output folder, e.g. `rollout.yaml`. */
  file: string;
  object: ManifestObject;
}

/** What {@link buildProgressiveDeliveryManifests} returns. @public */
export interface ProgressiveDeliveryManifests {
  manifests: GeneratedManifest[];
  /** Annotations the catalog entity needs for the Progressive Delivery tab. */
  annotations: Record<string, string>;
  /** Things the user should know: options dropped because the router cannot do them, etc. */
  notes: string[];
}

/** Thrown for options that cannot produce valid manifests. @public */
export class ManifestInputError extends Error {
  readonly name = 'ManifestInputError';
}
