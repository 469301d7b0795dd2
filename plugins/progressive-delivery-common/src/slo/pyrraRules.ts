import { exhaustionMs } from './burnRateWindows';
import { formatGoDuration, formatPromDuration } from './promDuration';
import {
  PromSelector,
  compareStrings,
  formatLabelMatcher,
  formatPromNumber,
} from './promql';
import {
  PyrraExprOptions,
  SloSource,
  aggregate,
  burnrateExpr,
  burnrateName,
  burnrateWindowsMs,
  countName,
  increaseName,
  migrated,
  nativeLe,
  overRange,
  primaryMetric,
  sel,
  seconds,
  sortedGrouping,
  sumName,
  tiersOf,
  toObjective,
} from './pyrraExpr';
import { PyrraObjective } from './pyrraObjective';

/*
 * The recording and alerting rules Pyrra generates for a ServiceLevelObjective (`slo/rules.go`:
 * `Burnrates()` and `IncreaseRules()`), reproduced as text so the names and expressions can be
 * checked against Pyrra's and queried directly. Not covered: `performanceOverAccuracy`, the
 * `pyrra_url` annotation (needs Pyrra's external URL) and the optional generic rules' expressions.
 */

/** A Prometheus recording rule. @public */
export interface PyrraRecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

/** A Prometheus alerting rule. @public */
export interface PyrraAlertingRule {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

/** One rule of a group. @public */
export type PyrraRule = PyrraRecordingRule | PyrraAlertingRule;

/** A Prometheus rule group. @public */
export interface PyrraRuleGroup {
  name: string;
  interval: string;
  rules: PyrraRule[];
}

function commonLabels(objective: PyrraObjective): Record<string, string> {
  return { slo: objective.name, ...objective.propagatedLabels };
}

function withAnnotations(
  objective: PyrraObjective,
  rule: PyrraAlertingRule,
): PyrraAlertingRule {
  const annotations = objective.propagatedAnnotations;
  return Object.keys(annotations).length > 0
    ? { ...rule, annotations: { ...annotations } }
    : rule;
}

function equalityLabels(selector: PromSelector): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const m of selector.matchers)
    if (m.type === '=') labels[m.name] = m.value;
  return labels;
}

function without(
  labels: Record<string, string>,
  keys: Iterable<string>,
): Record<string, string> {
  const out = { ...labels };
  for (const key of keys) delete out[key];
  return out;
}

function severityOf(objective: PyrraObjective, index: number): string {
  const s = objective.alerting.severities;
  return [s.fastBurn, s.mediumBurn, s.slowBurn, s.longTermBurn][index];
}

/** The matchers of a burn-rate alert: total's matchers (regexes only when grouped) plus `slo`. */
function alertMatchers(objective: PyrraObjective): string {
  const grouping = new Set(objective.indicator.grouping);
  const parts = primaryMetric(objective.indicator)
    .matchers.filter(
      m => grouping.has(m.name) || m.type === '=' || m.type === '!=',
    )
    .map(formatLabelMatcher);
  parts.push(
    formatLabelMatcher({ name: 'slo', type: '=', value: objective.name }),
  );
  return parts.sort(compareStrings).join(',');
}

/**
 * Pyrra's `AbsentDuration()`: how long a missing metric takes to fire the fast alert,
 * `round_min(14 * (1 - t) * long_fast + for_fast)` — 10m for 99% / 28d, 6m for 99.5% / 28d.
 * @internal
 */
export function absentDurationMs(objective: PyrraObjective): number {
  const fast = tiersOf(objective)[0];
  const threshold = fast.factor * (1 - objective.target.fraction);
  const ms = Math.trunc(threshold * seconds(fast.longMs)) * 1000 + fast.forMs;
  return Math.floor((ms + 30_000) / 60_000) * 60_000;
}

