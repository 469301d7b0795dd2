import { ErrorBudgetStatus } from '../slo/errorBudget';
import { PyrraIndicatorType } from '../slo/pyrraObjective';
import { ClusterSyncStatus } from './types';

/** Shapes of the SLO part of the `/api/progressive-delivery` HTTP API. */

/** Where the numbers of an SLO came from. @public */
export type SloDataSource =
  /** Pyrra's recording rules (`<m>:increase<W>`, `<m>:burnrate<w>`) on the Prometheus server. */
  | 'pyrra-rules'
  /** Raw queries over the SLO's own selectors (Pyrra's rules are not installed). */
  | 'raw'
  /** The built-in demo metrics (`progressiveDelivery.demoMetrics: true`): not real data. */
  | 'demo';

/** Why an SLO's state is unknown. @public */
export type SloUnknownReason =
  /** No Prometheus server is configured for the SLO's cluster. */
  | 'no-prometheus'
  /** The Prometheus server did not answer in time. */
  | 'timeout'
  /** The Prometheus server failed, refused the query or could not be reached. */
  | 'prometheus-error'
  /** The ServiceLevelObjective cannot be read (bad target, window or selector). */
  | 'invalid-slo'
  /** Prometheus answered, but there are no samples for the SLO's selector in its window. */
  | 'no-data'
  /** The state is still being computed (only in the rollouts response, which does not wait). */
  | 'pending';

/** Current value of one alert window of a tier. @public */
export interface SloBurnRateWindow {
  /** Prometheus duration, e.g. `5m`. */
  window: string;
  /**
   * The error ratio over the window: what Pyrra records as `<m>:burnrate<w>` and compares with
   * the threshold. Null without data (e.g. no requests in the window). For a grouped SLO, the
   * worst group.
   */
  errorRatio: number | null;
  /** `errorRatio / (1 - target)`: how many times faster than sustainable the budget burns. */
  burnRate: number | null;
}

/** Pyrra alert state of one tier, read from `ALERTS` (only when Pyrra's rules are installed). @public */
export type SloAlertState = 'inactive' | 'pending' | 'firing';

/** One of Pyrra's four multi-window, multi-burn-rate alert tiers, with current values. @public */
export interface SloBurnRateTierStatus {
  /** Severity label of the alert (Pyrra defaults: critical, critical, warning, warning). */
  severity: string;
  /** 14, 7, 2, 1. */
  factor: number;
  /** `factor * (1 - target)`: both windows' error ratios must exceed it for the alert. */
  threshold: number;
  short: SloBurnRateWindow;
  long: SloBurnRateWindow;
  /** The alert's `for`, e.g. `2m`. */
  for: string;
  /** Time to exhaust the whole budget at this burn rate, e.g. `2d`. */
  exhaustion?: string;
  /** Both windows are above the threshold now (the alert is pending or firing, or about to be). */
  exceeded: boolean;
  /** From `ALERTS{alertname="ErrorBudgetBurn",slo="<name>"}`; absent when Pyrra's rules are not installed. */
  alertState?: SloAlertState;
}

/** The state of one Pyrra ServiceLevelObjective. @public */
export interface SloSummary {
  cluster: string;
  namespace: string;
  name: string;
  description?: string;
  objective: {
    /** Percentage as in the CRD, e.g. 99.5. */
    target: number;
    /** The SLO window as Prometheus prints it, e.g. `4w` for `28d`. */
    window: string;
    indicator: PyrraIndicatorType;
  };
  /** `ok` when the numbers below are current; `unknown` with a reason otherwise. */
  status: 'ok' | 'unknown';
  reason?: SloUnknownReason;
  /** A sentence for the UI when the status is unknown. */
  message?: string;
  /** Set when the numbers come from the built-in demo source, not from Prometheus. */
  demo?: boolean;
  source?: SloDataSource;
  /** Name of the Prometheus server (from `progressiveDelivery.prometheus`) that answered. */
  prometheus?: string;
  /** `1 - errors/total` over the SLO window; null without data. */
  availability: number | null;
  errorBudget: {
    /** The allowed error ratio `1 - target`. */
    total: number;
    /** `((1 - target) - errors/total) / (1 - target)`: 1 untouched, 0 spent, negative overspent. */
    remaining: number | null;
    status: ErrorBudgetStatus;
    /** Errors (or slow requests, or failed probes) in the window. */
    errors?: number;
    /** Requests (or probes) in the window. */
    requests?: number;
  } | null;
  /** Pyrra's four tiers (fast, medium, slow, long-term); empty when the window is too short. */
  burnRates: SloBurnRateTierStatus[];
  /** Why `burnRates` is empty although the status is ok (e.g. a window under 2d19h12m). */
  burnRatesError?: string;
  /** True when a tier's alert is firing (or, without Pyrra's alerts, when a tier is exceeded). */
  burning: boolean;
  /** Newest sample of the SLO's source metric. */
  freshness?: {
    /** ISO timestamp; null when no sample is newer than Prometheus' 5 minute lookback. */
    lastSampleAt: string | null;
    ageSeconds: number | null;
    stale: boolean;
  };
  /** ISO timestamp of the evaluation (results are cached for a few seconds). */
  evaluatedAt: string;
}

/** `GET /entities/:kind/:namespace/:name/slos` @public */
export interface EntitySlosResponse {
  entityRef: string;
  slos: SloSummary[];
  clusters: ClusterSyncStatus[];
  /** True when the plugin runs on the built-in demo metrics (not real data). */
  demo?: boolean;
}

/** Which AnalysisTemplates of a rollout query SLO or burn-rate series. @public */
export interface RolloutErrorBudgetGating {
  /** Template names; cluster-scoped ones as `ClusterAnalysisTemplate/<name>`. */
  templates: string[];
}
