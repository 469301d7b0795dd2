import { SloInputError } from './errors';

/*
 * Prometheus durations (`github.com/prometheus/common/model.Duration`), kept as whole milliseconds,
 * which is Prometheus' own resolution. Parsing and formatting follow `model.ParseDuration` and
 * `Duration.String()`; `formatGoDuration` follows Go's `time.Duration.String()`, which Pyrra uses for
 * the `for:` of ratio alerts.
 */

const MS = 1;
const SECOND = 1000 * MS;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const YEAR = 365 * DAY;

/** Milliseconds per Prometheus duration unit. @public */
export const PROM_DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  y: YEAR,
  w: WEEK,
  d: DAY,
  h: HOUR,
  m: MINUTE,
  s: SECOND,
  ms: MS,
};

/** Units in the only order Prometheus accepts them (biggest first, each at most once). */
const UNIT_ORDER = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

/**
 * The largest duration Prometheus accepts: Go's `time.Duration` is int64 nanoseconds (about 292
 * years); as whole milliseconds that is floor((2^63 - 1) / 1e6).
 * @public
 */
export const MAX_PROM_DURATION_MS = 9223372036854;

/**
 * Parses a Prometheus duration (`5m`, `1h30m`, `28d`, `4w`, `1y`, `250ms`, or the bare `0`) into
 * milliseconds, accepting exactly what `model.ParseDuration` accepts: unsigned integers with units
 * in the order y, w, d, h, m, s, ms, each at most once, no spaces, no fractions, no sign.
 * @throws SloInputError for anything else, or a duration beyond about 292 years.
 * @public
 */
export function parsePromDuration(value: string): number {
  if (typeof value !== 'string') {
    throw new SloInputError(
      `not a valid duration string: expected a string, got ${typeof value}`,
    );
  }
  if (value === '0') return 0;
  if (value === '') throw new SloInputError('empty duration string');
  const invalid = () =>
    new SloInputError(
      `not a valid duration string: ${JSON.stringify(
        value,
      )} (use e.g. "5m", "1h30m", "28d")`,
    );
  let rest = value;
  let total = 0;
  let lastUnit = -1;
  while (rest !== '') {
    const digits = /^[0-9]+/.exec(rest)?.[0];
    if (!digits) throw invalid();
    rest = rest.slice(digits.length);
    const unit = /^[^0-9]+/.exec(rest)?.[0];
    if (!unit) throw invalid();
    rest = rest.slice(unit.length);
    const position = UNIT_ORDER.indexOf(unit);
    if (position < 0) {
      throw new SloInputError(
        `unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(
          value,
        )} (units: ${UNIT_ORDER.join(', ')})`,
      );
    }
    if (position <= lastUnit) throw invalid();
    lastUnit = position;
    // More than 15 digits is out of range for every unit (the limit is 9223372036854 ms).
    const amount = digits.replace(/^0+(?=\d)/, '');
    if (amount.length > 15) throw outOfRange(value);
    total += Number(amount) * PROM_DURATION_UNITS_MS[unit];
    if (total > MAX_PROM_DURATION_MS) throw outOfRange(value);
  }
  return total;
}

function outOfRange(value: string): SloInputError {
  return new SloInputError(
    `duration out of range: ${JSON.stringify(value)} (at most about 292y)`,
  );
}

/** Like {@link parsePromDuration}, but returns `undefined` instead of throwing. @public */
export function tryParsePromDuration(value: string): number | undefined {
  try {
    return parsePromDuration(value);
  } catch {
    return undefined;
  }
}

function assertWholeMilliseconds(ms: number): void {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_PROM_DURATION_MS) {
    throw new SloInputError(
      `not a duration: ${ms} (expected whole, non-negative milliseconds up to ${MAX_PROM_DURATION_MS})`,
    );
  }
}

/**
 * Formats milliseconds the way Prometheus prints a `model.Duration`: `0s` for zero; years and weeks
 * only when they divide the rest exactly (`4w`, but `30d` rather than `4w2d`); then days, hours,
 * minutes, seconds and milliseconds, skipping zero parts (`1h4m`, `1d1h43m`, `1m30s`).
 * @throws SloInputError for negative, fractional or out-of-range input.
 * @public
 */
export function formatPromDuration(ms: number): string {
  assertWholeMilliseconds(ms);
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  const part = (unit: string, exact: boolean) => {
    const size = PROM_DURATION_UNITS_MS[unit];
    if (exact && rest % size !== 0) return;
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  };
  part('y', true);
  part('w', true);
  for (const unit of ['d', 'h', 'm', 's', 'ms']) part(unit, false);
  return out;
}

/**
 * Re-formats a Prometheus duration in its canonical form (`28d` → `4w`, `90m` → `1h30m`).
 * @throws SloInputError when `value` is not a valid duration.
 * @public
 */
export function normalizePromDuration(value: string): string {
  return formatPromDuration(parsePromDuration(value));
}

/**
 * Formats milliseconds the way Go prints a `time.Duration`: `0s`, `500ms`, `2m0s`, `1h0m0s`,
 * `26h3m0s`, `1.5s` — hours are never folded into days.
 * @throws SloInputError for negative, fractional or out-of-range input.
 * @public
 */
export function formatGoDuration(ms: number): string {
  assertWholeMilliseconds(ms);
  if (ms === 0) return '0s';
  if (ms < SECOND) return `${ms}ms`;
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const millis = ms % MINUTE;
  const wholeSeconds = Math.floor(millis / SECOND);
  const fraction = millis % SECOND;
  const seconds =
    fraction === 0
      ? `${wholeSeconds}`
      : `${wholeSeconds}.${String(fraction)
          .padStart(3, '0')
          .replace(/0+$/, '')}`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}s`;
  if (minutes > 0) return `${minutes}m${seconds}s`;
  return `${seconds}s`;
}
