import {
  describeBudget,
  formatBurnRate,
  formatCount,
  formatErrorRatio,
  formatPercent,
  isDemoSlo,
  objectiveText,
  tierIsHot,
} from './sloFormat';
import { makeSlo, quietTiers } from '../../__testUtils__/slos';

describe('SLO number formats', () => {
  it('formats percentages, error ratios, burn rates and counts', () => {
    expect(formatPercent(0.99623, 3)).toBe('99.623%');
    expect(formatPercent(0.7)).toBe('70%');
    expect(formatErrorRatio(0.00123)).toBe('0.123%');
    expect(formatErrorRatio(0)).toBe('0%');
    expect(formatErrorRatio(null)).toBe('no data');
    expect(formatBurnRate(2.4567)).toBe('2.46×');
    expect(formatBurnRate(24.04)).toBe('24×');
    expect(formatBurnRate(null)).toBe('no data');
    expect(formatCount(100000.4)).toBe('100,000');
  });

  it('writes the objective the way Pyrra does', () => {
    expect(objectiveText(makeSlo())).toBe('99.5% in 4w');
    expect(
      objectiveText(
        makeSlo({ objective: { target: NaN, window: '', indicator: 'ratio' } }),
      ),
    ).toBe('no valid target in an unknown window');
  });
});

describe('describeBudget', () => {
  it('splits a budget into what is left and what is used', () => {
    expect(describeBudget(0.7)).toEqual({
      remaining: 0.7,
      consumed: expect.closeTo(0.3, 10),
      headline: '70% left',
      detail: '30% used',
      exhausted: false,
    });
  });

  it('never rounds a budget in use up to untouched', () => {
    expect(describeBudget(0.9996)).toMatchObject({
      headline: '99.9% left',
      detail: '0.1% used',
    });
  });

  it('shows an overspent budget as exhausted with the overspend', () => {
    expect(describeBudget(-0.4)).toMatchObject({
      remaining: 0,
      consumed: 1,
      headline: 'Exhausted',
      detail: 'overspent by 40% of the budget',
      exhausted: true,
    });
    expect(describeBudget(0).detail).toBe('all of the budget is used');
  });

  it('says when there is no data', () => {
    expect(describeBudget(null)).toMatchObject({
      remaining: null,
      headline: 'No data',
    });
  });
});

describe('tierIsHot and isDemoSlo', () => {
  it('flags exceeded, pending and firing tiers only', () => {
    const [tier] = quietTiers();
    expect(tierIsHot(tier)).toBe(false);
    expect(tierIsHot({ ...tier, exceeded: true })).toBe(true);
    expect(tierIsHot({ ...tier, alertState: 'pending' })).toBe(true);
    expect(tierIsHot({ ...tier, alertState: 'firing' })).toBe(true);
  });

  it('treats the demo flag or the demo source as demo data', () => {
    expect(isDemoSlo(makeSlo())).toBe(false);
    expect(isDemoSlo(makeSlo({ demo: true }))).toBe(true);
    expect(isDemoSlo(makeSlo({ source: 'demo' }))).toBe(true);
  });
});