/** Pyrra's `increaseInterval()`: 30s below 7d, +30s per further week, at most 4m. */
function increaseIntervalMs(windowMs: number): number {
  const week = 7 * 24 * 60 * 60 * 1000;
  const weeks = Math.floor(windowMs / week);
  return Math.min(30_000 * (weeks + 1), 240_000);
}

function burnrateGroup(
  objective: PyrraObjective,
  options?: PyrraExprOptions,
): PyrraRuleGroup {
  const tiers = tiersOf(objective);
  const { indicator } = objective;
  const recordLabels = without(
    { ...commonLabels(objective), ...equalityLabels(primaryMetric(indicator)) },
    indicator.grouping,
  );
  const rules: PyrraRule[] = burnrateWindowsMs(tiers).map(ms => ({
    record: burnrateName(indicator, ms),
    expr: burnrateExpr(objective, ms, options),
    labels: { ...recordLabels },
  }));
  if (objective.alerting.burnrates) {
    const matchers = alertMatchers(objective);
    const target = formatPromNumber(objective.target.fraction);
    const alertLabels = without(
      {
        ...commonLabels(objective),
        ...equalityLabels(primaryMetric(indicator)),
      },
      indicator.grouping,
    );
    tiers.forEach((tier, index) => {
      const threshold = `(${tier.factor.toFixed(0)} * (1-${target}))`;
      rules.push(
        withAnnotations(objective, {
          alert: objective.alerting.name,
          expr: `${burnrateName(
            indicator,
            tier.shortMs,
          )}{${matchers}} > ${threshold} and ${burnrateName(
            indicator,
            tier.longMs,
          )}{${matchers}} > ${threshold}`,
          // Pyrra prints ratio alerts' `for` with Go's time.Duration (2m0s), the others the Prometheus way (2m).
          for:
            indicator.type === 'ratio'
              ? formatGoDuration(tier.forMs)
              : formatPromDuration(tier.forMs),
          labels: {
            ...alertLabels,
            short: formatPromDuration(tier.shortMs),
            long: formatPromDuration(tier.longMs),
            severity: severityOf(objective, index),
            exhaustion: formatPromDuration(
              exhaustionMs(objective.windowMs, tier.factor),
            ),
          },
        }),
      );
    });
  }
  return { name: objective.name, interval: '30s', rules };
}

/** Labels that only the errors (or success) selector has, minus `le` (Pyrra's `groupingLabels`). */
function extraLabels(errors: PromSelector, total: PromSelector): string[] {
  const totalNames = new Set(total.matchers.map(m => m.name));
  return errors.matchers
    .map(m => m.name)
    .filter(name => !totalNames.has(name) && name !== 'le');
}

function regexLabels(selector: PromSelector): string[] {
  return selector.matchers
    .filter(m => m.type === '=~' || m.type === '!~')
    .map(m => m.name);
}

function absentRule(
  objective: PyrraObjective,
  selector: PromSelector,
  labels: Record<string, string>,
): PyrraAlertingRule {
  return withAnnotations(objective, {
    alert: objective.alerting.absentName,
    expr: `absent(${sel(selector)}) == 1`,
    for: formatPromDuration(absentDurationMs(objective)),
    labels: { ...labels, severity: objective.alerting.severities.absent },
  });
}

