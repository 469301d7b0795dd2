import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isProgressiveDeliveryAvailable } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { progressiveDeliveryApiRef, ProgressiveDeliveryClient } from './api';

/** The API client. @alpha */
export const progressiveDeliveryApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: progressiveDeliveryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ProgressiveDeliveryClient(deps),
    }),
});

/** The Progressive Delivery tab on entities that carry the Kubernetes annotations. @alpha */
export const progressiveDeliveryEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'progressive-delivery',
    title: 'Progressive Delivery',
    filter: isProgressiveDeliveryAvailable,
    loader: () =>
      import('./components/EntityProgressiveDeliveryContent').then(m => (
        <m.EntityProgressiveDeliveryContent />
      )),
  },
});

/** The Progressive Delivery plugin for the new frontend system. @alpha */
export default createFrontendPlugin({
  pluginId: 'progressive-delivery',
  info: { packageJson: () => import('../package.json') },
  extensions: [progressiveDeliveryApi, progressiveDeliveryEntityContent],
});
