import { SCORECARD_CHECK_IDS, ScorecardSummary } from '../api/scorecard';
import {
  ScorecardGroup,
  ScorecardGrouping,
  scorecardPassRatio,
} from './aggregate';

/** One CSV cell before serialisation; null and undefined become an empty cell. @public */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection"):
 * `=`, `+`, `-`, `@`, and tab / carriage return, which some spreadsheets strip before looking.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 cell. Text that a spreadsheet would run as a formula gets a leading `'`; numbers
 * are written as numbers (a negative number is not a formula). Cells with a comma, a quote or a
 * line break are quoted, with quotes doubled.
 * @public
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : '';
  }
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text: cells by `csvCell`, records ended by CRLF as RFC 4180 says. @public */
export function toCsv(rows: CsvValue[][]): string {
  return rows.map(row => `${row.map(csvCell).join(',')}\r\n`).join('');
}

function round(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * The organisation view's entities as CSV: one row per entity with its level, score, trend, the
 * outcome metrics of the window and one column per check.
 * @public
 */
export function scorecardsCsv(entities: ScorecardSummary[]): string {
  const header: CsvValue[] = [
    'entity',
    'title',
    'owner',
    'system',
    'level',
    'passed',
    'applicable',
    'pass_ratio',
    'trend',
    'window_days',
    'rollouts_started',
    'rollouts_completed',
    'rollouts_aborted',
    'median_time_to_promote_seconds',
    'p90_time_to_promote_seconds',
    'analysis_runs',
    'analysis_failure_rate',
    'portal_actions',
    'other_actions',
    ...SCORECARD_CHECK_IDS,
  ];
  const rows = entities.map((e): CsvValue[] => [
    e.entityRef,
    e.title,
    e.owner,
    e.system,
    e.level,
    e.passed,
    e.applicable,
    round(scorecardPassRatio(e), 4),
    e.trend,
    e.outcomes.window.days,
    e.outcomes.rolloutsStarted,
    e.outcomes.rolloutsCompleted,
    e.outcomes.rolloutsAborted,
    e.outcomes.medianTimeToPromoteSeconds,
    e.outcomes.p90TimeToPromoteSeconds,
    e.outcomes.analysisRuns.total,
    round(e.outcomes.analysisFailureRate, 4),
    e.outcomes.actions.portal,
    e.outcomes.actions.elsewhere,
    ...SCORECARD_CHECK_IDS.map(id => e.results[id]),
  ]);
  return toCsv([header, ...rows]);
}

/** The ranked groups (teams or systems) as CSV, best first. @public */
export function scorecardGroupsCsv(
  groups: ScorecardGroup[],
  by: ScorecardGrouping,
): string {
  const header: CsvValue[] = [
    'rank',
    by,
    'entities',
    'gold',
    'silver',
    'bronze',
    'none',
    'mean_level',
    'mean_pass_ratio',
    'mean_trend',
  ];
  const rows = groups.map((g): CsvValue[] => [
    g.rank,
    g.key,
    g.entityRefs.length,
    g.levels.gold,
    g.levels.silver,
    g.levels.bronze,
    g.levels.none,
    round(g.meanLevel, 2),
    round(g.meanPassRatio, 4),
    round(g.meanTrend, 2),
  ]);
  return toCsv([header, ...rows]);
}
