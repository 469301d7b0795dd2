import {
  BurnRateTierMs,
  MIN_ALERTING_WINDOW_MS,
  burnRateTiersMs,
} from './burnRateWindows';
import { SloInputError } from './errors';
import { formatPromDuration, parsePromDuration } from './promDuration';
import {
  LabelMatcher,
  PromSelector,
  compareStrings,
  formatGoFloatG,
  formatPromNumber,
  formatSelector,
} from './promql';
import { ServiceLevelObjective } from '../kubernetes/serviceLevelObjective';
import {
  PyrraIndicator,
  PyrraObjective,
  parsePyrraObjective,
} from './pyrraObjective';

/*
 * Shared pieces of Pyrra's generated PromQL, printed the way Prometheus' printer prints them
 * (Pyrra builds ASTs and calls String()): `sum(x)` without grouping, `sum by (a, b) (x)` with it,
 * selectors with sorted, Go-quoted matchers.
 */

/** An objective as a CRD object or already parsed. @public */
export type SloSource = ServiceLevelObjective | PyrraObjective;

/** Parses a CRD object, passes a parsed objective through. @throws SloInputError */
export function toObjective(slo: SloSource): PyrraObjective {
  return 'spec' in slo ? parsePyrraObjective(slo) : slo;
}

/** Options for the generated PromQL. @public */
export interface PyrraExprOptions {
  /**
   * Pyrra's `--prometheus3-migration` (on by default since Pyrra v0.10.0): integer `le="1"`
   * matchers of classic-histogram latency SLOs become `le=~"1(\.0)?"`, which matches both
   * Prometheus 2 (`1`) and Prometheus 3 (`1.0`). Default false here, matching Pyrra's unit tests.
   */
  prometheus3Migration?: boolean;
}

export function sel(selector: PromSelector): string {
  return formatSelector(selector.metric, selector.matchers);
}

export function aggregate(
  op: string,
  grouping: readonly string[],
  inner: string,
): string {
  return grouping.length > 0
    ? `${op} by (${grouping.join(', ')}) (${inner})`
    : `${op}(${inner})`;
}

export function overRange(
  fn: string,
  selector: PromSelector,
  rangeMs: number,
): string {
  return `${fn}(${sel(selector)}[${formatPromDuration(rangeMs)}])`;
}

/** Pyrra's dedup + sort of the configured grouping, used by the burn-rate expressions. */
export function sortedGrouping(grouping: readonly string[]): string[] {
  return [...new Set(grouping)].sort(compareStrings);
}

function trimSuffix(value: string, suffix: string): string {
  return value.endsWith(suffix) ? value.slice(0, -suffix.length) : value;
}

/** The metric whose name prefixes the burn-rate records. */
export function primaryMetric(indicator: PyrraIndicator): PromSelector {
  return indicator.type === 'boolGauge' ? indicator.metric : indicator.total;
}

/** `<metric without _total/_count>:burnrate<window>` (Pyrra's `BurnrateName`). */
export function burnrateName(
  indicator: PyrraIndicator,
  windowMs: number,
): string {
  const base = trimSuffix(
    trimSuffix(primaryMetric(indicator).metric, '_total'),
    '_count',
  );
  return `${base}:burnrate${formatPromDuration(windowMs)}`;
}

/** `<metric without _total/_count/_bucket>:increase<window>` (Pyrra's `increaseName`). */
export function increaseName(metric: string, windowMs: number): string {
  const base = trimSuffix(
    trimSuffix(trimSuffix(metric, '_total'), '_count'),
    '_bucket',
  );
  return `${base}:increase${formatPromDuration(windowMs)}`;
}

export function countName(metric: string, windowMs: number): string {
  return `${metric}:count${formatPromDuration(windowMs)}`;
}

export function sumName(metric: string, windowMs: number): string {
  return `${metric}:sum${formatPromDuration(windowMs)}`;
}

/** Go's `time.Duration(d).Seconds()` for whole milliseconds. */
export function seconds(ms: number): number {
  return Math.floor(ms / 1000) + (ms % 1000) / 1000;
}

/** Pyrra's `le` label value for a native-histogram latency (`fmt.Sprintf("%g", seconds)`). */
export function nativeLe(latencyMs: number): string {
  return formatGoFloatG(seconds(latencyMs));
}

