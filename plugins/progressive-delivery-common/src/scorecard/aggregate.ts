import {
  SCORECARD_LEVELS,
  ScorecardLevel,
  ScorecardSummary,
} from '../api/scorecard';

/** What the organisation view groups entities by: their owner (team) or their system. @public */
export type ScorecardGrouping = 'owner' | 'system';

/** Entities sharing an owner or a system, with their aggregate score. @public */
export interface ScorecardGroup {
  /** The owner or system entity ref; `''` for the entities that have none. */
  key: string;
  /** 1 for the best group; groups that tie on every measure share a rank (1, 1, 3). */
  rank: number;
  entityRefs: string[];
  /** How many entities are at each level. */
  levels: Record<ScorecardLevel, number>;
  /** Mean of the level index (none 0, bronze 1, silver 2, gold 3). */
  meanLevel: number;
  /** Mean of passed / applicable over entities with an applicable check; null without any. */
  meanPassRatio: number | null;
  /** Mean trend (change in passed checks over the window) over entities with one; null without. */
  meanTrend: number | null;
}

/** Position of a level in `SCORECARD_LEVELS`: none 0 … gold 3. @public */
export function scorecardLevelIndex(level: ScorecardLevel): number {
  return Math.max(0, SCORECARD_LEVELS.indexOf(level));
}

/** passed / applicable, or null when no check applies. @public */
export function scorecardPassRatio(
  summary: Pick<ScorecardSummary, 'passed' | 'applicable'>,
): number | null {
  return summary.applicable > 0 ? summary.passed / summary.applicable : null;
}

function mean(values: number[]): number | null {
  return values.length === 0
    ? null
    : values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Descending, nulls last. */
function compareDesc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/**
 * Best first: higher level, then higher pass ratio, then better trend, then by entity ref so the
 * order is stable. @public
 */
export function compareScorecards(
  a: ScorecardSummary,
  b: ScorecardSummary,
): number {
  return (
    compareDesc(scorecardLevelIndex(a.level), scorecardLevelIndex(b.level)) ||
    compareDesc(scorecardPassRatio(a), scorecardPassRatio(b)) ||
    compareDesc(a.trend, b.trend) ||
    a.entityRef.localeCompare(b.entityRef)
  );
}

function compareGroupScores(a: ScorecardGroup, b: ScorecardGroup): number {
  return (
    compareDesc(a.meanLevel, b.meanLevel) ||
    compareDesc(a.meanPassRatio, b.meanPassRatio) ||
    compareDesc(a.meanTrend, b.meanTrend)
  );
}

function emptyLevels(): Record<ScorecardLevel, number> {
  return Object.fromEntries(SCORECARD_LEVELS.map(l => [l, 0])) as Record<
    ScorecardLevel,
    number
  >;
}

/**
 * Groups entities by owner or system and ranks the groups: by mean level, then mean pass ratio,
 * then mean trend (best first); groups without an owner/system form the group `''`.
 * @public
 */
export function groupScorecards(
  entities: ScorecardSummary[],
  by: ScorecardGrouping,
): ScorecardGroup[] {
  const members = new Map<string, ScorecardSummary[]>();
  for (const entity of entities) {
    const key = entity[by] ?? '';
    const list = members.get(key) ?? [];
    list.push(entity);
    members.set(key, list);
  }
  const groups: ScorecardGroup[] = [...members.entries()].map(([key, list]) => {
    const levels = emptyLevels();
    for (const e of list) levels[e.level] += 1;
    return {
      key,
      rank: 0,
      entityRefs: list.map(e => e.entityRef).sort(),
      levels,
      meanLevel: mean(list.map(e => scorecardLevelIndex(e.level))) ?? 0,
      meanPassRatio: mean(
        list.map(scorecardPassRatio).filter((r): r is number => r !== null),
      ),
      meanTrend: mean(
        list.map(e => e.trend).filter((t): t is number => t !== null),
      ),
    };
  });
  groups.sort(
    (a, b) =>
      compareGroupScores(a, b) ||
      // The unnamed group goes after named ones on a tie; names alphabetically.
      Number(a.key === '') - Number(b.key === '') ||
      a.key.localeCompare(b.key),
  );
  groups.forEach((group, i) => {
    const previous = groups[i - 1];
    group.rank =
      previous && compareGroupScores(previous, group) === 0
        ? previous.rank
        : i + 1;
  });
  return groups;
}
