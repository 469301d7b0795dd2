import {
  EmptyState,
  MissingAnnotationEmptyState,
} from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { Entity } from '@backstage/catalog-model';
import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  KUBERNETES_NAMESPACE_ANNOTATION,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** How an entity selects its Rollouts, in words: `backstage.io/kubernetes-id=checkout`. */
export function entitySelector(entity: Entity): {
  selector?: string;
  namespace?: string;
} {
  const annotations = entity.metadata.annotations ?? {};
  const selector =
    annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION] ??
    (annotations[KUBERNETES_ID_ANNOTATION]
      ? `${KUBERNETES_ID_ANNOTATION}=${annotations[KUBERNETES_ID_ANNOTATION]}`
      : undefined);
  return { selector, namespace: annotations[KUBERNETES_NAMESPACE_ANNOTATION] };
}

/** The entity has no annotation the plugin can select Rollouts with. */
export function MissingAnnotations() {
  return (
    <MissingAnnotationEmptyState
      annotation={[
        KUBERNETES_ID_ANNOTATION,
        KUBERNETES_LABEL_SELECTOR_ANNOTATION,
      ]}
    />
  );
}

/** The backend watches no cluster. */
export function NoClusters() {
  return (
    <EmptyState
      missing="info"
      title="No clusters configured"
      description={
        <Typography variant="body1" component="span">
          Add your clusters under <code>kubernetes.clusterLocatorMethods</code>{' '}
          (type <code>config</code>, with <code>url</code>,{' '}
          <code>authProvider: serviceAccount</code> and a{' '}
          <code>serviceAccountToken</code>) in app-config.yaml; the Progressive
          Delivery backend watches them for Argo Rollouts.
        </Typography>
      }
    />
  );
}

/** Clusters are configured but no Rollout carries the entity's label. */
export function NoRollouts(props: { entity: Entity }) {
  const { selector, namespace } = entitySelector(props.entity);
  const id = props.entity.metadata.annotations?.[KUBERNETES_ID_ANNOTATION];
  return (
    <EmptyState
      missing="data"
      title="No Rollouts found for this entity"
      description={
        <Typography variant="body1" component="span">
          No Argo Rollout matches <code>{selector}</code>
          {namespace ? ` in namespace ${namespace}` : ''} in any cluster.{' '}
          {id ? (
            <>
              Add the label <code>{`${KUBERNETES_ID_ANNOTATION}: ${id}`}</code>{' '}
              to <code>metadata.labels</code> of your Rollout
            </>
          ) : (
            <>Label your Rollout so that the selector matches it</>
          )}
          , and check that the backend's service account may list{' '}
          <code>rollouts.argoproj.io</code> in its namespace.
        </Typography>
      }
    />
  );
}
