/** Parses Go durations (`30s`, `1m30s`, `1h`, `250ms`) and IntOrString seconds into ms. */
export function parseDurationMs(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') return value * 1000;
  const s = String(value).trim();
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const units: Record<string, number> = {
    h: 3600_000,
    m: 60_000,
    s: 1000,
    ms: 1,
  };
  let total = 0;
  let matched = '';
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(m[1]) * units[m[2]];
    matched += m[0];
  }
  if (matched !== s) return undefined;
  return total;
}

export function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
