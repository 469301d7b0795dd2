/** Latency statistics and the printed table of the benchmark (`scripts/yarn bench`). */

export interface LatencyStats {
  /** Completed requests (2xx). */
  n: number;
  /** Requests that failed (non-2xx or network error). */
  errors: number;
  /** Requests the client abandoned after its timeout. */
  timeouts: number;
  p50?: number;
  p95?: number;
  p99?: number;
  max?: number;
  mean?: number;
}

/** Nearest-rank percentile of sorted values (`p` in 0..100). */
export function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

const round = (ms: number | undefined) =>
  ms === undefined ? undefined : Math.round(ms * 100) / 100;

export function latencyStats(
  samples: number[],
  errors = 0,
  timeouts = 0,
): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.length
    ? sorted.reduce((s, v) => s + v, 0) / sorted.length
    : undefined;
  return {
    n: sorted.length,
    errors,
    timeouts,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(mean),
  };
}

/** `a / b`, rounded; undefined when either side is missing. */
export function ratio(
  a: number | undefined,
  b: number | undefined,
): number | undefined {
  if (a === undefined || b === undefined || b === 0) return undefined;
  return Math.round((a / b) * 10) / 10;
}

export function median(values: number[]): number | undefined {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '-';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/** A plain text table with right-aligned columns except the first. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ');
  return [
    line(header),
    widths.map(w => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ].join('\n');
}
