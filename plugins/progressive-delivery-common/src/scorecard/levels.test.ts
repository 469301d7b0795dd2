import {
  SCORECARD_CHECK_IDS,
  ScorecardCheckId,
  ScorecardCheckResult,
} from '../api/scorecard';
import { SCORECARD_CHECK_DEFINITIONS } from './checkDefinitions';
import {
  SCORECARD_LEVEL_RULES,
  scorecardLevel,
  scorecardScore,
} from './levels';

function checks(
  results: Partial<Record<ScorecardCheckId, ScorecardCheckResult>>,
  rest: ScorecardCheckResult = 'pass',
) {
  return SCORECARD_CHECK_IDS.map(id => ({ id, result: results[id] ?? rest }));
}

describe('SCORECARD_LEVEL_RULES', () => {
  it('grows level by level and covers every check exactly at gold', () => {
    const [bronze, silver, gold] = SCORECARD_LEVEL_RULES;
    expect(SCORECARD_LEVEL_RULES.map(r => r.level)).toEqual([
      'bronze',
      'silver',
      'gold',
    ]);
    expect(silver.requires).toEqual(expect.arrayContaining(bronze.requires));
    expect(gold.requires).toEqual(expect.arrayContaining(silver.requires));
    expect([...gold.requires].sort()).toEqual([...SCORECARD_CHECK_IDS].sort());
    for (const rule of SCORECARD_LEVEL_RULES) {
      expect(rule.description).toMatch(/^[A-Z][a-z]+: /);
    }
  });

  it('has a title and description for every check', () => {
    for (const id of SCORECARD_CHECK_IDS) {
      expect(SCORECARD_CHECK_DEFINITIONS[id].title).toMatch(/\S/);
      expect(SCORECARD_CHECK_DEFINITIONS[id].description).toMatch(/\S/);
    }
  });
});

describe('scorecardLevel', () => {
  it('is gold when everything passes', () => {
    expect(scorecardLevel(checks({}))).toBe('gold');
  });

  it('counts n/a as met', () => {
    expect(
      scorecardLevel(
        checks({ 'safe-first-step': 'n/a', 'error-budget-healthy': 'n/a' }),
      ),
    ).toBe('gold');
  });

  it('stops at the first level with a failing check', () => {
    expect(scorecardLevel(checks({ 'pre-traffic-testing': 'fail' }))).toBe(
      'silver',
    );
    expect(scorecardLevel(checks({ 'fast-rollback': 'fail' }))).toBe('bronze');
    expect(scorecardLevel(checks({ 'strategy-with-steps': 'fail' }))).toBe(
      'none',
    );
  });

  it('needs the level below: gold checks passing do not lift a failed silver', () => {
    expect(
      scorecardLevel(checks({ 'automated-analysis': 'fail' }, 'pass')),
    ).toBe('bronze');
    expect(scorecardLevel(checks({ 'runs-as-rollout': 'fail' }))).toBe('none');
  });

  it('is none when no check applies', () => {
    expect(scorecardLevel(checks({}, 'n/a'))).toBe('none');
    expect(scorecardLevel([])).toBe('none');
  });

  it('treats a missing check as failed', () => {
    expect(
      scorecardLevel([
        { id: 'runs-as-rollout', result: 'pass' },
        { id: 'strategy-with-steps', result: 'pass' },
      ]),
    ).toBe('bronze');
  });
});

describe('scorecardScore', () => {
  it('counts passed and applicable checks', () => {
    expect(
      scorecardScore(
        checks({ 'fast-rollback': 'fail', 'safe-first-step': 'n/a' }),
      ),
    ).toEqual({ passed: 8, applicable: 9 });
    expect(scorecardScore([])).toEqual({ passed: 0, applicable: 0 });
  });
});
