import {
  SCORECARD_CHECK_IDS,
  ScorecardCheck,
  ScorecardLevel,
  scorecardLevel,
  scorecardScore,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { SCORECARD_CHECKS } from './checks';
import { ScorecardInput } from './types';

export interface ScorecardEvaluation {
  checks: ScorecardCheck[];
  level: ScorecardLevel;
  passed: number;
  applicable: number;
}

/** Runs every check over an entity's objects, in the order of SCORECARD_CHECK_IDS. */
export function evaluateScorecard(input: ScorecardInput): ScorecardEvaluation {
  const checks = SCORECARD_CHECK_IDS.map(id => SCORECARD_CHECKS[id](input));
  return { checks, level: scorecardLevel(checks), ...scorecardScore(checks) };
}
