import {
  AnalysisRun,
  Measurement,
  Metric,
  MetricResult,
} from '../kubernetes/analysisRun';
import { IntOrString } from '../kubernetes/objectMeta';
import { parseRevision } from '../kubernetes/ownership';
import { ROLLOUT_TYPE_LABEL } from '../kubernetes/wellKnownKeys';

/**
 * AnalysisRun detail for the analysis view: each metric's conditions, limits and measurements, and
 * in words what the outcome means and what it did to the rollout (reference §4.3–4.4).
 */

/** How a metric or run came out, in the terms of reference §4.4. @public */
export type AnalysisOutcome =
  | 'success'
  | 'failure'
  | 'error'
  | 'inconclusive'
  | 'running'
  | 'pending';

/** What an analysis outcome does to the rollout that owns it. @public */
export type AnalysisRolloutEffect = 'abort' | 'pause' | 'none' | 'pending';

/** @public */
export interface AnalysisMeasurementDetail {
  phase: string;
  value?: string;
  startedAt?: string;
  finishedAt?: string;
  message?: string;
  metadata?: Record<string, string>;
}

/** @public */
export interface AnalysisMetricDetail {
  name: string;
  /** Provider key, e.g. `prometheus`, `web`, `job`. */
  provider: string;
  /** The provider's query (or URL for `web`), when it has one. */
  query?: string;
  successCondition?: string;
  failureCondition?: string;
  /** Effective limits with upstream defaults; `failureLimit` -1 means "never fail on measurements". */
  failureLimit: number;
  inconclusiveLimit: number;
  consecutiveErrorLimit: number;
  consecutiveSuccessLimit?: number;
  /** Effective number of measurements; undefined = runs until the analysis is terminated. */
  count?: number;
  interval?: string;
  initialDelay?: string;
  /** Limits that are argument references (not numbers), as written. */
  unresolvedLimits?: Record<string, string>;
  dryRun: boolean;
  phase: string;
  message?: string;
  measured: {
    successful: number;
    failed: number;
    inconclusive: number;
    error: number;
    consecutiveError: number;
    consecutiveSuccess: number;
  };
  measurements: AnalysisMeasurementDetail[];
  outcome: AnalysisOutcome;
  /** Why the metric has this outcome, in words. */
  explanation: string;
}

/** @public */
export interface AnalysisRunDetail {
  name: string;
  namespace: string;
  revision: number;
  /** `rollout-type` label: Background, Step, PrePromotion, PostPromotion. */
  type?: string;
  /** Kind of the owner: `Rollout` or `Experiment`. */
  ownerKind?: string;
  phase: string;
  message?: string;
  startedAt?: string;
  completedAt?: string;
  outcome: AnalysisOutcome;
  effect: AnalysisRolloutEffect;
  /** What the outcome did (or will do) to the rollout, in words. */
  effectExplanation: string;
  metrics: AnalysisMetricDetail[];
}

const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

/** IntOrString as a number: numbers and numeric strings; other strings (arg references) are not. */
function toInt(value: IntOrString | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value))
    return Number(value);
  return undefined;
}

/** @public */
export function analysisOutcome(phase: string | undefined): AnalysisOutcome {
  switch (phase) {
    case 'Successful':
      return 'success';
    case 'Failed':
      return 'failure';
    case 'Error':
      return 'error';
    case 'Inconclusive':
      return 'inconclusive';
    case 'Running':
      return 'running';
    default:
      return 'pending';
  }
}

function providerOf(metric: Metric): { provider: string; query?: string } {
  const [provider, config] = Object.entries(metric.provider ?? {})[0] ?? [
    'unknown',
  ];
  const settings = (config ?? {}) as Record<string, unknown>;
  const query = ['query', 'url']
    .map(k => settings[k])
    .find(v => typeof v === 'string');
  return { provider, ...(typeof query === 'string' ? { query } : {}) };
}

