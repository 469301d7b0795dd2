import { formatPromDuration } from './promDuration';
import {
  SloSource,
  burnrateName,
  burnrateWindowsMs,
  countName,
  increaseName,
  parseRange,
  sumName,
  tiersOf,
  toObjective,
} from './pyrraExpr';
import { PyrraObjective } from './pyrraObjective';

/*
 * The names of the rule groups, recording rules and alerts Pyrra generates for an objective
 * (`slo/rules.go`: `BurnrateName`, `increaseName`, `countName`/`sumName`, `GenericRules`), so the
 * backend can query Pyrra's series and the UI can recognise them.
 */

/** Names of the series Pyrra records for an objective. @public */
export interface PyrraRuleNames {
  /** Value of the `slo` label on every generated series (the objective's `metadata.name`). */
  slo: string;
  groups: { burnrates: string; increase: string; generic: string };
  /** One recording rule per distinct short/long alert window, shortest first. */
  burnrates: Array<{ window: string; record: string }>;
  /**
   * Recording rules of the `-increase` group over the whole window: `<m>:increase<W>` (ratio,
   * latency, latencyNative; a second name when the errors metric differs), or `<g>:count<W>` and
   * `<g>:sum<W>` for bool gauges.
   */
  increase: string[];
  alert: string;
  absentAlert: string;
  /** Series of the optional `-generic` group (Pyrra's `--generic-rules`). */
  generic: {
    objective: 'pyrra_objective';
    window: 'pyrra_window';
    availability: 'pyrra_availability';
    requests: 'pyrra_requests:rate5m';
    errors: 'pyrra_errors:rate5m';
  };
}

const GENERIC_RULES = {
  objective: 'pyrra_objective',
  window: 'pyrra_window',
  availability: 'pyrra_availability',
  requests: 'pyrra_requests:rate5m',
  errors: 'pyrra_errors:rate5m',
} as const;

function increaseNames(objective: PyrraObjective): string[] {
  const { indicator, windowMs } = objective;
  switch (indicator.type) {
    case 'ratio':
      return [
        ...new Set([
          increaseName(indicator.total.metric, windowMs),
          increaseName(indicator.errors.metric, windowMs),
        ]),
      ];
    case 'latency':
      return [
        ...new Set([
          increaseName(indicator.total.metric, windowMs),
          increaseName(indicator.success.metric, windowMs),
        ]),
      ];
    case 'latencyNative':
      return [increaseName(indicator.total.metric, windowMs)];
    default:
      return [
        countName(indicator.metric.metric, windowMs),
        sumName(indicator.metric.metric, windowMs),
      ];
  }
}

/**
 * The names Pyrra gives the rules and series it generates for an objective.
 * @throws SloInputError for an invalid objective or a window too short to alert on.
 * @public
 */
export function pyrraRuleNames(slo: SloSource): PyrraRuleNames {
  const objective = toObjective(slo);
  const windows = burnrateWindowsMs(tiersOf(objective));
  return {
    slo: objective.name,
    groups: {
      burnrates: objective.name,
      increase: `${objective.name}-increase`,
      generic: `${objective.name}-generic`,
    },
    burnrates: windows.map(ms => ({
      window: formatPromDuration(ms),
      record: burnrateName(objective.indicator, ms),
    })),
    increase: increaseNames(objective),
    alert: objective.alerting.name,
    absentAlert: objective.alerting.absentName,
    generic: { ...GENERIC_RULES },
  };
}

/**
 * `<metric>:burnrate<window>` for any window, e.g. `http_requests:burnrate5m`.
 * @throws SloInputError for an invalid objective or window.
 * @public
 */
export function burnrateRecordName(slo: SloSource, window: string): string {
  return burnrateName(toObjective(slo).indicator, parseRange(window));
}
