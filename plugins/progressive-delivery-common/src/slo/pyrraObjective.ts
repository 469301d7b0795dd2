import { ServiceLevelObjective } from '../kubernetes/serviceLevelObjective';
import { SloInputError } from './errors';
import { formatPromDuration, parsePromDuration } from './promDuration';
import { PromSelector, assertLabelName } from './promql';
import { parsePromSelector } from './selector';
import { SloTarget, parseSloTarget } from './target';

/** Pyrra's indicator kinds (`bool_gauge` in the CRD is `boolGauge` here). @public */
export type PyrraIndicatorType =
  | 'ratio'
  | 'latency'
  | 'latencyNative'
  | 'boolGauge';

/** A parsed indicator. Grouping keeps the CRD's order. @public */
export type PyrraIndicator =
  | {
      type: 'ratio';
      errors: PromSelector;
      total: PromSelector;
      grouping: string[];
    }
  | {
      type: 'latency';
      /** The `_bucket` selector with its `le` matcher. */
      success: PromSelector;
      /** The `_count` selector. */
      total: PromSelector;
      grouping: string[];
    }
  | {
      type: 'latencyNative';
      total: PromSelector;
      /** The latency objective in milliseconds (`spec.indicator.latencyNative.latency`). */
      latencyMs: number;
      grouping: string[];
    }
  | { type: 'boolGauge'; metric: PromSelector; grouping: string[] };

/** Alert settings with Pyrra's defaults applied. @public */
export interface PyrraAlerting {
  /** Burn-rate alerts are generated (`burnrates` true and the deprecated `disabled` not set). */
  burnrates: boolean;
  absent: boolean;
  name: string;
  absentName: string;
  severities: {
    absent: string;
    fastBurn: string;
    mediumBurn: string;
    slowBurn: string;
    longTermBurn: string;
  };
}

/**
 * A ServiceLevelObjective as Pyrra sees it internally (`Objective`), validated: selectors parsed,
 * target and window read, defaults applied.
 * @public
 */
export interface PyrraObjective {
  /** `metadata.name`: the `slo` label value and the rule group name. */
  name: string;
  namespace?: string;
  target: SloTarget;
  windowMs: number;
  /** The window formatted the Prometheus way (`28d` → `4w`). */
  window: string;
  indicator: PyrraIndicator;
  alerting: PyrraAlerting;
  /** `pyrra.dev/*` metadata labels without the prefix; Pyrra copies them onto every rule. */
  propagatedLabels: Record<string, string>;
  /** `pyrra.dev/*` metadata annotations without the prefix; Pyrra copies them onto every alert. */
  propagatedAnnotations: Record<string, string>;
}

const PROPAGATION_PREFIX = 'pyrra.dev/';

function grouping(list: string[] | undefined, where: string): string[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    throw new SloInputError(`${where}.grouping must be a list of label names`);
  }
  list.forEach(assertLabelName);
  return [...list];
}

function selector(
  query: { metric?: string } | undefined,
  where: string,
): PromSelector {
  if (!query || typeof query.metric !== 'string' || query.metric === '') {
    throw new SloInputError(`${where}.metric must be set`);
  }
  try {
    return parsePromSelector(query.metric);
  } catch (e) {
    throw new SloInputError(`${where}.metric: ${(e as Error).message}`);
  }
}

