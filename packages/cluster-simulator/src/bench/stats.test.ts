import {
  formatMs,
  latencyStats,
  median,
  percentile,
  ratio,
  renderTable,
} from './stats';

describe('bench stats', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });

  it('summarises samples without sorting the input in place', () => {
    const samples = [30, 10, 20];
    const stats = latencyStats(samples, 1, 2);
    expect(stats).toMatchObject({
      n: 3,
      errors: 1,
      timeouts: 2,
      p50: 20,
      p99: 30,
      max: 30,
      mean: 20,
    });
    expect(samples).toEqual([30, 10, 20]);
    expect(latencyStats([]).p99).toBeUndefined();
  });

  it('computes ratios and medians', () => {
    expect(ratio(500, 20)).toBe(25);
    expect(ratio(1, 0)).toBeUndefined();
    expect(ratio(undefined, 2)).toBeUndefined();
    expect(median([3, 1, 2])).toBe(2);
  });

  it('formats milliseconds and tables', () => {
    expect(formatMs(3.456)).toBe('3.46 ms');
    expect(formatMs(123.44)).toBe('123.4 ms');
    expect(formatMs(2500)).toBe('2.50 s');
    expect(formatMs(undefined)).toBe('-');
    expect(renderTable(['a', 'b'], [['xx', '1']]).split('\n')).toEqual([
      'a   b',
      '--  -',
      'xx  1',
    ]);
  });
});
