import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme, useTheme } from '@material-ui/core/styles';
import { ErrorBudgetStatus } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { describeBudget } from './sloFormat';
import { gaugeArc } from './gaugeMath';

const GEOMETRY = { cx: 70, cy: 70, r: 56 };
const STROKE = 14;

const useStyles = makeStyles((theme: Theme) => ({
  root: { display: 'flex', flexDirection: 'column', alignItems: 'center' },
  headline: { fontWeight: theme.typography.fontWeightBold as number },
}));

/** Colour of a budget status, from the theme so that it reads in light and dark themes. */
export function budgetColor(theme: Theme, status: ErrorBudgetStatus): string {
  switch (status) {
    case 'healthy':
      return theme.palette.success.main;
    case 'warning':
      return theme.palette.warning.main;
    case 'exhausted':
      return theme.palette.error.main;
    default:
      return theme.palette.text.secondary;
  }
}

/**
 * The remaining error budget as a half-circle gauge: the coloured arc is what is left, the muted
 * arc what is used. An overspent budget is drawn exhausted and the overspend is written out; the
 * text says it all, so colour is never the only cue.
 * @public
 */
export function ErrorBudgetGauge(props: {
  /** `errorBudget.remaining`: 1 untouched, 0 spent, negative overspent, null without data. */
  remaining: number | null;
  status: ErrorBudgetStatus;
  /** What the gauge is of, for screen readers (e.g. the SLO's name). */
  label: string;
}) {
  const theme = useTheme();
  const classes = useStyles();
  const budget = describeBudget(props.remaining);
  const color = budgetColor(theme, props.status);
  const track =
    budget.remaining === null
      ? gaugeArc(GEOMETRY, 0, 1)
      : gaugeArc(GEOMETRY, budget.remaining, 1);
  const left =
    budget.remaining === null
      ? undefined
      : gaugeArc(GEOMETRY, 0, budget.exhausted ? 1 : budget.remaining);
  const description = `Error budget of ${props.label}: ${budget.headline}, ${budget.detail}`;
  return (
    <div className={classes.root}>
      <svg
        width={140}
        height={80}
        viewBox="0 0 140 80"
        role="img"
        aria-label={description}
        data-testid="error-budget-gauge"
      >
        <title>{description}</title>
        {track && !budget.exhausted && (
          <path
            d={track}
            fill="none"
            stroke={theme.palette.action.disabled}
            strokeWidth={STROKE}
            data-part="consumed"
          />
        )}
        {left && (
          <path
            d={left}
            fill="none"
            stroke={color}
            strokeWidth={STROKE}
            // An exhausted budget is drawn as a dashed full arc: not just a change of colour.
            strokeDasharray={budget.exhausted ? '4 3' : undefined}
            data-part={budget.exhausted ? 'exhausted' : 'remaining'}
          />
        )}
      </svg>
      <Typography
        variant="body1"
        className={classes.headline}
        data-testid="error-budget-headline"
      >
        {budget.headline}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {budget.detail}
      </Typography>
    </div>
  );
}
