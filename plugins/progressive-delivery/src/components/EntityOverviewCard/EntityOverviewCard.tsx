import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { isProgressiveDeliveryAvailable } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { useEntityRollouts } from '../../hooks';
import { RolloutStatusChip } from '../RolloutStatusChip';
import { TrafficSplitBar } from '../TrafficSplitBar';
import { ClusterStatusBanner } from '../ClusterStatusBanner';
import {
  MissingAnnotations,
  NoClusters,
  NoRollouts,
} from '../ConfigurationHelp';

function Body() {
  const { entity } = useEntity();
  const { value, error } = useEntityRollouts(getCompoundEntityRef(entity));
  if (!value) {
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  }
  if (value.clusters.length === 0) return <NoClusters />;
  return (
    <>
      <ClusterStatusBanner clusters={value.clusters} />
      {value.rollouts.length === 0 ? (
        <NoRollouts entity={entity} />
      ) : (
        <List dense aria-label="Rollouts">
          {value.rollouts.map(r => (
            <ListItem key={`${r.cluster}/${r.namespace}/${r.name}`} divider>
              <ListItemText
                disableTypography
                primary={
                  <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                    <Typography variant="subtitle2">
                      {r.name} · {r.cluster}/{r.namespace}
                    </Typography>
                    <RolloutStatusChip info={r.info} />
                    {r.info.step && (
                      <Typography variant="caption">
                        step {r.info.step}
                      </Typography>
                    )}
                  </Box>
                }
                secondary={
                  <>
                    {r.info.message && (
                      <Typography
                        variant="caption"
                        color="textSecondary"
                        component="div"
                      >
                        {r.info.message}
                      </Typography>
                    )}
                    <TrafficSplitBar info={r.info} />
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}

/**
 * A compact card for the entity overview: each rollout's status, step and traffic, linking to
 * the Progressive Delivery tab.
 * @public
 */
export function EntityOverviewCard(props: { title?: string }) {
  const { entity } = useEntity();
  const available = isProgressiveDeliveryAvailable(entity);
  return (
    <InfoCard
      title={props.title ?? 'Progressive Delivery'}
      deepLink={
        available
          ? {
              title: 'Steps, analysis and actions',
              link: 'progressive-delivery',
            }
          : undefined
      }
    >
      {available ? <Body /> : <MissingAnnotations />}
    </InfoCard>
  );
}
