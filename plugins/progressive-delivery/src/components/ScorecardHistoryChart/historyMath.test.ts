import {
  dayTime,
  describeHistory,
  levelChanges,
  stepPath,
} from './historyMath';

describe('historyMath', () => {
  it('parses days as UTC midnight and refuses anything else', () => {
    expect(dayTime('2026-01-02')).toBe(Date.UTC(2026, 0, 2));
    expect(dayTime('2026-01-02T10:00:00Z')).toBeNaN();
  });

  it('holds each value until the next point', () => {
    expect(
      stepPath([
        { x: 0, y: 10 },
        { x: 5, y: 4 },
        { x: 9, y: 4 },
      ]),
    ).toBe('M0,10 H5 V4 H9 V4');
  });

  it('finds level changes and describes the history', () => {
    const history = [
      { day: '2026-01-01', level: 'none' as const, passed: 0, applicable: 4 },
      { day: '2026-01-02', level: 'none' as const, passed: 1, applicable: 4 },
      { day: '2026-01-03', level: 'bronze' as const, passed: 2, applicable: 4 },
    ];
    expect(levelChanges(history).map(p => p.day)).toEqual([
      '2026-01-01',
      '2026-01-03',
    ]);
    expect(describeHistory(history)).toBe(
      'Score history: from 0 of 4 checks passing, level none, on 2026-01-01 to 2 of 4 checks passing, level bronze, on 2026-01-03',
    );
    expect(describeHistory([])).toBe('No score history');
  });
});
