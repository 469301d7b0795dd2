import { ScorecardOutcomes } from '../api/scorecard';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Outcomes of the `days` days up to `now` without any recorded history: all counts 0, rates
 * null. @public
 */
export function emptyScorecardOutcomes(
  days: number,
  now: Date,
): ScorecardOutcomes {
  return {
    window: {
      days,
      from: new Date(now.getTime() - days * DAY_MS).toISOString(),
      to: now.toISOString(),
    },
    rolloutsStarted: 0,
    rolloutsCompleted: 0,
    rolloutsAborted: 0,
    medianTimeToPromoteSeconds: null,
    p90TimeToPromoteSeconds: null,
    analysisRuns: {
      total: 0,
      successful: 0,
      failed: 0,
      errored: 0,
      inconclusive: 0,
    },
    analysisFailureRate: null,
    actions: { portal: 0, elsewhere: 0 },
  };
}