/** Pyrra's Prometheus 3 migration of one matcher: integer `le="1"` → `le=~"1(\.0)?"`. */
export function migrateLe(matcher: LabelMatcher): LabelMatcher {
  if (
    matcher.name !== 'le' ||
    matcher.type !== '=' ||
    matcher.value === '' ||
    matcher.value === '+Inf' ||
    matcher.value.includes('.') ||
    !/^[+-]?\d+$/.test(matcher.value)
  ) {
    return matcher;
  }
  return { name: 'le', type: '=~', value: `${matcher.value}(\\.0)?` };
}

export function migrated(
  selector: PromSelector,
  options: PyrraExprOptions | undefined,
): PromSelector {
  if (!options?.prometheus3Migration) return selector;
  return {
    metric: selector.metric,
    matchers: selector.matchers.map(migrateLe),
  };
}

export function withMatchers(
  selector: PromSelector,
  metric: string,
  extra: readonly LabelMatcher[],
): PromSelector {
  return { metric, matchers: [...selector.matchers, ...extra] };
}

export function sloMatcher(objective: PyrraObjective): LabelMatcher {
  return { name: 'slo', type: '=', value: objective.name };
}

/** Pyrra's tiers for the objective's window, refusing windows too short to alert on. */
export function tiersOf(objective: PyrraObjective): BurnRateTierMs[] {
  if (objective.windowMs < MIN_ALERTING_WINDOW_MS) {
    throw new SloInputError(
      `SLO ${objective.name}: window ${
        objective.window
      } is too short to alert on (at least ${formatPromDuration(
        MIN_ALERTING_WINDOW_MS,
      )}); Pyrra would generate rate(...[0s])`,
    );
  }
  return burnRateTiersMs(objective.windowMs);
}

/** The distinct short and long windows, ascending (Pyrra's `burnratesFromWindows`). */
export function burnrateWindowsMs(tiers: readonly BurnRateTierMs[]): number[] {
  const all = new Set<number>();
  for (const tier of tiers) {
    all.add(tier.shortMs);
    all.add(tier.longMs);
  }
  return [...all].sort((a, b) => a - b);
}

/** Parses a query range, refusing 0. @internal */
export function parseRange(range: string): number {
  const ms = parsePromDuration(range);
  if (ms === 0) throw new SloInputError('range must be longer than 0s');
  return ms;
}

/**
 * The error-ratio expression Pyrra records as `<metric>:burnrate<range>` (its `Burnrate()`):
 * - ratio: `sum(rate(errors[w])) / sum(rate(total[w]))`
 * - latency: `(sum(rate(count[w])) - sum(rate(bucket{le}[w]))) / sum(rate(count[w]))`
 * - latencyNative: `1 - histogram_fraction(0, <latency s>, sum(rate(h[w])))`
 * - bool_gauge: `(sum(count_over_time(g[w])) - sum(sum_over_time(g[w]))) / sum(count_over_time(g[w]))`
 * with `sum by (<grouping, sorted>)` when the objective is grouped.
 * @internal
 */
export function burnrateExpr(
  objective: PyrraObjective,
  rangeMs: number,
  options?: PyrraExprOptions,
): string {
  const { indicator } = objective;
  const grouping = sortedGrouping(indicator.grouping);
  const sum = (inner: string) => aggregate('sum', grouping, inner);
  switch (indicator.type) {
    case 'ratio':
      return `${sum(overRange('rate', indicator.errors, rangeMs))} / ${sum(
        overRange('rate', indicator.total, rangeMs),
      )}`;
    case 'latency': {
      const total = sum(
        overRange('rate', migrated(indicator.total, options), rangeMs),
      );
      const success = sum(
        overRange('rate', migrated(indicator.success, options), rangeMs),
      );
      return `(${total} - ${success}) / ${total}`;
    }
    case 'latencyNative':
      return `1 - histogram_fraction(0, ${formatPromNumber(
        seconds(indicator.latencyMs),
      )}, ${sum(overRange('rate', indicator.total, rangeMs))})`;
    default: {
      const count = sum(
        overRange('count_over_time', indicator.metric, rangeMs),
      );
      const ok = sum(overRange('sum_over_time', indicator.metric, rangeMs));
      return `(${count} - ${ok}) / ${count}`;
    }
  }
}
