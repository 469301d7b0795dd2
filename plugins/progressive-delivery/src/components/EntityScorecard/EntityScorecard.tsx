import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { isProgressiveDeliveryAvailable } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { useEntityScorecard } from '../../hooks';
import { ClusterStatusBanner } from '../ClusterStatusBanner';
import { RefreshError } from '../RefreshError';
import { MissingAnnotations, NoClusters } from '../ConfigurationHelp';
import { ScorecardCheckList } from '../ScorecardCheckList';
import { ScorecardHistoryChart } from '../ScorecardHistoryChart';
import { ScorecardLevelBadge } from '../ScorecardLevelBadge';
import { ScorecardOutcomes } from '../ScorecardOutcomes';
import {
  DEFAULT_SCORECARD_DAYS,
  ScorecardWindowSelector,
} from '../ScorecardWindowSelector';
import { NoWorkloads } from './NoWorkloads';
import { scorecardCounts } from './scorecardCounts';

/** The anchor the scorecard card links to (`progressive-delivery#scorecard`). */
export const SCORECARD_ANCHOR = 'scorecard';

function Body() {
  const { entity } = useEntity();
  const [days, setDays] = useState(DEFAULT_SCORECARD_DAYS);
  const { value, error, loading } = useEntityScorecard(days);
  if (!value) {
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  }
  if (value.clusters.length === 0) return <NoClusters />;
  const { passed, applicable } = scorecardCounts(value.checks);
  return (
    <>
      <ClusterStatusBanner clusters={value.clusters} />
      <RefreshError error={error} what="the scorecard" />
      {applicable === 0 ? (
        <NoWorkloads entity={entity} />
      ) : (
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <ScorecardLevelBadge
              level={value.level}
              rules={value.levelRules}
              checks={value.checks}
            />
            <Typography variant="body2" style={{ marginTop: 8 }}>
              {passed} of {applicable} applicable checks pass
              {applicable < value.checks.length
                ? ` (${value.checks.length - applicable} not applicable)`
                : ''}
              .
            </Typography>
          </Grid>
          <Grid item xs={12} md={7}>
            <Typography variant="h6" component="h3">
              Checks
            </Typography>
            <ScorecardCheckList checks={value.checks} />
          </Grid>
          <Grid item xs={12} md={5}>
            <Box
              display="flex"
              alignItems="center"
              justifyContent="space-between"
              flexWrap="wrap"
              style={{ gap: 8 }}
            >
              <Typography variant="h6" component="h3">
                Outcomes
              </Typography>
              <ScorecardWindowSelector days={days} onChange={setDays} />
            </Box>
            <Typography
              variant="caption"
              color="textSecondary"
              aria-live="polite"
            >
              {/* Only for a window change: signal refetches stay quiet. */}
              {loading && value.outcomes.window.days !== days
                ? `Loading the last ${days} days…`
                : ''}
            </Typography>
            <ScorecardOutcomes outcomes={value.outcomes} />
            <Box mt={2}>
              <Typography variant="h6" component="h3">
                Score history
              </Typography>
              <ScorecardHistoryChart history={value.history} />
            </Box>
          </Grid>
        </Grid>
      )}
    </>
  );
}

/**
 * The scorecard section of the Progressive Delivery tab: the level with its rule, every check
 * with evidence and fix, outcome metrics over a chosen window and the score history.
 * @public
 */
export function EntityScorecard() {
  const { entity } = useEntity();
  const location = useLocation();
  const anchor = useRef<HTMLElement>(null);
  // The card links here with a hash: client-side navigation does not scroll to it by itself.
  useEffect(() => {
    if (location.hash === `#${SCORECARD_ANCHOR}`) {
      anchor.current?.scrollIntoView?.({ block: 'start' });
    }
  }, [location.hash]);
  return (
    <section id={SCORECARD_ANCHOR} ref={anchor} aria-label="Delivery scorecard">
      <InfoCard
        title="Delivery scorecard"
        subheader="Progressive delivery maturity, checked against the live objects in each cluster"
      >
        {isProgressiveDeliveryAvailable(entity) ? (
          <Body />
        ) : (
          <MissingAnnotations />
        )}
      </InfoCard>
    </section>
  );
}
