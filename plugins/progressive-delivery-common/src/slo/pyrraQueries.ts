import { LabelMatcher, PromSelector, formatPromNumber } from './promql';
import {
  PyrraExprOptions,
  SloSource,
  aggregate,
  burnrateExpr,
  burnrateName,
  countName,
  increaseName,
  migrated,
  nativeLe,
  overRange,
  parseRange,
  primaryMetric,
  sel,
  seconds,
  sloMatcher,
  sortedGrouping,
  sumName,
  toObjective,
  withMatchers,
} from './pyrraExpr';

/*
 * PromQL for an objective, in two families:
 * - raw queries over the source metrics for any range (errorRatioQuery, totalQuery, errorsQuery), for
 *   clusters without Pyrra or for ranges Pyrra doesn't record;
 * - Pyrra's own queries over its recording rules (`slo/promql.go`: QueryTotal, QueryErrors,
 *   QueryErrorBudget, QueryBurnrate), which only answer where Pyrra's rules are loaded.
 * Every label value is escaped; nothing is concatenated raw.
 */

/**
 * The error ratio over `range` from the raw series: exactly the expression Pyrra records as
 * `<metric>:burnrate<range>` (see {@link pyrraRuleGroups}), e.g. for a ratio SLO
 * `sum(rate(http_requests_total{code=~"5..",job="x"}[5m])) / sum(rate(http_requests_total{job="x"}[5m]))`.
 * @throws SloInputError for an invalid objective or range.
 * @public
 */
export function errorRatioQuery(
  slo: SloSource,
  range: string,
  options?: PyrraExprOptions,
): string {
  return burnrateExpr(toObjective(slo), parseRange(range), options);
}

function nativeSum(
  total: PromSelector,
  rangeMs: number,
  grouping: string[],
): string {
  return aggregate('sum', grouping, overRange('increase', total, rangeMs));
}

/**
 * The number of requests (or probes) over `range` from the raw series:
 * ratio `sum(increase(total[r]))`, latency `sum(increase(<_count>[r]))`, latencyNative
 * `histogram_count(sum(increase(h[r])))`, bool_gauge `sum(count_over_time(g[r]))`, grouped by the
 * objective's grouping (sorted).
 * @throws SloInputError for an invalid objective or range.
 * @public
 */
export function totalQuery(
  slo: SloSource,
  range: string,
  options?: PyrraExprOptions,
): string {
  const objective = toObjective(slo);
  const rangeMs = parseRange(range);
  const { indicator } = objective;
  const grouping = sortedGrouping(indicator.grouping);
  switch (indicator.type) {
    case 'ratio':
      return aggregate(
        'sum',
        grouping,
        overRange('increase', indicator.total, rangeMs),
      );
    case 'latency':
      return aggregate(
        'sum',
        grouping,
        overRange('increase', migrated(indicator.total, options), rangeMs),
      );
    case 'latencyNative':
      return `histogram_count(${nativeSum(
        indicator.total,
        rangeMs,
        grouping,
      )})`;
    default:
      return aggregate(
        'sum',
        grouping,
        overRange('count_over_time', indicator.metric, rangeMs),
      );
  }
}

/**
 * The number of errors (or slow requests, or failed probes) over `range` from the raw series:
 * ratio `sum(increase(errors[r]))`, latency `sum(increase(<_count>[r])) - sum(increase(<_bucket>{le}[r]))`,
 * latencyNative `histogram_count(S) - histogram_fraction(0, <latency s>, S) * histogram_count(S)`
 * with `S = sum(increase(h[r]))`, bool_gauge `sum(count_over_time(g[r])) - sum(sum_over_time(g[r]))`.
 * @throws SloInputError for an invalid objective or range.
 * @public
 */
