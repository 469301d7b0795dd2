import {
  BurnRateTier,
  burnRateThreshold,
  burnRateWindows,
  isBurnRateRefusal,
} from './burnRateWindows';
import { SloInputError } from './errors';

function windows(window: string): BurnRateTier[] {
  const result = burnRateWindows(window);
  if (isBurnRateRefusal(result)) throw new Error(result.error);
  return result;
}

/** Short/long/for per tier, plus the factors, severities and exhaustion labels. */
function summary(window: string) {
  const tiers = windows(window);
  return {
    windows: tiers.map(t => [t.short, t.long, t.for]),
    factors: tiers.map(t => t.factor),
    severities: tiers.map(t => t.severity),
    exhaustion: tiers.map(t => t.exhaustion),
  };
}

const FACTORS = [14, 7, 2, 1];
const SEVERITIES = ['critical', 'critical', 'warning', 'warning'];

describe('burnRateWindows (Pyrra slo.Windows)', () => {
  it('reproduces Pyrra Test_windows for 28d', () => {
    expect(windows('28d')).toEqual([
      {
        severity: 'critical',
        factor: 14,
        short: '5m',
        long: '1h',
        for: '2m',
        exhaustion: '2d',
      },
      {
        severity: 'critical',
        factor: 7,
        short: '30m',
        long: '6h',
        for: '15m',
        exhaustion: '4d',
      },
      {
        severity: 'warning',
        factor: 2,
        short: '2h',
        long: '1d',
        for: '1h',
        exhaustion: '2w',
      },
      {
        severity: 'warning',
        factor: 1,
        short: '6h',
        long: '4d',
        for: '3h',
        exhaustion: '4w',
      },
    ]);
    expect(windows('4w')).toEqual(windows('28d'));
  });

  it('reproduces Pyrra for 14d (2w)', () => {
    expect(summary('14d')).toEqual({
      windows: [
        ['3m', '30m', '1m'],
        ['15m', '3h', '8m'],
        ['1h', '12h', '30m'],
        ['3h', '2d', '1h30m'],
      ],
      factors: FACTORS,
      severities: SEVERITIES,
      exhaustion: ['1d', '2d', '1w', '2w'],
    });
    expect(windows('2w')).toEqual(windows('14d'));
  });

  it('reproduces Pyrra for 7d (1w)', () => {
    expect(summary('7d')).toEqual({
      windows: [
        ['1m', '15m', '1m'],
        ['8m', '1h30m', '4m'],
        ['30m', '6h', '15m'],
        ['1h30m', '1d', '45m'],
      ],
      factors: FACTORS,
      severities: SEVERITIES,
      exhaustion: ['12h', '1d', '3d12h', '1w'],
    });
  });

  it('reproduces Pyrra for 30d, rounding to the minute', () => {
    expect(summary('30d')).toEqual({
      windows: [
        ['5m', '1h4m', '2m'],
        ['32m', '6h26m', '16m'],
        ['2h9m', '1d1h43m', '1h4m'],
        ['6h26m', '4d6h51m', '3h13m'],
      ],
      factors: FACTORS,
      severities: SEVERITIES,
      exhaustion: ['2d3h25m42s', '4d6h51m25s', '15d', '30d'],
    });
  });

  it('refuses windows whose fast short window rounds to 0s', () => {
    for (const window of ['1d', '2d', '2d19h11m']) {
      const result = burnRateWindows(window);
      expect(isBurnRateRefusal(result)).toBe(true);
      if (!isBurnRateRefusal(result)) return;
      expect(result.reason).toBe('window-too-short');
      expect(result.minimumWindow).toBe('2d19h12m');
      expect(result.error).toContain(`SLO window ${window} is too short`);
    }
  });

  it('accepts the minimum window, whose fast tier fires without `for`', () => {
    const [fast] = windows('2d19h12m');
    expect(fast).toMatchObject({ short: '1m', for: '0s' });
  });

  it('refuses invalid windows with a reason', () => {
    for (const window of ['', '28 days', '-1d', '4d3w']) {
      const result = burnRateWindows(window);
      expect(result).toMatchObject({ reason: 'invalid-window' });
    }
    expect(burnRateWindows('0')).toMatchObject({ reason: 'window-too-short' });
  });
});

describe('burnRateThreshold', () => {
  it('is factor * (1 - target) with Pyrra float steps', () => {
    const [fast, medium, slow, longTerm] = windows('28d');
    expect(burnRateThreshold(fast, 99)).toBe(14 * (1 - 0.99));
    expect(burnRateThreshold(fast, '99')).toBeCloseTo(0.14, 12);
    expect(burnRateThreshold(medium, '99.5')).toBeCloseTo(0.035, 12);
    expect(burnRateThreshold(slow, 99.9)).toBeCloseTo(0.002, 12);
    expect(burnRateThreshold(longTerm, '95.0')).toBeCloseTo(0.05, 12);
  });

  it('rejects invalid targets and factors', () => {
    expect(() => burnRateThreshold({ factor: 14 }, 100)).toThrow(SloInputError);
    expect(() => burnRateThreshold({ factor: 14 }, '0')).toThrow(SloInputError);
    expect(() => burnRateThreshold({ factor: 14 }, 'abc')).toThrow(
      SloInputError,
    );
    expect(() => burnRateThreshold({ factor: 0 }, 99)).toThrow(SloInputError);
  });
});