function increaseGroup(
  objective: PyrraObjective,
  options?: PyrraExprOptions,
): PyrraRuleGroup {
  const { indicator, windowMs } = objective;
  const absent = objective.alerting.absent;
  const rules: PyrraRule[] = [];
  const base = {
    ...commonLabels(objective),
    ...equalityLabels(primaryMetric(indicator)),
  };

  switch (indicator.type) {
    case 'ratio': {
      const grouping = sortedGrouping([
        ...indicator.grouping,
        ...extraLabels(indicator.errors, indicator.total),
        ...regexLabels(indicator.total),
      ]);
      const labels = without(base, grouping);
      const increase = (selector: PromSelector) =>
        aggregate('sum', grouping, overRange('increase', selector, windowMs));
      rules.push({
        record: increaseName(indicator.total.metric, windowMs),
        expr: increase(indicator.total),
        labels: { ...labels },
      });
      if (absent) rules.push(absentRule(objective, indicator.total, labels));
      if (indicator.errors.metric !== indicator.total.metric) {
        rules.push({
          record: increaseName(indicator.errors.metric, windowMs),
          expr: increase(indicator.errors),
          labels: { ...labels },
        });
        if (absent) rules.push(absentRule(objective, indicator.errors, labels));
      }
      break;
    }
    case 'latency': {
      const grouping = sortedGrouping([
        ...indicator.grouping,
        ...extraLabels(indicator.success, indicator.total),
        ...regexLabels(indicator.total),
      ]);
      const labels = without(base, grouping);
      const le =
        indicator.success.matchers.find(m => m.name === 'le')?.value ?? '';
      const labelsLe = { le, ...labels };
      const total = migrated(indicator.total, options);
      const success = migrated(indicator.success, options);
      const increase = (selector: PromSelector) =>
        aggregate('sum', grouping, overRange('increase', selector, windowMs));
      rules.push(
        {
          record: increaseName(indicator.total.metric, windowMs),
          expr: increase(total),
          labels: { ...labels },
        },
        {
          record: increaseName(indicator.success.metric, windowMs),
          expr: increase(success),
          labels: { ...labelsLe },
        },
      );
      if (absent) {
        rules.push(
          absentRule(objective, total, labels),
          absentRule(objective, success, labelsLe),
        );
      }
      break;
    }
    case 'latencyNative': {
      const sum = aggregate(
        'sum',
        indicator.grouping,
        overRange('increase', indicator.total, windowMs),
      );
      const record = increaseName(indicator.total.metric, windowMs);
      rules.push(
        { record, expr: `histogram_count(${sum})`, labels: { ...base } },
        {
          record,
          expr: `histogram_fraction(0, ${formatPromNumber(
            seconds(indicator.latencyMs),
          )}, ${sum}) * histogram_count(${sum})`,
          labels: { ...base, le: nativeLe(indicator.latencyMs) },
        },
      );
      break;
    }
    default: {
      // From a CRD, Prometheus' parser adds a __name__ matcher to the selector, and Pyrra groups
      // bool gauges by every matcher's label name, so __name__ is part of the grouping.
      const grouping = sortedGrouping([
        ...indicator.grouping,
        '__name__',
        ...indicator.metric.matchers.map(m => m.name),
      ]);
      const labels = without(base, grouping);
      rules.push(
        {
          record: countName(indicator.metric.metric, windowMs),
          expr: aggregate(
            'sum',
            grouping,
            overRange('count_over_time', indicator.metric, windowMs),
          ),
          labels: { ...labels },
        },
        {
          record: sumName(indicator.metric.metric, windowMs),
          expr: aggregate(
            'sum',
            grouping,
            overRange('sum_over_time', indicator.metric, windowMs),
          ),
          labels: { ...labels },
        },
      );
      if (absent) rules.push(absentRule(objective, indicator.metric, labels));
    }
  }
  return {
    name: `${objective.name}-increase`,
    interval: formatPromDuration(increaseIntervalMs(windowMs)),
    rules,
  };
}

/**
 * The two rule groups Pyrra's Kubernetes controller generates for an objective, in its order:
 * `<name>-increase` (the increase over the whole window and the absent alerts) and `<name>`
 * (burn-rate recording rules every 30s and, unless disabled, the four multi-window alerts).
 * `pyrra.dev/*` labels and annotations of the objective are propagated like Pyrra does.
 * @throws SloInputError for an invalid objective or a window too short to alert on.
 * @public
 */
export function pyrraRuleGroups(
  slo: SloSource,
  options?: PyrraExprOptions,
): PyrraRuleGroup[] {
  const objective = toObjective(slo);
  return [increaseGroup(objective, options), burnrateGroup(objective, options)];
}