export function errorsQuery(
  slo: SloSource,
  range: string,
  options?: PyrraExprOptions,
): string {
  const objective = toObjective(slo);
  const rangeMs = parseRange(range);
  const { indicator } = objective;
  const grouping = sortedGrouping(indicator.grouping);
  const sum = (inner: string) => aggregate('sum', grouping, inner);
  switch (indicator.type) {
    case 'ratio':
      return sum(overRange('increase', indicator.errors, rangeMs));
    case 'latency':
      return `${sum(
        overRange('increase', migrated(indicator.total, options), rangeMs),
      )} - ${sum(
        overRange('increase', migrated(indicator.success, options), rangeMs),
      )}`;
    case 'latencyNative': {
      const s = nativeSum(indicator.total, rangeMs, grouping);
      return `histogram_count(${s}) - histogram_fraction(0, ${formatPromNumber(
        seconds(indicator.latencyMs),
      )}, ${s}) * histogram_count(${s})`;
    }
    default:
      return `${sum(
        overRange('count_over_time', indicator.metric, rangeMs),
      )} - ${sum(overRange('sum_over_time', indicator.metric, rangeMs))}`;
  }
}

const LE_EMPTY: LabelMatcher = { name: 'le', type: '=', value: '' };

/**
 * Pyrra's `QueryTotal(window)`: total requests in the SLO window from its `-increase` recording rule,
 * e.g. `sum(http_requests:increase4w{job="x",slo="name"})`. Grouping keeps the CRD's order.
 * @throws SloInputError for an invalid objective.
 * @public
 */
export function pyrraTotalQuery(slo: SloSource): string {
  const objective = toObjective(slo);
  const { indicator, windowMs } = objective;
  const slo_ = sloMatcher(objective);
  switch (indicator.type) {
    case 'ratio':
      return aggregate(
        'sum',
        indicator.grouping,
        sel(
          withMatchers(
            indicator.total,
            increaseName(indicator.total.metric, windowMs),
            [slo_],
          ),
        ),
      );
    case 'latency':
    case 'latencyNative':
      return aggregate(
        'sum',
        indicator.grouping,
        sel(
          withMatchers(
            indicator.total,
            increaseName(indicator.total.metric, windowMs),
            [LE_EMPTY, slo_],
          ),
        ),
      );
    default:
      return aggregate(
        'sum',
        indicator.grouping,
        sel(
          withMatchers(
            indicator.metric,
            countName(indicator.metric.metric, windowMs),
            [slo_],
          ),
        ),
      );
  }
}

/**
 * Pyrra's `QueryErrors(window)`: errors in the SLO window from its recording rules.
 * @throws SloInputError for an invalid objective.
 * @public
 */
export function pyrraErrorsQuery(slo: SloSource): string {
  const objective = toObjective(slo);
  const { indicator, windowMs } = objective;
  const slo_ = sloMatcher(objective);
  const sum = (selector: PromSelector) =>
    aggregate('sum', indicator.grouping, sel(selector));
  switch (indicator.type) {
    case 'ratio':
      return sum(
        withMatchers(
          indicator.errors,
          increaseName(indicator.errors.metric, windowMs),
          [slo_],
        ),
      );
    case 'latency':
      return `${sum(
        withMatchers(
          indicator.total,
          increaseName(indicator.total.metric, windowMs),
          [LE_EMPTY, slo_],
        ),
      )} - ${sum(
        withMatchers(
          indicator.success,
          increaseName(indicator.success.metric, windowMs),
          [slo_],
        ),
      )}`;
    case 'latencyNative': {
      const name = increaseName(indicator.total.metric, windowMs);
      const le: LabelMatcher = {
        name: 'le',
        type: '=',
        value: nativeLe(indicator.latencyMs),
      };
      return `${sum(
        withMatchers(indicator.total, name, [slo_, LE_EMPTY]),
      )} - ${sum(withMatchers(indicator.total, name, [slo_, le]))}`;
    }
    default:
      return `${sum(
        withMatchers(
          indicator.metric,
          countName(indicator.metric.metric, windowMs),
          [slo_],
        ),
      )} - ${sum(
        withMatchers(
          indicator.metric,
          sumName(indicator.metric.metric, windowMs),
          [slo_],
        ),
      )}`;
  }
}

