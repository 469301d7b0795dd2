import {
  SCORECARD_LEVELS,
  ScorecardCheck,
  ScorecardCheckId,
  ScorecardLevel,
  ScorecardLevelRule,
} from '../api/scorecard';

const BRONZE: ScorecardCheckId[] = ['runs-as-rollout', 'strategy-with-steps'];
const SILVER: ScorecardCheckId[] = [
  ...BRONZE,
  'automated-analysis',
  'safe-first-step',
  'fast-rollback',
  'no-unguarded-manual-pause',
];
const GOLD: ScorecardCheckId[] = [
  ...SILVER,
  'slo-exists',
  'analysis-gated-on-slo',
  'error-budget-healthy',
  'pre-traffic-testing',
];

/**
 * The maturity levels, lowest first. A level is reached when every check it lists passes or
 * does not apply, and the level below it is reached too.
 * @public
 */
export const SCORECARD_LEVEL_RULES: ScorecardLevelRule[] = [
  {
    level: 'bronze',
    requires: BRONZE,
    description:
      'Bronze: every workload runs as an Argo Rollout whose strategy releases the new version in stages (canary steps, or a gated blue-green promotion).',
  },
  {
    level: 'silver',
    requires: SILVER,
    description:
      'Silver: bronze, plus automated analysis, a small first step, a fast rollback (the previous version kept up after promotion) and no manual pause that releases traffic without an analysis watching.',
  },
  {
    level: 'gold',
    requires: GOLD,
    description:
      'Gold: silver, plus a Pyrra SLO next to every rollout, analysis gated on the SLO or its burn rate, a healthy error budget, and testing of the new version before it gets user traffic.',
  },
];

/** Checks that count: pass or fail, not `n/a`. @public */
export function scorecardScore(checks: Array<Pick<ScorecardCheck, 'result'>>): {
  passed: number;
  applicable: number;
} {
  const applicable = checks.filter(c => c.result !== 'n/a').length;
  const passed = checks.filter(c => c.result === 'pass').length;
  return { passed, applicable };
}

/**
 * The level of an entity from its checks: the highest level whose checks (and those of every
 * level below) all pass or are `n/a`. A check missing from `checks` counts as failed. An entity
 * where no check applies (nothing of it runs in any cluster) is `none`.
 * @public
 */
export function scorecardLevel(
  checks: Array<Pick<ScorecardCheck, 'id' | 'result'>>,
  rules: ScorecardLevelRule[] = SCORECARD_LEVEL_RULES,
): ScorecardLevel {
  if (checks.every(c => c.result === 'n/a')) return 'none';
  const results = new Map(checks.map(c => [c.id, c.result]));
  const ordered = [...rules].sort(
    (a, b) =>
      SCORECARD_LEVELS.indexOf(a.level) - SCORECARD_LEVELS.indexOf(b.level),
  );
  let level: ScorecardLevel = 'none';
  for (const rule of ordered) {
    const met = rule.requires.every(id => {
      const result = results.get(id);
      return result === 'pass' || result === 'n/a';
    });
    if (!met) break;
    level = rule.level;
  }
  return level;
}
