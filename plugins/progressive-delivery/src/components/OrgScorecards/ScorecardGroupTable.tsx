import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import {
  SCORECARD_LEVELS,
  ScorecardGroup,
  ScorecardGrouping,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ScorecardTrend } from '../ScorecardTrend';
import { RefLink } from './RefLink';
import { TableCell } from '../TableCell';

const GROUP_NAMES: Record<
  ScorecardGrouping,
  { column: string; label: string; none: string; kind: string }
> = {
  owner: {
    column: 'Team',
    label: 'Teams ranked by scorecard',
    none: 'No owner',
    kind: 'group',
  },
  system: {
    column: 'System',
    label: 'Systems ranked by scorecard',
    none: 'No system',
    kind: 'system',
  },
};

/** `1 gold · 2 silver · 1 none`, best level first, levels without entities left out. */
function levelDistribution(levels: ScorecardGroup['levels']): string {
  return [...SCORECARD_LEVELS]
    .reverse()
    .filter(level => levels[level] > 0)
    .map(level => `${levels[level]} ${level}`)
    .join(' · ');
}

function percent(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 100)}%`;
}

/** Teams or systems in rank order with their level distribution, mean pass ratio and trend. */
export function ScorecardGroupTable(props: {
  groups: ScorecardGroup[];
  by: ScorecardGrouping;
  days: number;
}) {
  const names = GROUP_NAMES[props.by];
  return (
    <Table size="small" aria-label={names.label}>
      <TableHead>
        <TableRow>
          <TableCell>Rank</TableCell>
          <TableCell>{names.column}</TableCell>
          <TableCell>Entities</TableCell>
          <TableCell>Levels</TableCell>
          <TableCell>Mean checks passing</TableCell>
          <TableCell>Mean trend</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.groups.map(g => (
          <TableRow key={g.key || '(none)'} data-testid="scorecard-group">
            <TableCell>{g.rank}</TableCell>
            <TableCell>
              {g.key ? (
                <RefLink entityRef={g.key} defaultKind={names.kind} />
              ) : (
                names.none
              )}
            </TableCell>
            <TableCell>{g.entityRefs.length}</TableCell>
            <TableCell>{levelDistribution(g.levels)}</TableCell>
            <TableCell>{percent(g.meanPassRatio)}</TableCell>
            <TableCell>
              <ScorecardTrend trend={g.meanTrend} days={props.days} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
