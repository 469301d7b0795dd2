import * as pkg from '../index';

describe('slo exports', () => {
  it('are re-exported from the package index', () => {
    for (const name of [
      'burnRateWindows',
      'burnRateThreshold',
      'isBurnRateRefusal',
      'errorBudget',
      'parsePromDuration',
      'formatPromDuration',
      'escapePromLabelValue',
      'labelMatchers',
      'parsePromSelector',
      'parsePyrraObjective',
      'pyrraRuleNames',
      'pyrraRuleGroups',
      'errorRatioQuery',
      'totalQuery',
      'errorsQuery',
      'pyrraErrorBudgetQuery',
      'queriesSloOrBurnRate',
      'SloInputError',
    ]) {
      expect(typeof (pkg as Record<string, unknown>)[name]).toBe('function');
    }
  });
});
