export { SloInputError } from './errors';
export {
  MAX_PROM_DURATION_MS,
  PROM_DURATION_UNITS_MS,
  formatGoDuration,
  formatPromDuration,
  normalizePromDuration,
  parsePromDuration,
  tryParsePromDuration,
} from './promDuration';
export type { SloTarget } from './target';
export { parseSloTarget } from './target';
export type {
  BurnRateSeverity,
  BurnRateTier,
  BurnRateWindowsRefusal,
  BurnRateWindowsResult,
} from './burnRateWindows';
export {
  MIN_ALERTING_WINDOW_MS,
  burnRateThreshold,
  burnRateWindows,
  exhaustionMs,
  isBurnRateRefusal,
} from './burnRateWindows';
export type {
  ErrorBudget,
  ErrorBudgetInput,
  ErrorBudgetStatus,
} from './errorBudget';
export { errorBudget } from './errorBudget';
export type { LabelMatchType, LabelMatcher, PromSelector } from './promql';
export {
  assertLabelName,
  assertMetricName,
  escapePromLabelValue,
  escapePromRegex,
  formatGoFloatG,
  formatLabelMatcher,
  formatLabelMatchers,
  formatPromNumber,
  formatSelector,
  isValidLabelName,
  isValidMetricName,
  labelMatchers,
  quotePromString,
} from './promql';
export { parsePromSelector } from './selector';
export type {
  PyrraAlerting,
  PyrraIndicator,
  PyrraIndicatorType,
  PyrraObjective,
} from './pyrraObjective';
export { parsePyrraObjective } from './pyrraObjective';
export type { PyrraExprOptions, SloSource } from './pyrraExpr';
export type { PyrraRuleNames } from './pyrraRuleNames';
export { burnrateRecordName, pyrraRuleNames } from './pyrraRuleNames';
export type {
  PyrraAlertingRule,
  PyrraRecordingRule,
  PyrraRule,
  PyrraRuleGroup,
} from './pyrraRules';
export { pyrraRuleGroups } from './pyrraRules';
export {
  errorRatioQuery,
  errorsQuery,
  pyrraBurnrateQuery,
  pyrraErrorBudgetQuery,
  pyrraErrorsQuery,
  pyrraTotalQuery,
  totalQuery,
} from './pyrraQueries';
export { queriesSloOrBurnRate } from './queriesSloOrBurnRate';
