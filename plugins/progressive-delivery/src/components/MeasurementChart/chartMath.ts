/** First number in a measurement value such as `[0.99]`, `0.99` or `{"a": 3}`. */
export function parseMeasurementValue(value?: string): number | undefined {
  if (value === undefined) return undefined;
  const match = /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(value);
  return match ? Number(match[0]) : undefined;
}

/** The constant a condition compares with, e.g. `result[0] >= 0.95` → 0.95. */
export function conditionThreshold(condition?: string): number | undefined {
  if (!condition) return undefined;
  const match = /(?:>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)/.exec(condition);
  return match ? Number(match[1]) : undefined;
}

/** A padded [min, max] domain that contains every value. */
export function domainOf(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    return [min - pad, max + pad];
  }
  const pad = (max - min) * 0.1;
  min -= pad;
  max += pad;
  return [min, max];
}