function conditionsText(metric: Metric): string {
  const parts: string[] = [];
  if (metric.successCondition)
    parts.push(`success when \`${metric.successCondition}\``);
  if (metric.failureCondition)
    parts.push(`failure when \`${metric.failureCondition}\``);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function explainMetric(
  metric: Metric,
  result: MetricResult | undefined,
  limits: {
    failureLimit: number;
    inconclusiveLimit: number;
    consecutiveErrorLimit: number;
  },
  count: number | undefined,
): string {
  const failed = result?.failed ?? 0;
  const inconclusive = result?.inconclusive ?? 0;
  const consecutiveError = result?.consecutiveError ?? 0;
  const successful = result?.successful ?? 0;
  const dryRun = result?.dryRun
    ? ' This is a dry-run metric: it is recorded but never affects the run.'
    : '';
  switch (result?.phase) {
    case 'Failed':
      return `Failed: ${failed} measurement(s) came out bad${conditionsText(
        metric,
      )}; the failure limit is ${limits.failureLimit}.${dryRun}`;
    case 'Error':
      return `Error: ${consecutiveError} measurement(s) in a row could not be taken (the provider or query failed); the consecutive error limit is ${limits.consecutiveErrorLimit}.${dryRun}`;
    case 'Inconclusive':
      return `Inconclusive: ${inconclusive} measurement(s) met neither the success nor the failure condition${
        !metric.successCondition && !metric.failureCondition
          ? ' (the metric defines none)'
          : ''
      }; the inconclusive limit is ${limits.inconclusiveLimit}.${dryRun}`;
    case 'Successful':
      return `Successful: ${successful} measurement(s) passed${conditionsText(
        metric,
      )}, within the failure limit of ${limits.failureLimit}.${dryRun}`;
    case 'Running':
      return `Measuring${
        count !== undefined
          ? `: ${
              result.count ?? successful + failed + inconclusive
            } of ${count} done`
          : ' until the analysis is stopped'
      }; ${failed} failed so far (limit ${limits.failureLimit}).${dryRun}`;
    default:
      return `No measurement taken yet.${dryRun}`;
  }
}

function describeMeasurement(m: Measurement): AnalysisMeasurementDetail {
  return {
    phase: m.phase,
    ...(m.value !== undefined ? { value: m.value } : {}),
    ...(m.startedAt ? { startedAt: m.startedAt } : {}),
    ...(m.finishedAt ? { finishedAt: m.finishedAt } : {}),
    ...(m.message ? { message: m.message } : {}),
    ...(m.metadata ? { metadata: m.metadata } : {}),
  };
}

function describeMetric(
  metric: Metric,
  result: MetricResult | undefined,
  dryRunNames: Set<string>,
): AnalysisMetricDetail {
  const unresolved: Record<string, string> = {};
  const limit = (
    key: 'failureLimit' | 'inconclusiveLimit' | 'consecutiveErrorLimit',
    fallback: number,
  ) => {
    const raw = metric[key];
    const value = toInt(raw);
    if (raw !== undefined && value === undefined) unresolved[key] = String(raw);
    return value ?? fallback;
  };
  const limits = {
    failureLimit: limit('failureLimit', 0),
    inconclusiveLimit: limit('inconclusiveLimit', 0),
    consecutiveErrorLimit: limit(
      'consecutiveErrorLimit',
      DEFAULT_CONSECUTIVE_ERROR_LIMIT,
    ),
  };
  const consecutiveSuccessLimit = toInt(metric.consecutiveSuccessLimit);
  // Count and interval both unset: a single measurement. Only interval: until terminated.
  let count = toInt(metric.count);
  if (metric.count !== undefined && count === undefined)
    unresolved.count = String(metric.count);
  if (metric.count === undefined && !metric.interval) count = 1;
  const { provider, query } = providerOf(metric);
  return {
    name: metric.name,
    provider,
    ...(query ? { query } : {}),
    ...(metric.successCondition
      ? { successCondition: metric.successCondition }
      : {}),
    ...(metric.failureCondition
      ? { failureCondition: metric.failureCondition }
      : {}),
    ...limits,
    ...(consecutiveSuccessLimit !== undefined
      ? { consecutiveSuccessLimit }
      : {}),
    ...(count !== undefined ? { count } : {}),
    ...(metric.interval ? { interval: metric.interval } : {}),
    ...(metric.initialDelay ? { initialDelay: metric.initialDelay } : {}),
    ...(Object.keys(unresolved).length ? { unresolvedLimits: unresolved } : {}),
    dryRun:
      Boolean(result?.dryRun) ||
      dryRunNames.has(metric.name) ||
      dryRunNames.has('*'),
    phase: result?.phase ?? 'Pending',
    ...(result?.message ? { message: result.message } : {}),
    measured: {
      successful: result?.successful ?? 0,
      failed: result?.failed ?? 0,
      inconclusive: result?.inconclusive ?? 0,
      error: result?.error ?? 0,
      consecutiveError: result?.consecutiveError ?? 0,
      consecutiveSuccess: result?.consecutiveSuccess ?? 0,
    },
    measurements: (result?.measurements ?? []).map(describeMeasurement),
    outcome: analysisOutcome(result?.phase),
    explanation: explainMetric(metric, result, limits, count),
  };
}

function rolloutEffect(
  outcome: AnalysisOutcome,
  ownerKind: string | undefined,
): { effect: AnalysisRolloutEffect; effectExplanation: string } {
  const viaExperiment = ownerKind === 'Experiment';
  const subject = viaExperiment
    ? 'The experiment this analysis belongs to'
    : 'The analysis';
  switch (outcome) {
    case 'failure':
      return {
        effect: 'abort',
        effectExplanation: `${subject} failed, so the rollout is aborted: status.abort is set, the rollout turns Degraded and traffic goes back to the stable version. Fix the cause, then retry, or roll back.`,
      };
    case 'error':
      return {
        effect: 'abort',
        effectExplanation: `${subject} could not take its measurements (errors, not bad values), which aborts the rollout like a failure: it turns Degraded and traffic goes back to the stable version. Check the metric provider, then retry.`,
      };
    case 'inconclusive':
      return {
        effect: 'pause',
        effectExplanation: `${subject} was inconclusive, so the rollout is paused (${
          viaExperiment ? 'InconclusiveExperiment' : 'InconclusiveAnalysisRun'
        }). A person decides: promote to continue or abort to go back to stable.`,
      };
    case 'success':
      return {
        effect: 'none',
        effectExplanation: `${subject} passed; the rollout continues.`,
      };
    default:
      return {
        effect: 'pending',
        effectExplanation: `${subject} is still measuring; the rollout waits for it${
          viaExperiment ? ' through the experiment' : ''
        } (a background analysis runs alongside the steps).`,
      };
  }
}

/**
 * Detail of one AnalysisRun: metrics with conditions, limits (with upstream defaults), counts and
 * measurements, and the outcome with its effect on the rollout.
 * @public
 */
export function describeAnalysisRun(run: AnalysisRun): AnalysisRunDetail {
  const status = run.status ?? {};
  const results = new Map((status.metricResults ?? []).map(r => [r.name, r]));
  const dryRunNames = new Set((run.spec.dryRun ?? []).map(d => d.metricName));
  const outcome = analysisOutcome(status.phase);
  const type = run.metadata.labels?.[ROLLOUT_TYPE_LABEL];
  const ownerKind =
    (run.metadata.ownerReferences ?? []).find(o => o.controller)?.kind ??
    run.metadata.ownerReferences?.[0]?.kind;
  return {
    name: run.metadata.name ?? '',
    namespace: run.metadata.namespace ?? '',
    revision: parseRevision(run),
    ...(type ? { type } : {}),
    ...(ownerKind ? { ownerKind } : {}),
    phase: status.phase ?? 'Pending',
    ...(status.message ? { message: status.message } : {}),
    ...(status.startedAt ? { startedAt: status.startedAt } : {}),
    ...(status.completedAt ? { completedAt: status.completedAt } : {}),
    outcome,
    ...rolloutEffect(outcome, ownerKind),
    metrics: (run.spec.metrics ?? []).map(metric =>
      describeMetric(metric, results.get(metric.name), dryRunNames),
    ),
  };
}
