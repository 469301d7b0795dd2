/** Statistics of the outcome metrics, kept apart from the queries so they are easy to check. */

/** Rounded to milliseconds: the precision the timestamps have. */
function toMillisecondPrecision(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** Median (mean of the two middle values for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? sorted[middle]
      : (sorted[middle - 1] + sorted[middle]) / 2;
  return toMillisecondPrecision(value);
}

/** Nearest-rank percentile (`p` in (0, 100]): the smallest value with at least p% at or below it. */
export function percentile(
  values: readonly number[],
  p: number,
): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return toMillisecondPrecision(sorted[rank - 1]);
}

/** `part / whole`, null when nothing was counted. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
