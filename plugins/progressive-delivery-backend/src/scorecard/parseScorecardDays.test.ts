import { InputError } from '@backstage/errors';
import { parseScorecardDays } from './parseScorecardDays';

describe('parseScorecardDays', () => {
  it('defaults to 30 and accepts 1 to 90', () => {
    expect(parseScorecardDays(undefined)).toBe(30);
    expect(parseScorecardDays('1')).toBe(1);
    expect(parseScorecardDays('7')).toBe(7);
    expect(parseScorecardDays('090')).toBe(90);
  });

  it.each([
    ['0'],
    ['91'],
    ['365'],
    ['-1'],
    ['1.5'],
    ['7d'],
    [''],
    [' 7'],
    ['1e1'],
    ['0x10'],
    ['10000'],
    [['7', '8']],
    [{ n: '7' }],
  ])('refuses %j with a 400', value => {
    expect(() => parseScorecardDays(value)).toThrow(InputError);
    expect(() => parseScorecardDays(value)).toThrow(/1 to 90/);
  });
});