/**
 * Pyrra's `QueryErrorBudget()`: remaining error budget `((1 - t) - E) / (1 - t)` over its
 * recording rules, e.g.
 * `((1 - 0.99) - (sum(http_requests:increase4w{code=~"5..",job="x",slo="n"} or vector(0)) / sum(http_requests:increase4w{job="x",slo="n"}))) / (1 - 0.99)`.
 * @throws SloInputError for an invalid objective.
 * @public
 */
export function pyrraErrorBudgetQuery(slo: SloSource): string {
  const objective = toObjective(slo);
  const { indicator, windowMs } = objective;
  const slo_ = sloMatcher(objective);
  const budget = `(1 - ${formatPromNumber(objective.target.fraction)})`;
  let ratio: string;
  switch (indicator.type) {
    case 'ratio':
      ratio = `sum(${sel(
        withMatchers(
          indicator.errors,
          increaseName(indicator.errors.metric, windowMs),
          [slo_],
        ),
      )} or vector(0)) / sum(${sel(
        withMatchers(
          indicator.total,
          increaseName(indicator.total.metric, windowMs),
          [slo_],
        ),
      )})`;
      break;
    case 'latency':
      ratio = `1 - sum(${sel(
        withMatchers(
          indicator.success,
          increaseName(indicator.success.metric, windowMs),
          [slo_],
        ),
      )} or vector(0)) / sum(${sel(
        withMatchers(
          indicator.total,
          increaseName(indicator.total.metric, windowMs),
          [LE_EMPTY, slo_],
        ),
      )})`;
      break;
    case 'latencyNative': {
      const name = increaseName(indicator.total.metric, windowMs);
      const le: LabelMatcher = {
        name: 'le',
        type: '=',
        value: nativeLe(indicator.latencyMs),
      };
      ratio = `1 - sum(${sel(
        withMatchers(indicator.total, name, [slo_, le]),
      )} or vector(0)) / sum(${sel(
        withMatchers(indicator.total, name, [LE_EMPTY, slo_]),
      )})`;
      break;
    }
    default: {
      const count = aggregate(
        'sum',
        indicator.grouping,
        sel(
          withMatchers(
            indicator.metric,
            countName(indicator.metric.metric, windowMs),
            [slo_],
          ),
        ),
      );
      const ok = aggregate(
        'sum',
        indicator.grouping,
        sel(
          withMatchers(
            indicator.metric,
            sumName(indicator.metric.metric, windowMs),
            [slo_],
          ),
        ),
      );
      ratio = `(${count} - ${ok}) / ${count}`;
    }
  }
  return `(${budget} - (${ratio})) / ${budget}`;
}

/**
 * Pyrra's `QueryBurnrate(window, grouping)`: the recorded error ratio for one alert window, e.g.
 * `http_requests:burnrate5m{job="x",slo="name"}`; `groupingLabels` selects one group of a grouped SLO.
 * @throws SloInputError for an invalid objective, window or label name.
 * @public
 */
export function pyrraBurnrateQuery(
  slo: SloSource,
  window: string,
  groupingLabels: Readonly<Record<string, string>> = {},
): string {
  const objective = toObjective(slo);
  const windowMs = parseRange(window);
  const grouping = new Set(objective.indicator.grouping);
  const byName = new Map<string, LabelMatcher>();
  for (const m of primaryMetric(objective.indicator).matchers) {
    if (m.type === '=' && !grouping.has(m.name)) byName.set(m.name, m);
  }
  for (const [name, value] of Object.entries(groupingLabels)) {
    byName.set(name, { name, type: '=', value });
  }
  byName.set('slo', sloMatcher(objective));
  const metric = burnrateName(objective.indicator, windowMs);
  return sel({ metric, matchers: [...byName.values()] });
}
