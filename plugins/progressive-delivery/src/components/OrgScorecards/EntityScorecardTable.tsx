import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import {
  compareScorecards,
  ScorecardSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ScorecardLevelBadge } from '../ScorecardLevelBadge';
import { ScorecardTrend } from '../ScorecardTrend';
import { failureRate, promoteTime } from '../ScorecardOutcomes';
import { RefLink } from './RefLink';
import { TableCell } from '../TableCell';

/** A number, or a dash whose tooltip and label say why there is none (keeps the table narrow). */
function Metric(props: {
  value: number | null;
  format: (value: number | null) => string;
}) {
  if (props.value !== null) return <>{props.format(props.value)}</>;
  const why = props.format(null);
  return (
    <span title={why} aria-label={why}>
      —
    </span>
  );
}

/** Entities best first, with level, score, trend and the key outcomes of the window. */
export function EntityScorecardTable(props: {
  entities: ScorecardSummary[];
  days: number;
}) {
  const rows = [...props.entities].sort(compareScorecards);
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Entity scorecards">
        <TableHead>
          <TableRow>
            <TableCell>Entity</TableCell>
            <TableCell>Owner</TableCell>
            <TableCell>System</TableCell>
            <TableCell>Level</TableCell>
            <TableCell>Checks passing</TableCell>
            <TableCell>Trend</TableCell>
            <TableCell>Rollouts completed / started</TableCell>
            <TableCell>Aborted</TableCell>
            <TableCell>Median time to promote</TableCell>
            <TableCell>Analysis failure rate</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(e => (
            <TableRow key={e.entityRef}>
              <TableCell>
                <RefLink
                  entityRef={e.entityRef}
                  defaultKind="component"
                  title={e.title}
                />
              </TableCell>
              <TableCell>
                <RefLink entityRef={e.owner} defaultKind="group" />
              </TableCell>
              <TableCell>
                <RefLink entityRef={e.system} defaultKind="system" />
              </TableCell>
              <TableCell>
                <ScorecardLevelBadge level={e.level} size="small" />
              </TableCell>
              <TableCell>
                {e.passed} / {e.applicable}
              </TableCell>
              <TableCell>
                <ScorecardTrend trend={e.trend} days={props.days} />
              </TableCell>
              <TableCell>
                {e.outcomes.rolloutsCompleted} / {e.outcomes.rolloutsStarted}
              </TableCell>
              <TableCell>{e.outcomes.rolloutsAborted}</TableCell>
              <TableCell>
                <Metric
                  value={e.outcomes.medianTimeToPromoteSeconds}
                  format={promoteTime}
                />
              </TableCell>
              <TableCell>
                <Metric
                  value={e.outcomes.analysisFailureRate}
                  format={failureRate}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
