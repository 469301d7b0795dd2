import { SloInputError } from './errors';

/** An SLO target in both forms: the CRD's percentage and Pyrra's internal fraction. @public */
export interface SloTarget {
  /** As written in `spec.target`, e.g. `99.5`. */
  percent: number;
  /** `percent / 100` computed the way Pyrra does (a float64 division), e.g. `0.995`. */
  fraction: number;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads an SLO target given as in the Pyrra CRD: a percentage, as a string (`"99.5"`) or a number
 * (`99.5`). Pyrra divides it by 100 (`0.995`); the same float division is used here so thresholds and
 * printed targets match Pyrra's byte for byte (`99.9` becomes `0.9990000000000001`, as in Pyrra).
 * @throws SloInputError unless the target is a decimal number with 0 \< target \< 100.
 * @public
 */
export function parseSloTarget(target: number | string): SloTarget {
  let percent: number;
  if (typeof target === 'number') {
    percent = target;
  } else if (typeof target === 'string' && DECIMAL.test(target)) {
    percent = Number(target);
  } else {
    throw new SloInputError(
      `SLO target must be a percentage such as "99.5", got ${JSON.stringify(
        target,
      )}`,
    );
  }
  if (!Number.isFinite(percent) || percent <= 0 || percent >= 100) {
    throw new SloInputError(
      `SLO target must be a percentage between 0 and 100 (exclusive), got ${JSON.stringify(
        target,
      )}`,
    );
  }
  return { percent, fraction: percent / 100 };
}
