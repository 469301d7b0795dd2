import { SloInputError } from './errors';
import { formatPromDuration, parsePromDuration } from './promDuration';
import { parseSloTarget } from './target';

/** Severity of a multi-window burn-rate alert tier (Pyrra's defaults). @public */
export type BurnRateSeverity = 'critical' | 'warning';

/**
 * One of Pyrra's four multi-window, multi-burn-rate alert tiers, with Prometheus duration strings
 * exactly as Pyrra prints them (`5m`, `1h4m`, `1d1h43m`).
 * @public
 */
export interface BurnRateTier {
  severity: BurnRateSeverity;
  /** Burn-rate factor: 14, 7, 2, 1. The alert threshold is `factor * (1 - target)`. */
  factor: number;
  /** Short window, e.g. `5m` for a 28d SLO. */
  short: string;
  /** Long window, e.g. `1h` for a 28d SLO. */
  long: string;
  /** How long both windows must stay above the threshold, e.g. `2m` for a 28d SLO. */
  for: string;
  /**
   * Time to exhaust the whole budget at this burn rate (`window / factor`, Pyrra's `exhaustion`
   * alert label, e.g. `2d` for the fast tier of a 28d SLO). Always set by {@link burnRateWindows}.
   */
  exhaustion?: string;
}

/** Why {@link burnRateWindows} refused a window. @public */
export interface BurnRateWindowsRefusal {
  reason: 'invalid-window' | 'window-too-short';
  /** A sentence for the UI, naming the window and what is wrong. */
  error: string;
  /** The shortest SLO window Pyrra can alert on. */
  minimumWindow: string;
}

/** What {@link burnRateWindows} returns: the four tiers, or a refusal. @public */
export type BurnRateWindowsResult = BurnRateTier[] | BurnRateWindowsRefusal;

/** Tells a refusal from the tiers. @public */
export function isBurnRateRefusal(
  result: BurnRateWindowsResult,
): result is BurnRateWindowsRefusal {
  return !Array.isArray(result);
}

/** A tier in milliseconds, before formatting. @internal */
export interface BurnRateTierMs {
  severity: BurnRateSeverity;
  factor: number;
  shortMs: number;
  longMs: number;
  forMs: number;
}

/*
 * Pyrra's `slo.Windows(sloWindow)`: every window is the SLO window divided by a constant chosen so a
 * 28d SLO gets the SRE-workbook windows (5m/1h, 30m/6h, 2h/1d, 6h/4d), divided in int64
 * nanoseconds and rounded to the minute (half away from zero).
 */
const TIERS: ReadonlyArray<{
  severity: BurnRateSeverity;
  factor: number;
  short: number;
  long: number;
  for: number;
}> = [
  // 28 * 24 * (60/5), 28 * 24, 28 * 24 * (60/2)
  { severity: 'critical', factor: 14, short: 8064, long: 672, for: 20160 },
  // 28 * 24 * (60/30), 28 * (24/6), 28 * 24 * (60/15)
  { severity: 'critical', factor: 7, short: 1344, long: 112, for: 2688 },
  // 28 * (24/2), 28, 28 * 24
  { severity: 'warning', factor: 2, short: 336, long: 28, for: 672 },
  // 28 * (24/6), 7, 28 * (24/3)
  { severity: 'warning', factor: 1, short: 112, long: 7, for: 224 },
];

const MINUTE_MS = 60_000;

/**
 * `(window / divisor).Round(time.Minute)` as Go computes it on nanoseconds. Rounding a truncated
 * quotient at a whole-nanosecond boundary equals rounding the exact quotient, so this works on exact
 * integers: floor((window + 30s·divisor) / (60s·divisor)) minutes.
 */
function divideAndRoundToMinute(windowMs: number, divisor: number): number {
  const numerator = windowMs + (MINUTE_MS / 2) * divisor;
  const denominator = MINUTE_MS * divisor;
  return ((numerator - (numerator % denominator)) / denominator) * MINUTE_MS;
}

