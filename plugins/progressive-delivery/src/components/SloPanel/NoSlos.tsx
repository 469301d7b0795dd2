import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import {
  formatSelector,
  KUBERNETES_ID_ANNOTATION,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { entitySelector } from '../ConfigurationHelp';

export const PYRRA_DOCS_URL = 'https://github.com/pyrra-dev/pyrra#readme';
/** Title of the scaffolder template that creates a service with a Pyrra SLO. */
export const NEW_SERVICE_TEMPLATE_TITLE =
  'New service with progressive delivery';

/** An example SLO for the entity's kubernetes-id, to copy and adapt. */
function exampleSlo(id: string): string {
  const matchers = [{ name: 'service', type: '=' as const, value: id }];
  const total = formatSelector('http_requests_total', matchers);
  const errors = formatSelector('http_requests_total', [
    ...matchers,
    { name: 'code', type: '=~', value: '5..' },
  ]);
  return [
    'apiVersion: pyrra.dev/v1alpha1',
    'kind: ServiceLevelObjective',
    'metadata:',
    `  name: ${id}-availability`,
    '  namespace: <namespace of the Rollout>',
    '  labels:',
    `    ${KUBERNETES_ID_ANNOTATION}: ${JSON.stringify(id)}`,
    'spec:',
    '  target: "99.5"',
    '  window: 28d',
    '  indicator:',
    '    ratio: # adapt the metric and its labels to your service',
    `      errors: { metric: ${JSON.stringify(errors)} }`,
    `      total: { metric: ${JSON.stringify(total)} }`,
  ].join('\n');
}

/** The entity has no SLO: how to add a Pyrra ServiceLevelObjective that the plugin finds. */
export function NoSlos(props: { entity: Entity }) {
  const { selector } = entitySelector(props.entity);
  const id = props.entity.metadata.annotations?.[KUBERNETES_ID_ANNOTATION];
  return (
    <div data-testid="no-slos">
      <Typography variant="subtitle1" component="p" gutterBottom>
        No service level objectives for this entity
      </Typography>
      <Typography variant="body2" component="p" paragraph>
        Add a Pyrra <code>ServiceLevelObjective</code> (
        <code>pyrra.dev/v1alpha1</code>) in the namespace of the Rollout and
        label it like the Rollout
        {id ? (
          <>
            {' '}
            with <code>{`${KUBERNETES_ID_ANNOTATION}: ${id}`}</code>
          </>
        ) : (
          <>
            {' '}
            so that <code>{selector}</code> matches it
          </>
        )}
        : the plugin finds SLOs with the same selector as Rollouts. The “
        {NEW_SERVICE_TEMPLATE_TITLE}” template creates one for new services; the{' '}
        <Link to={PYRRA_DOCS_URL}>Pyrra documentation</Link> describes the
        indicators (ratio, latency, bool gauge).
      </Typography>
      {id && (
        <pre aria-label="Example ServiceLevelObjective">{exampleSlo(id)}</pre>
      )}
    </div>
  );
}
