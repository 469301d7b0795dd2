import { SloInputError } from './errors';
import { parseSloTarget } from './target';

/** Health of an error budget. @public */
export type ErrorBudgetStatus = 'healthy' | 'warning' | 'exhausted' | 'no-data';

/** Input of {@link errorBudget}. @public */
export interface ErrorBudgetInput {
  /** Percentage as in the CRD: `99.5` or `"99.5"` (0 \< target \< 100). */
  target: number | string;
  /** Errors (or slow requests, or failed probes) in the SLO window. */
  errors: number;
  /** All requests (or probes) in the SLO window. */
  total: number;
  /**
   * Remaining-budget fraction below which the status is `warning` (default 0.25, i.e. less than a
   * quarter left). Pyrra itself only distinguishes above / at-or-below zero.
   */
  warningBelow?: number;
}

/** Output of {@link errorBudget}. All ratios are fractions (0.995, not 99.5). @public */
export interface ErrorBudget {
  /** `1 - errors/total`; null without data. */
  availability: number | null;
  /** The allowed error ratio `1 - target` (Pyrra's `budget.total`). */
  errorBudgetTotal: number;
  /**
   * `((1 - target) - errors/total) / (1 - target)`: 1 with no errors, 0 when spent, negative when
   * overspent; null without data.
   */
  errorBudgetRemaining: number | null;
  /** Errors the budget allows for this total, `(1 - target) * total` (Pyrra's `budget.max`). */
  errorsAllowed: number;
  errorsObserved: number;
  status: ErrorBudgetStatus;
}

const DEFAULT_WARNING_BELOW = 0.25;
const EXHAUSTED_EPSILON = 1e-9;

function assertCount(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new SloInputError(
      `${name} must be a finite, non-negative number, got ${String(value)}`,
    );
  }
}

/**
 * Availability and error budget over an SLO window, with Pyrra's formulas (`GetStatus` and the
 * error-budget graph): availability `1 - E`, budget `B = 1 - t`, remaining `(B - E) / B`, where
 * `E = errors / total` and `t = target / 100`.
 *
 * The status is `exhausted` once the remaining budget is at or below zero (within 1e-9, so float
 * noise of an exactly spent budget does not read as "healthy"), `warning` below `warningBelow`.
 * `total === 0` gives `no-data` (Pyrra drops such series) rather than a healthy-looking 100%.
 * `errors > total` is not rejected: `increase()` extrapolates, so it happens in practice; the
 * availability then goes negative, as it would in Pyrra.
 * @throws SloInputError for an invalid target, negative / non-finite counts or `warningBelow`.
 * @public
 */
export function errorBudget(input: ErrorBudgetInput): ErrorBudget {
  const { fraction } = parseSloTarget(input.target);
  assertCount('errors', input.errors);
  assertCount('total', input.total);
  const warningBelow = input.warningBelow ?? DEFAULT_WARNING_BELOW;
  if (!Number.isFinite(warningBelow) || warningBelow < 0 || warningBelow > 1) {
    throw new SloInputError(
      `warningBelow must be between 0 and 1, got ${String(warningBelow)}`,
    );
  }

  const budget = 1 - fraction;
  if (input.total === 0) {
    return {
      availability: null,
      errorBudgetTotal: budget,
      errorBudgetRemaining: null,
      errorsAllowed: 0,
      errorsObserved: input.errors,
      status: 'no-data',
    };
  }

  const errorRatio = input.errors / input.total;
  const remaining = (budget - errorRatio) / budget;
  let status: ErrorBudgetStatus = 'healthy';
  // Within float noise of zero counts as spent: 5 errors of 100 at 95% leaves 8.8e-16, not a budget.
  if (remaining <= EXHAUSTED_EPSILON) status = 'exhausted';
  else if (remaining < warningBelow) status = 'warning';
  return {
    availability: 1 - errorRatio,
    errorBudgetTotal: budget,
    errorBudgetRemaining: remaining,
    errorsAllowed: budget * input.total,
    errorsObserved: input.errors,
    status,
  };
}
