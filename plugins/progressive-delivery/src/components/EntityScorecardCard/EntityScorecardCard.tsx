import Box from '@material-ui/core/Box';
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
import { MissingAnnotations, NoClusters } from '../ConfigurationHelp';
import { ScorecardFix } from '../ScorecardFix';
import { ScorecardLevelBadge } from '../ScorecardLevelBadge';
import { DEFAULT_SCORECARD_DAYS } from '../ScorecardWindowSelector';
import { NoWorkloads, scorecardCounts } from '../EntityScorecard';

/** How many failing checks the card lists; the tab lists them all. */
const FAILING_SHOWN = 3;

function Body() {
  const { entity } = useEntity();
  const { value, error } = useEntityScorecard(DEFAULT_SCORECARD_DAYS);
  if (!value) {
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  }
  if (value.clusters.length === 0) return <NoClusters />;
  const { passed, applicable } = scorecardCounts(value.checks);
  if (applicable === 0) return <NoWorkloads entity={entity} />;
  const failing = value.checks.filter(c => c.result === 'fail');
  return (
    <>
      <ClusterStatusBanner clusters={value.clusters} />
      <Box display="flex" alignItems="center" style={{ gap: 12 }} mb={1}>
        <ScorecardLevelBadge level={value.level} />
        <Typography variant="body2">
          {passed} of {applicable} applicable checks pass
        </Typography>
      </Box>
      {failing.length === 0 ? (
        <Typography variant="body2">Every applicable check passes.</Typography>
      ) : (
        <Box
          component="ul"
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
          aria-label="Failing checks"
        >
          {failing.slice(0, FAILING_SHOWN).map(check => (
            <Box component="li" key={check.id} py={0.5}>
              <Typography variant="subtitle2" component="h3">
                Fail: {check.title}
              </Typography>
              <ScorecardFix fix={check.fix} checkTitle={check.title} />
            </Box>
          ))}
          {failing.length > FAILING_SHOWN && (
            <Typography variant="caption" color="textSecondary" component="li">
              and {failing.length - FAILING_SHOWN} more failing
            </Typography>
          )}
        </Box>
      )}
    </>
  );
}

/**
 * A compact scorecard for the entity overview: the level, how many checks pass, the first failing
 * checks with their fix, and a link to the full scorecard in the Progressive Delivery tab.
 * @public
 */
export function EntityScorecardCard(props: { title?: string }) {
  const { entity } = useEntity();
  const available = isProgressiveDeliveryAvailable(entity);
  return (
    <InfoCard
      title={props.title ?? 'Delivery scorecard'}
      deepLink={
        available
          ? {
              title: 'Every check, outcomes and history',
              link: 'progressive-delivery#scorecard',
            }
          : undefined
      }
    >
      {available ? <Body /> : <MissingAnnotations />}
    </InfoCard>
  );
}
