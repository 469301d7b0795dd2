import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  SloBurnRateTierStatus,
  SloBurnRateWindow,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { AlertStateChip } from './AlertStateChip';
import {
  formatBurnRate,
  formatErrorRatio,
  formatPercent,
  tierIsHot,
} from './sloFormat';

const useStyles = makeStyles((theme: Theme) => ({
  // On the cells: they paint over the theme's striped-row background, which would hide it.
  hot: { '& > td': { backgroundColor: theme.palette.action.selected } },
  above: { fontWeight: theme.typography.fontWeightBold as number },
  caption: { captionSide: 'top', padding: theme.spacing(0, 0, 1, 0) },
  // Short words: narrow columns must not break them ("Sever-ity").
  nowrap: { whiteSpace: 'nowrap' },
}));

function WindowCell(props: { value: SloBurnRateWindow; threshold: number }) {
  const classes = useStyles();
  const { value, threshold } = props;
  const above = value.errorRatio !== null && value.errorRatio > threshold;
  return (
    <TableCell className={above ? classes.above : undefined}>
      <code>{value.window}</code>: {formatErrorRatio(value.errorRatio)} errors
      {value.burnRate !== null && ` (burn ${formatBurnRate(value.burnRate)})`}
      {above && ' · above threshold'}
    </TableCell>
  );
}

/**
 * Pyrra's multi-window, multi-burn-rate alerts of one SLO: for each tier the threshold, both
 * windows' error ratio and burn rate, the alert's `for`, the time to exhaust the budget at that
 * rate and the alert state. Rows that are pending, firing or exceeded are highlighted.
 * @public
 */
export function BurnRateTable(props: {
  sloName: string;
  tiers: SloBurnRateTierStatus[];
}) {
  const classes = useStyles();
  return (
    <Table size="small" aria-label={`Burn-rate alerts of ${props.sloName}`}>
      <caption className={classes.caption}>
        An alert fires when the error ratio over both the short and the long
        window is above the threshold (factor × allowed error ratio) for the
        given time.
      </caption>
      <TableHead>
        <TableRow className={classes.nowrap}>
          <TableCell>State</TableCell>
          <TableCell>Severity</TableCell>
          <TableCell>Factor</TableCell>
          <TableCell>Threshold</TableCell>
          <TableCell>Short window</TableCell>
          <TableCell>Long window</TableCell>
          <TableCell>For</TableCell>
          <TableCell>Exhaustion</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.tiers.map(tier => (
          <TableRow
            key={`${tier.short.window}-${tier.long.window}`}
            className={tierIsHot(tier) ? classes.hot : undefined}
            data-testid={`burn-rate-tier-${tier.factor}`}
          >
            <TableCell>
              <AlertStateChip tier={tier} />
            </TableCell>
            <TableCell className={classes.nowrap}>{tier.severity}</TableCell>
            <TableCell className={classes.nowrap}>{tier.factor}×</TableCell>
            <TableCell className={classes.nowrap}>
              {formatPercent(tier.threshold, 3)}
            </TableCell>
            <WindowCell value={tier.short} threshold={tier.threshold} />
            <WindowCell value={tier.long} threshold={tier.threshold} />
            <TableCell className={classes.nowrap}>{tier.for}</TableCell>
            <TableCell>
              {tier.exhaustion ? `budget gone in ${tier.exhaustion}` : '—'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
