import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import {
  humanDuration,
  SloSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ResourceCard } from '../ResourceCard';
import { BurnRateTable } from './BurnRateTable';
import { ErrorBudgetGauge } from './ErrorBudgetGauge';
import { SloUnknownState } from './SloUnknownState';
import {
  formatCount,
  formatPercent,
  isDemoSlo,
  objectiveText,
} from './sloFormat';

const useStyles = makeStyles((theme: Theme) => ({
  tiles: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    margin: theme.spacing(1, 0),
  },
  tile: {
    flex: '1 1 160px',
    padding: theme.spacing(1, 2),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  demo: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
}));

/** The SLO's health in words, with a theme-aware status icon. */
function SloHealth(props: { slo: SloSummary }) {
  const { slo } = props;
  const label = (text: string) => (
    <span aria-label={`SLO status: ${text}`}>{text}</span>
  );
  if (slo.status === 'unknown') {
    return <StatusPending>{label('Unknown')}</StatusPending>;
  }
  if (slo.burning) {
    const firing = slo.burnRates.some(t => t.alertState === 'firing');
    return (
      <StatusError>
        {label(firing ? 'Burning: alert firing' : 'Burning')}
      </StatusError>
    );
  }
  switch (slo.errorBudget?.status) {
    case 'exhausted':
      return <StatusError>{label('Budget exhausted')}</StatusError>;
    case 'warning':
      return <StatusWarning>{label('Budget low')}</StatusWarning>;
    case 'healthy':
      return <StatusOK>{label('Healthy')}</StatusOK>;
    default:
      return <StatusPending>{label('No data')}</StatusPending>;
  }
}

/** Where the numbers came from, in words. */
function sourceText(slo: SloSummary): string {
  const server = slo.prometheus ? ` on Prometheus '${slo.prometheus}'` : '';
  if (isDemoSlo(slo)) {
    return 'Demo data from the built-in demo metrics (progressiveDelivery.demoMetrics): not real traffic.';
  }
  switch (slo.source) {
    case 'pyrra-rules':
      return `From Pyrra's recording rules${server}.`;
    case 'raw':
      return `From raw queries over the SLO's selectors${server} (Pyrra's recording rules were not found).`;
    default:
      return slo.prometheus ? `From Prometheus '${slo.prometheus}'.` : '';
  }
}

function Freshness(props: { slo: SloSummary }) {
  const freshness = props.slo.freshness;
  if (!freshness?.stale) return null;
  return (
    <Typography variant="body2" color="textSecondary" role="note">
      {freshness.ageSeconds === null
        ? 'No sample of the SLO metric in the last 5 minutes: the numbers may be out of date.'
        : `The newest sample of the SLO metric is ${humanDuration(
            freshness.ageSeconds * 1000,
          )} old: the numbers may be out of date.`}
    </Typography>
  );
}

/**
 * One SLO, modelled on Pyrra's detail page: objective, availability and error-budget tiles, the
 * multi-burn-rate alerts, and where the data came from; or, when unknown, why.
 */
export function SloCard(props: { slo: SloSummary }) {
  const classes = useStyles();
  const { slo } = props;
  const budget = slo.errorBudget;
  const target = slo.objective.target / 100;
  return (
    <ResourceCard
      kind="SLO"
      name={slo.name}
      cluster={slo.cluster}
      namespace={slo.namespace}
      titleVariant="h6"
      badges={
        <>
          <SloHealth slo={slo} />
          <Chip
            size="small"
            variant="outlined"
            label={`indicator ${slo.objective.indicator}`}
          />
          {isDemoSlo(slo) && (
            <Chip size="small" className={classes.demo} label="demo data" />
          )}
        </>
      }
    >
      {slo.description && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {slo.description}
        </Typography>
      )}
      {slo.status === 'unknown' && <SloUnknownState slo={slo} />}
      <div className={classes.tiles}>
        <section
          className={classes.tile}
          aria-label={`Objective of ${slo.name}`}
        >
          <Typography variant="overline" component="h4">
            Objective
          </Typography>
          <Typography variant="h6" component="p">
            {objectiveText(slo)}
          </Typography>
        </section>
        {slo.status === 'ok' && (
          <section
            className={classes.tile}
            aria-label={`Availability of ${slo.name}`}
          >
            <Typography variant="overline" component="h4">
              Availability over {slo.objective.window}
            </Typography>
            <Typography variant="h6" component="p">
              {slo.availability === null
                ? 'No data'
                : formatPercent(slo.availability, 3)}
            </Typography>
            {budget?.requests !== undefined && (
              <Typography variant="caption" color="textSecondary">
                {formatCount(budget.errors ?? 0)} errors of{' '}
                {formatCount(budget.requests)} requests
              </Typography>
            )}
            {slo.availability !== null && slo.availability <= target && (
              <Typography variant="body2" color="error">
                At or below the objective
              </Typography>
            )}
          </section>
        )}
        {slo.status === 'ok' && budget && (
          <section
            className={classes.tile}
            aria-label={`Error budget of ${slo.name}`}
          >
            <Typography variant="overline" component="h4">
              Error budget ({formatPercent(budget.total, 3)} errors allowed)
            </Typography>
            <ErrorBudgetGauge
              remaining={budget.remaining}
              status={budget.status}
              label={slo.name}
            />
          </section>
        )}
      </div>
      {slo.status === 'ok' && slo.burnRates.length > 0 && (
        <BurnRateTable sloName={slo.name} tiers={slo.burnRates} />
      )}
      {slo.status === 'ok' && slo.burnRatesError && (
        <Typography variant="body2" color="textSecondary">
          No burn-rate alerts: {slo.burnRatesError}
        </Typography>
      )}
      <Freshness slo={slo} />
      <Typography variant="caption" color="textSecondary" component="p">
        {sourceText(slo)}
      </Typography>
    </ResourceCard>
  );
}
