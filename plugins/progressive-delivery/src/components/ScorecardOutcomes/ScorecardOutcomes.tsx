import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  humanDuration,
  ScorecardOutcomes as ScorecardOutcomesValue,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** A duration in seconds as kubectl prints ages; the reason in words when there is none. */
export function promoteTime(seconds: number | null): string {
  return seconds === null
    ? 'no completed rollout'
    : humanDuration(seconds * 1000);
}

/** A rate as a percentage; the reason in words when there is none. */
export function failureRate(rate: number | null): string {
  return rate === null
    ? 'no finished analysis run'
    : `${Math.round(rate * 1000) / 10}%`;
}

function date(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString().slice(0, 10);
}

/**
 * What delivery looked like over the window: rollouts started, completed and aborted, time to
 * promote, analysis results and where manual actions were taken.
 * @public
 */
export function ScorecardOutcomes(props: { outcomes: ScorecardOutcomesValue }) {
  const o = props.outcomes;
  const runs = o.analysisRuns;
  const rows: Array<[string, string]> = [
    [
      'Rollouts',
      `${o.rolloutsStarted} started · ${o.rolloutsCompleted} completed · ${o.rolloutsAborted} aborted`,
    ],
    [
      'Time to promote',
      o.medianTimeToPromoteSeconds === null &&
      o.p90TimeToPromoteSeconds === null
        ? 'No completed rollout in this window'
        : `median ${promoteTime(
            o.medianTimeToPromoteSeconds,
          )} · p90 ${promoteTime(o.p90TimeToPromoteSeconds)}`,
    ],
    [
      'Analysis runs',
      `${runs.total} total · ${runs.successful} successful · ${runs.failed} failed · ${runs.errored} errored · ${runs.inconclusive} inconclusive`,
    ],
    ['Analysis failure rate', failureRate(o.analysisFailureRate)],
    [
      'Manual actions',
      `${o.actions.portal} in the portal · ${o.actions.elsewhere} elsewhere (kubectl, Argo CD, dashboard)`,
    ],
  ];
  const label = `Outcomes over the last ${o.window.days} days`;
  return (
    <>
      <Typography variant="caption" color="textSecondary" component="p">
        {date(o.window.from)} to {date(o.window.to)}
      </Typography>
      <Table size="small" aria-label={label}>
        <TableBody>
          {rows.map(([name, value]) => (
            <TableRow key={name}>
              <TableCell component="th" scope="row" style={{ width: '30%' }}>
                {name}
              </TableCell>
              <TableCell>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