function parseIndicator(
  indicator: ServiceLevelObjective['spec']['indicator'],
): PyrraIndicator {
  if (!indicator || typeof indicator !== 'object') {
    throw new SloInputError('spec.indicator must be set');
  }
  const set = (
    ['ratio', 'latency', 'latencyNative', 'bool_gauge'] as const
  ).filter(key => indicator[key] !== undefined && indicator[key] !== null);
  if (set.length !== 1) {
    throw new SloInputError(
      `spec.indicator must contain exactly one of ratio, latency, latencyNative, bool_gauge (found ${
        set.length === 0 ? 'none' : set.join(', ')
      })`,
    );
  }
  const where = `spec.indicator.${set[0]}`;
  if (indicator.ratio) {
    return {
      type: 'ratio',
      errors: selector(indicator.ratio.errors, `${where}.errors`),
      total: selector(indicator.ratio.total, `${where}.total`),
      grouping: grouping(indicator.ratio.grouping, where),
    };
  }
  if (indicator.latency) {
    const success = selector(indicator.latency.success, `${where}.success`);
    const le = success.matchers.find(m => m.name === 'le');
    if (
      !le ||
      le.type !== '=' ||
      !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?Inf$/.test(le.value)
    ) {
      throw new SloInputError(
        `${where}.success.metric must contain a le="<float>" matcher`,
      );
    }
    return {
      type: 'latency',
      success,
      total: selector(indicator.latency.total, `${where}.total`),
      grouping: grouping(indicator.latency.grouping, where),
    };
  }
  if (indicator.latencyNative) {
    let latencyMs: number;
    try {
      latencyMs = parsePromDuration(indicator.latencyNative.latency);
    } catch (e) {
      throw new SloInputError(`${where}.latency: ${(e as Error).message}`);
    }
    return {
      type: 'latencyNative',
      total: selector(indicator.latencyNative.total, `${where}.total`),
      latencyMs,
      grouping: grouping(indicator.latencyNative.grouping, where),
    };
  }
  const boolGauge = indicator.bool_gauge;
  return {
    type: 'boolGauge',
    metric: selector(boolGauge, where),
    grouping: grouping(boolGauge?.grouping, where),
  };
}

/**
 * Validates a Pyrra ServiceLevelObjective and reads it the way Pyrra's `Internal()` does: target
 * divided by 100, window parsed, selectors parsed, alerting defaults (`ErrorBudgetBurn`,
 * `SLOMetricAbsent`, severities critical/critical/warning/warning, absent critical) applied.
 * @throws SloInputError naming the offending field.
 * @public
 */
export function parsePyrraObjective(
  slo: ServiceLevelObjective,
): PyrraObjective {
  const name = slo?.metadata?.name;
  if (!name) throw new SloInputError('metadata.name must be set');
  const spec = slo.spec;
  if (!spec) throw new SloInputError('spec must be set');
  let target: SloTarget;
  try {
    target = parseSloTarget(spec.target);
  } catch (e) {
    throw new SloInputError(`spec.target: ${(e as Error).message}`);
  }
  let windowMs: number;
  try {
    windowMs = parsePromDuration(spec.window);
  } catch (e) {
    throw new SloInputError(`spec.window: ${(e as Error).message}`);
  }
  if (windowMs === 0) throw new SloInputError('spec.window must not be 0');

  const alerting = spec.alerting ?? {};
  const severities = alerting.severities ?? {};
  const propagated = (from: Record<string, string> | undefined) => {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(from ?? {})) {
      if (key.startsWith(PROPAGATION_PREFIX)) {
        out[key.slice(PROPAGATION_PREFIX.length)] = value;
      }
    }
    return out;
  };
  return {
    name,
    namespace: slo.metadata.namespace,
    target,
    windowMs,
    window: formatPromDuration(windowMs),
    indicator: parseIndicator(spec.indicator),
    alerting: {
      burnrates: alerting.disabled !== true && alerting.burnrates !== false,
      absent: alerting.absent !== false,
      name: alerting.name || 'ErrorBudgetBurn',
      absentName: alerting.absentName || 'SLOMetricAbsent',
      severities: {
        absent: severities.absent || 'critical',
        fastBurn: severities.fastBurn || 'critical',
        mediumBurn: severities.mediumBurn || 'critical',
        slowBurn: severities.slowBurn || 'warning',
        longTermBurn: severities.longTermBurn || 'warning',
      },
    },
    propagatedLabels: propagated(slo.metadata.labels),
    propagatedAnnotations: propagated(slo.metadata.annotations),
  };
}
