import {
  Content,
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { progressiveDeliveryApiRef } from '../../api';

/** The Progressive Delivery tab of a catalog entity. @public */
export function EntityProgressiveDeliveryContent() {
  const { entity } = useEntity();
  const api = useApi(progressiveDeliveryApiRef);
  const { value, loading, error } = useAsync(() => api.getClusters(), [api]);
  const annotations = entity.metadata.annotations ?? {};
  const selector =
    annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION] ??
    `${KUBERNETES_ID_ANNOTATION}=${annotations[KUBERNETES_ID_ANNOTATION]}`;
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION];

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const clusters = value?.clusters ?? [];
  return (
    <Content>
      {clusters.length === 0 ? (
        <EmptyState
          missing="info"
          title="No clusters configured"
          description="Add your clusters under kubernetes.clusterLocatorMethods (type: config) in app-config.yaml; the Progressive Delivery backend watches them for Argo Rollouts."
        />
      ) : (
        <InfoCard title="Progressive Delivery">
          <Typography variant="body2" paragraph>
            Rollouts selected by <code>{selector}</code>
            {namespace
              ? ` in namespace ${namespace}`
              : ' in all namespaces'}{' '}
            across {clusters.length} cluster{clusters.length === 1 ? '' : 's'}:
          </Typography>
          {clusters.map(c => (
            <Chip key={c.name} label={c.title ?? c.name} size="small" />
          ))}
        </InfoCard>
      )}
    </Content>
  );
}
