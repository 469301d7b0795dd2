import {
  SCORECARD_LEVELS,
  ScorecardCheck,
  ScorecardLevel,
  ScorecardLevelRule,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** Where an entity stands: the rule it meets, the next rule, and the failing checks in the way. */
export interface LevelProgress {
  current?: ScorecardLevelRule;
  next?: ScorecardLevelRule;
  /** Checks the next level requires that fail now. */
  blocking: ScorecardCheck[];
}

export function levelProgress(
  level: ScorecardLevel,
  rules: ScorecardLevelRule[],
  checks: ScorecardCheck[] = [],
): LevelProgress {
  const index = SCORECARD_LEVELS.indexOf(level);
  const byLevel = (l: ScorecardLevel | undefined) =>
    rules.find(rule => rule.level === l);
  const current = byLevel(level);
  const next = byLevel(SCORECARD_LEVELS[index + 1]);
  const blocking = next
    ? checks.filter(c => c.result === 'fail' && next.requires.includes(c.id))
    : [];
  return { current, next, blocking };
}

export const LEVEL_LABELS: Record<ScorecardLevel, string> = {
  none: 'No level',
  bronze: 'Bronze',
  silver: 'Silver',
  gold: 'Gold',
};
