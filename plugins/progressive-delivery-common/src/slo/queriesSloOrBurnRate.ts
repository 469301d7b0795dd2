/*
 * Recognises AnalysisTemplate queries that gate a rollout on an SLO: queries over Pyrra's recording
 * rules (`<m>:burnrate5m`, `<m>:increase4w`, `<g>:count1w`, `pyrra_availability`, ...), over
 * Sloth-style SLO series (`slo:sli_error:ratio_rate5m`, `slo:current_burn_rate:ratio`, ...), or over
 * Pyrra's `ErrorBudgetBurn` alerts.
 */

const DURATION = '(?:[0-9]+(?:y|w|d|h|ms|m|s))+';
const PYRRA_RECORDING = new RegExp(
  `[a-zA-Z_:][a-zA-Z0-9_:]*:(?:burnrate|increase|count|sum)${DURATION}(?![a-zA-Z0-9_:])`,
);
// (?:^|[^…]) instead of a lookbehind, for older browsers.
const PYRRA_GENERIC =
  /(?:^|[^a-zA-Z0-9_:])pyrra_(?:availability|objective|window|requests:rate5m|errors:rate5m)(?![a-zA-Z0-9_:])/;
const SLOTH_STYLE =
  /(?:^|[^a-zA-Z0-9_:])slo:(?:sli_error|error_budget|current_burn_rate|period_burn_rate|period_error_budget_remaining|objective)[a-zA-Z0-9_:]*/;
const BURN_ALERT =
  /\bALERTS(?:_FOR_STATE)?\s*\{[^}]*alertname\s*=~?\s*["'`][^"'`]*ErrorBudgetBurn/;
const STRINGS = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;

/**
 * True when a PromQL query (e.g. an Argo Rollouts AnalysisTemplate metric) reads Pyrra recording
 * rules or other burn-rate / error-budget series, so the UI can say the canary is gated on the error
 * budget. Text inside string literals (label values) is ignored, except for `ALERTS{alertname=...}`
 * on Pyrra's `ErrorBudgetBurn` alert.
 * @public
 */
export function queriesSloOrBurnRate(promql: string): boolean {
  if (typeof promql !== 'string' || promql === '') return false;
  if (BURN_ALERT.test(promql)) return true;
  const code = promql.replace(STRINGS, '""');
  return (
    PYRRA_RECORDING.test(code) ||
    PYRRA_GENERIC.test(code) ||
    SLOTH_STYLE.test(code)
  );
}
