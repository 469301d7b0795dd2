const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day of a time, `YYYY-MM-DD`. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The days of a window of `days` days ending now: `firstDay` is the oldest day shown in the
 * history (today counts as one), `baselineDay` the day before it, whose score (or the latest one
 * before it) the trend is measured against.
 */
export function scorecardWindow(now: Date, days: number) {
  return {
    today: utcDay(now),
    firstDay: utcDay(new Date(now.getTime() - (days - 1) * DAY_MS)),
    baselineDay: utcDay(new Date(now.getTime() - days * DAY_MS)),
    from: new Date(now.getTime() - days * DAY_MS),
  };
}
