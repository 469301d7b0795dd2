import Box from '@material-ui/core/Box';
import TrendingDownIcon from '@material-ui/icons/TrendingDown';
import TrendingFlatIcon from '@material-ui/icons/TrendingFlat';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';

/** Rounded to one decimal, with its sign: `+2`, `−0.5`, `±0`. */
export function signedNumber(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  if (rounded === 0) return '±0';
  return rounded > 0 ? `+${rounded}` : `−${Math.abs(rounded)}`;
}

/**
 * Change in passing checks over the window as an arrow and a signed number, with the meaning in
 * the accessible label.
 * @public
 */
export function ScorecardTrend(props: { trend: number | null; days: number }) {
  const { trend, days } = props;
  if (trend === null) {
    return (
      <span aria-label={`No trend: no score history from ${days} days ago`}>
        —
      </span>
    );
  }
  const rounded = Math.round(trend * 10) / 10;
  let Icon = TrendingFlatIcon;
  let color: 'action' | 'primary' | 'error' = 'action';
  let words = `no change over ${days} days`;
  if (rounded > 0) {
    Icon = TrendingUpIcon;
    color = 'primary';
    words = `${rounded} more passing check${
      rounded === 1 ? '' : 's'
    } than ${days} days ago`;
  } else if (rounded < 0) {
    Icon = TrendingDownIcon;
    color = 'error';
    words = `${-rounded} fewer passing check${
      rounded === -1 ? '' : 's'
    } than ${days} days ago`;
  }
  return (
    <Box
      component="span"
      display="inline-flex"
      alignItems="center"
      style={{ gap: 4 }}
      aria-label={`Trend: ${words}`}
      title={`Trend: ${words}`}
    >
      <Icon fontSize="small" color={color} aria-hidden />
      <span aria-hidden>{signedNumber(trend)}</span>
    </Box>
  );
}
