import { KubernetesObject, ObjectMeta } from './objectMeta';

/** PromQL pair of a ratio or latency indicator. @public */
export interface SloQueryPair {
  errors?: { metric: string };
  success?: { metric: string };
  total: { metric: string };
  grouping?: string[];
}

/**
 * Pyrra `pyrra.dev/v1alpha1` ServiceLevelObjective, minimal: what an SLO card needs (target, window,
 * which indicator and its queries).
 * @public
 */
export interface ServiceLevelObjective extends KubernetesObject {
  metadata: ObjectMeta;
  spec: {
    /** Percentage as a string, e.g. `"99.5"`. */
    target: string;
    /** Prometheus duration, e.g. `"28d"`. */
    window: string;
    description?: string;
    serviceLevelObjectiveLabels?: Record<string, string>;
    indicator: {
      ratio?: SloQueryPair;
      latency?: SloQueryPair;
      latencyNative?: {
        latency: string;
        total: { metric: string };
        grouping?: string[];
      };
      bool_gauge?: { metric: string; grouping?: string[] };
    };
    alerting?: {
      disabled?: boolean;
      name?: string;
      burnrates?: boolean;
      absent?: boolean;
      /** Name of the absent alert (default `SLOMetricAbsent`). */
      absentName?: string;
      /** Severity labels per alert (Pyrra v0.10+). */
      severities?: {
        absent?: string;
        fastBurn?: string;
        mediumBurn?: string;
        slowBurn?: string;
        longTermBurn?: string;
      };
    };
  };
  status?: Record<string, unknown>;
}
