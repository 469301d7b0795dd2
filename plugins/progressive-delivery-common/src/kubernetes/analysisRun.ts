import { IntOrString, KubernetesObject, ObjectMeta } from './objectMeta';
import { AnalysisRunArgument } from './rollout';

/**
 * `argoproj.io/v1alpha1` AnalysisRun (and the metric definitions shared with AnalysisTemplate).
 * See reference §4 and upstream `analysis_types.go`.
 */

/** Phases, best to worst: Successful < Running < Pending < Inconclusive < Error < Failed. @public */
export type AnalysisPhase =
  | 'Pending'
  | 'Running'
  | 'Successful'
  | 'Failed'
  | 'Error'
  | 'Inconclusive';

/** Provider config; one key (prometheus, web, job, datadog, …). Kept opaque except for display. @public */
export type MetricProvider = Record<string, unknown>;

/** @public */
export interface Metric {
  name: string;
  interval?: string;
  initialDelay?: string;
  /** Unset together with interval: 1. Only interval set: runs until terminated. */
  count?: IntOrString;
  successCondition?: string;
  failureCondition?: string;
  /** Default 0; -1 disables the limit. */
  failureLimit?: IntOrString;
  /** Default 0. */
  inconclusiveLimit?: IntOrString;
  /** Default 4. */
  consecutiveErrorLimit?: IntOrString;
  /** v1.8+. */
  consecutiveSuccessLimit?: IntOrString;
  provider: MetricProvider;
}

/** @public */
export interface AnalysisRunSpec {
  metrics: Metric[];
  args?: AnalysisRunArgument[];
  terminate?: boolean;
  dryRun?: Array<{ metricName: string }>;
  measurementRetention?: Array<{ metricName: string; limit: number }>;
  ttlStrategy?: Record<string, unknown>;
}

/** One measurement of a metric. @public */
export interface Measurement {
  phase: AnalysisPhase | string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  /** Measured value, as a string (a JSON array for vector results). */
  value?: string;
  /** e.g. `job-name`, `job-namespace`, the resolved query. */
  metadata?: Record<string, string>;
  resumeAt?: string;
}

/** @public */
export interface MetricResult {
  name: string;
  phase: AnalysisPhase | string;
  message?: string;
  measurements?: Measurement[];
  /** successful + failed + inconclusive (errors are not counted). */
  count?: number;
  successful?: number;
  failed?: number;
  inconclusive?: number;
  error?: number;
  consecutiveError?: number;
  consecutiveSuccess?: number;
  dryRun?: boolean;
  metadata?: Record<string, string>;
}

/** Counts of **metrics** per outcome. @public */
export interface RunSummary {
  count?: number;
  successful?: number;
  failed?: number;
  inconclusive?: number;
  error?: number;
}

/** @public */
export interface AnalysisRunStatus {
  phase?: AnalysisPhase | string;
  message?: string;
  startedAt?: string;
  completedAt?: string;
  metricResults?: MetricResult[];
  runSummary?: RunSummary;
  dryRunSummary?: RunSummary;
}

/** @public */
export interface AnalysisRun extends KubernetesObject {
  metadata: ObjectMeta;
  spec: AnalysisRunSpec;
  status?: AnalysisRunStatus;
}
