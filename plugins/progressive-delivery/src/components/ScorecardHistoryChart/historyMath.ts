import { ScorecardHistoryPoint } from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** `YYYY-MM-DD` as epoch milliseconds (UTC midnight); NaN when it is not such a date. */
export function dayTime(day: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(day)
    ? Date.parse(`${day}T00:00:00Z`)
    : Number.NaN;
}

/** An SVG path that holds each value until the next point (a step chart). */
export function stepPath(points: Array<{ x: number; y: number }>): string {
  return points
    .map((p, i) => (i === 0 ? `M${p.x},${p.y}` : `H${p.x} V${p.y}`))
    .join(' ');
}

/** The points where the level differs from the point before (and the first point). */
export function levelChanges(
  history: ScorecardHistoryPoint[],
): ScorecardHistoryPoint[] {
  return history.filter((p, i) => i === 0 || history[i - 1].level !== p.level);
}

/** The chart in words, for screen readers and the tooltip. */
export function describeHistory(history: ScorecardHistoryPoint[]): string {
  if (history.length === 0) return 'No score history';
  const first = history[0];
  const last = history[history.length - 1];
  const point = (p: ScorecardHistoryPoint) =>
    `${p.passed} of ${p.applicable} checks passing, level ${p.level}, on ${p.day}`;
  return history.length === 1
    ? `Score history: ${point(first)}`
    : `Score history: from ${point(first)} to ${point(last)}`;
}
