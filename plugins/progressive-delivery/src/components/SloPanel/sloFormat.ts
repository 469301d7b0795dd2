import {
  SloBurnRateTierStatus,
  SloSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** `0.99623` → `99.623%` (at most `maxDecimals`, trailing zeros dropped). */
export function formatPercent(fraction: number, maxDecimals = 2): string {
  return `${new Intl.NumberFormat('en-US', {
    maximumFractionDigits: maxDecimals,
  }).format(fraction * 100)}%`;
}

/** A small error ratio as a percentage with 3 significant digits: `0.00123` → `0.123%`. */
export function formatErrorRatio(ratio: number | null): string {
  if (ratio === null) return 'no data';
  return `${new Intl.NumberFormat('en-US', {
    maximumSignificantDigits: 3,
  }).format(ratio * 100)}%`;
}

/** How many times faster than sustainable the budget burns: `2.4×`. */
export function formatBurnRate(rate: number | null): string {
  if (rate === null) return 'no data';
  return `${new Intl.NumberFormat('en-US', {
    maximumFractionDigits: rate < 10 ? 2 : 1,
  }).format(rate)}×`;
}

/** `10000` → `10,000` (fractional counts from `increase()` are rounded). */
export function formatCount(count: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(
    count,
  );
}

/** Pyrra's objective tile: `99.5% in 4w`. */
export function objectiveText(slo: SloSummary): string {
  const { target, window } = slo.objective;
  const targetText = Number.isFinite(target) ? `${target}%` : 'no valid target';
  return `${targetText} in ${window || 'an unknown window'}`;
}

/** The error budget in words: what is left and what is spent, or how far it is overspent. */
export interface BudgetDescription {
  /** Remaining fraction clamped to [0, 1], for drawing; null without data. */
  remaining: number | null;
  consumed: number | null;
  /** Short headline, e.g. `62% left` or `Exhausted`. */
  headline: string;
  /** The rest, e.g. `38% used` or `overspent by 45% of the budget`. */
  detail: string;
  exhausted: boolean;
}

export function describeBudget(remaining: number | null): BudgetDescription {
  if (remaining === null || !Number.isFinite(remaining)) {
    return {
      remaining: null,
      consumed: null,
      headline: 'No data',
      detail: 'no requests in the window',
      exhausted: false,
    };
  }
  if (remaining <= 0) {
    return {
      remaining: 0,
      consumed: 1,
      headline: 'Exhausted',
      detail:
        remaining < 0
          ? `overspent by ${formatPercent(-remaining, 1)} of the budget`
          : 'all of the budget is used',
      exhausted: true,
    };
  }
  const clamped = Math.min(1, remaining);
  // Round what is left down (and what is used up): 99.96% left must not read as "100% left".
  const shown = Math.floor(clamped * 1000) / 1000;
  return {
    remaining: clamped,
    consumed: 1 - clamped,
    headline: `${formatPercent(shown, 1)} left`,
    detail: `${formatPercent(1 - shown, 1)} used`,
    exhausted: false,
  };
}

/** Whether a tier row deserves attention: its alert is pending or firing, or it is exceeded. */
export function tierIsHot(tier: SloBurnRateTierStatus): boolean {
  return (
    tier.exceeded ||
    tier.alertState === 'pending' ||
    tier.alertState === 'firing'
  );
}

/** True when the numbers are not real: the backend says demo, or the source is the demo one. */
export function isDemoSlo(slo: SloSummary): boolean {
  return slo.demo === true || slo.source === 'demo';
}
