import { emptyScorecardOutcomes } from './emptyOutcomes';

describe('emptyScorecardOutcomes', () => {
  it('spans the days up to now, with zero counts and no rates', () => {
    const outcomes = emptyScorecardOutcomes(
      30,
      new Date('2026-11-26T10:00:00.000Z'),
    );
    expect(outcomes.window).toEqual({
      days: 30,
      from: '2026-10-27T10:00:00.000Z',
      to: '2026-11-26T10:00:00.000Z',
    });
    expect(outcomes).toMatchObject({
      rolloutsStarted: 0,
      rolloutsCompleted: 0,
      rolloutsAborted: 0,
      medianTimeToPromoteSeconds: null,
      p90TimeToPromoteSeconds: null,
      analysisRuns: { total: 0, failed: 0 },
      analysisFailureRate: null,
      actions: { portal: 0, elsewhere: 0 },
    });
  });

  it('answers a new object each time, so callers may change it', () => {
    const now = new Date('2026-11-26T10:00:00.000Z');
    const first = emptyScorecardOutcomes(7, now);
    first.analysisRuns.total = 3;
    expect(emptyScorecardOutcomes(7, now).analysisRuns.total).toBe(0);
  });
});