/**
 * The shortest SLO window whose shortest alert window (window / 8064) still rounds up to a minute:
 * 2d19h12m. Below it Pyrra would generate `rate(x[0s])`, which Prometheus rejects.
 * @public
 */
export const MIN_ALERTING_WINDOW_MS = (MINUTE_MS / 2) * TIERS[0].short;

/** Pyrra's tiers for a window given in milliseconds, unformatted and unchecked. @internal */
export function burnRateTiersMs(windowMs: number): BurnRateTierMs[] {
  return TIERS.map(tier => ({
    severity: tier.severity,
    factor: tier.factor,
    shortMs: divideAndRoundToMinute(windowMs, tier.short),
    longMs: divideAndRoundToMinute(windowMs, tier.long),
    forMs: divideAndRoundToMinute(windowMs, tier.for),
  }));
}

/**
 * Pyrra's `Objective.Exhausts(factor)`: the window's seconds divided by the factor as a float,
 * truncated to whole seconds.
 * @public
 */
export function exhaustionMs(windowMs: number, factor: number): number {
  const seconds = Math.floor(windowMs / 1000) + (windowMs % 1000) / 1000;
  return Math.trunc(seconds / factor) * 1000;
}

/**
 * Pyrra's four burn-rate alert tiers for an SLO window such as `28d`, `4w`, `2w`, `7d` or `30d`,
 * in Pyrra's order (fast, medium, slow, long-term) with its default severities.
 *
 * Returns a {@link BurnRateWindowsRefusal} (never throws) when the window is not a valid Prometheus
 * duration, or is shorter than 2d19h12m: then the fast tier's short window rounds to `0s` and the
 * generated `rate(...[0s])` would be invalid. Windows from 2d19h12m up to 7d are accepted; their
 * fast tier gets `for: 0s`, i.e. the alert fires on the first evaluation, as with Pyrra.
 * @public
 */
export function burnRateWindows(window: string): BurnRateWindowsResult {
  const minimumWindow = formatPromDuration(MIN_ALERTING_WINDOW_MS);
  let windowMs: number;
  try {
    windowMs = parsePromDuration(window);
  } catch (e) {
    return {
      reason: 'invalid-window',
      error: `SLO window ${JSON.stringify(window)} is invalid: ${
        (e as Error).message
      }`,
      minimumWindow,
    };
  }
  if (windowMs < MIN_ALERTING_WINDOW_MS) {
    return {
      reason: 'window-too-short',
      error: `SLO window ${window} is too short to alert on: the fastest burn-rate tier would use a 0s rate window (window / 8064 rounds to 0m); use a window of at least ${minimumWindow}`,
      minimumWindow,
    };
  }
  return burnRateTiersMs(windowMs).map(tier => ({
    severity: tier.severity,
    factor: tier.factor,
    short: formatPromDuration(tier.shortMs),
    long: formatPromDuration(tier.longMs),
    for: formatPromDuration(tier.forMs),
    exhaustion: formatPromDuration(exhaustionMs(windowMs, tier.factor)),
  }));
}

/**
 * The error-ratio threshold of a tier: `factor * (1 - target)`, with the target as a percentage
 * (`99.5` or `"99.5"`), computed in the same float steps as the PromQL Pyrra generates
 * (`14 * (1-0.995)`). The recorded burn-rate series are raw error ratios, so compare them to this.
 * @throws SloInputError for an invalid target or factor.
 * @public
 */
export function burnRateThreshold(
  tier: Pick<BurnRateTier, 'factor'>,
  target: number | string,
): number {
  if (!Number.isFinite(tier.factor) || tier.factor <= 0) {
    throw new SloInputError(
      `burn-rate factor must be a positive number, got ${tier.factor}`,
    );
  }
  return tier.factor * (1 - parseSloTarget(target).fraction);
}
