import { ScorecardSummary } from '../api/scorecard';
import {
  compareScorecards,
  groupScorecards,
  scorecardLevelIndex,
  scorecardPassRatio,
} from './aggregate';

function summary(overrides: Partial<ScorecardSummary>): ScorecardSummary {
  return {
    entityRef: 'component:default/checkout',
    level: 'bronze',
    passed: 2,
    applicable: 4,
    results: {},
    trend: null,
    outcomes: {} as ScorecardSummary['outcomes'],
    ...overrides,
  };
}

describe('scorecardPassRatio and scorecardLevelIndex', () => {
  it('divides passed by applicable, null when nothing applies', () => {
    expect(scorecardPassRatio({ passed: 3, applicable: 4 })).toBe(0.75);
    expect(scorecardPassRatio({ passed: 0, applicable: 0 })).toBeNull();
    expect(scorecardLevelIndex('none')).toBe(0);
    expect(scorecardLevelIndex('gold')).toBe(3);
  });
});

describe('compareScorecards', () => {
  it('orders by level, then pass ratio, then trend, then name', () => {
    const sorted = [
      summary({ entityRef: 'a', level: 'bronze', passed: 4, applicable: 4 }),
      summary({ entityRef: 'b', level: 'silver', passed: 5, applicable: 10 }),
      summary({ entityRef: 'c', level: 'silver', passed: 6, applicable: 10 }),
      summary({
        entityRef: 'd',
        level: 'silver',
        passed: 6,
        applicable: 10,
        trend: 2,
      }),
      summary({ entityRef: 'e', level: 'none', passed: 0, applicable: 0 }),
      summary({ entityRef: 'f', level: 'none', passed: 0, applicable: 3 }),
    ].sort(compareScorecards);
    expect(sorted.map(s => s.entityRef)).toEqual([
      'd',
      'c',
      'b',
      'a',
      'f',
      'e',
    ]);
  });
});

describe('groupScorecards', () => {
  const entities = [
    summary({
      entityRef: 'component:default/checkout',
      owner: 'group:default/team-checkout',
      system: 'system:default/storefront',
      level: 'gold',
      passed: 10,
      applicable: 10,
      trend: 2,
    }),
    summary({
      entityRef: 'component:default/cart',
      owner: 'group:default/team-checkout',
      system: 'system:default/storefront',
      level: 'bronze',
      passed: 3,
      applicable: 6,
      trend: null,
    }),
    summary({
      entityRef: 'component:default/payments',
      owner: 'group:default/team-payments',
      system: 'system:default/storefront',
      level: 'silver',
      passed: 7,
      applicable: 10,
      trend: -1,
    }),
    summary({
      entityRef: 'component:default/orphan',
      level: 'none',
      passed: 0,
      applicable: 0,
      trend: 0,
    }),
  ];

  it('aggregates level distribution, mean pass ratio and mean trend per owner', () => {
    const groups = groupScorecards(entities, 'owner');
    expect(groups.map(g => g.key)).toEqual([
      'group:default/team-checkout',
      'group:default/team-payments',
      '',
    ]);
    const checkout = groups[0];
    expect(checkout.entityRefs).toEqual([
      'component:default/cart',
      'component:default/checkout',
    ]);
    expect(checkout.levels).toEqual({ none: 0, bronze: 1, silver: 0, gold: 1 });
    expect(checkout.meanLevel).toBe(2);
    expect(checkout.meanPassRatio).toBe(0.75);
    // cart has no trend: only checkout's counts.
    expect(checkout.meanTrend).toBe(2);
    // No applicable check anywhere in the group: no ratio rather than 0.
    expect(groups[2].meanPassRatio).toBeNull();
    expect(groups.map(g => g.rank)).toEqual([1, 2, 3]);
  });

  it('breaks level ties by pass ratio, then trend, and shares ranks on a full tie', () => {
    const groups = groupScorecards(
      [
        summary({
          entityRef: 'x1',
          owner: 'group:default/a',
          passed: 1,
          applicable: 4,
        }),
        summary({
          entityRef: 'x2',
          owner: 'group:default/b',
          passed: 3,
          applicable: 4,
        }),
        summary({
          entityRef: 'x3',
          owner: 'group:default/c',
          passed: 3,
          applicable: 4,
          trend: 1,
        }),
        summary({
          entityRef: 'x4',
          owner: 'group:default/d',
          passed: 3,
          applicable: 4,
          trend: 1,
        }),
      ],
      'owner',
    );
    expect(groups.map(g => [g.key, g.rank])).toEqual([
      ['group:default/c', 1],
      ['group:default/d', 1],
      ['group:default/b', 3],
      ['group:default/a', 4],
    ]);
  });

  it('groups by system', () => {
    const groups = groupScorecards(entities, 'system');
    expect(groups.map(g => [g.key, g.entityRefs.length])).toEqual([
      ['system:default/storefront', 3],
      ['', 1],
    ]);
    expect(groupScorecards([], 'system')).toEqual([]);
  });
});
