import { ScorecardCheck } from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** Passing checks and checks that apply (not `n/a`). */
export function scorecardCounts(checks: ScorecardCheck[]): {
  passed: number;
  applicable: number;
} {
  return {
    passed: checks.filter(c => c.result === 'pass').length,
    applicable: checks.filter(c => c.result !== 'n/a').length,
  };
}
