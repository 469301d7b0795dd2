import { ScorecardCheckId } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ScorecardCheckFn } from '../types';
import { analysisGatedOnSlo } from './analysisGatedOnSlo';
import { automatedAnalysis } from './automatedAnalysis';
import { errorBudgetHealthy } from './errorBudgetHealthy';
import { fastRollback } from './fastRollback';
import { noUnguardedManualPause } from './noUnguardedManualPause';
import { preTrafficTesting } from './preTrafficTesting';
import { runsAsRollout } from './runsAsRollout';
import { safeFirstStep } from './safeFirstStep';
import { sloExists } from './sloExists';
import { strategyWithSteps } from './strategyWithSteps';

/** Every check, by id; evaluated in the order of SCORECARD_CHECK_IDS. */
export const SCORECARD_CHECKS: Record<ScorecardCheckId, ScorecardCheckFn> = {
  'runs-as-rollout': runsAsRollout,
  'strategy-with-steps': strategyWithSteps,
  'automated-analysis': automatedAnalysis,
  'analysis-gated-on-slo': analysisGatedOnSlo,
  'slo-exists': sloExists,
  'error-budget-healthy': errorBudgetHealthy,
  'safe-first-step': safeFirstStep,
  'pre-traffic-testing': preTrafficTesting,
  'fast-rollback': fastRollback,
  'no-unguarded-manual-pause': noUnguardedManualPause,
};
