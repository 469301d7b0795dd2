import { InputError } from '@backstage/errors';

export const SCORECARD_DEFAULT_DAYS = 30;
export const SCORECARD_MAX_DAYS = 90;

/** `?days=N`: a whole number from 1 to 90, default 30; anything else is a 400. */
export function parseScorecardDays(value: unknown): number {
  if (value === undefined) return SCORECARD_DEFAULT_DAYS;
  if (typeof value !== 'string' || !/^[0-9]{1,3}$/.test(value)) {
    throw new InputError(
      `days must be a whole number from 1 to ${SCORECARD_MAX_DAYS}`,
    );
  }
  const days = Number(value);
  if (days < 1 || days > SCORECARD_MAX_DAYS) {
    throw new InputError(
      `days must be a whole number from 1 to ${SCORECARD_MAX_DAYS}, got ${days}`,
    );
  }
  return days;
}
