import { median, percentile, ratio } from './outcomeMath';

describe('outcome statistics', () => {
  it('median: middle value, or the mean of the two middle values', () => {
    expect(median([])).toBeNull();
    expect(median([42])).toBe(42);
    expect(median([300, 60, 120])).toBe(120);
    expect(median([60, 120, 180, 240])).toBe(150);
    expect(median([0.1, 0.2])).toBe(0.15);
  });

  it('p90 by nearest rank', () => {
    expect(percentile([], 90)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
    const tenToHundred = [100, 10, 20, 30, 40, 50, 60, 70, 80, 90];
    expect(percentile(tenToHundred, 90)).toBe(90);
    expect(percentile([...tenToHundred, 110], 90)).toBe(100);
    expect(percentile([1, 2, 3], 100)).toBe(3);
  });

  it('ratio is null without a whole', () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
  });
});
