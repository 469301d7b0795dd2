import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { progressiveDeliveryApiRef, ProgressiveDeliveryClient } from './api';
import { entityContentRouteRef } from './routes';

/** The Progressive Delivery frontend plugin (legacy frontend system). @public */
export const progressiveDeliveryPlugin = createPlugin({
  id: 'progressive-delivery',
  apis: [
    createApiFactory({
      api: progressiveDeliveryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ProgressiveDeliveryClient(deps),
    }),
  ],
  routes: { entityContent: entityContentRouteRef },
});

/** The Progressive Delivery tab for an entity page (`EntityLayout.Route`). @public */
export const EntityProgressiveDeliveryContent =
  progressiveDeliveryPlugin.provide(
    createRoutableExtension({
      name: 'EntityProgressiveDeliveryContent',
      component: () =>
        import('./components/EntityProgressiveDeliveryContent').then(
          m => m.EntityProgressiveDeliveryContent,
        ),
      mountPoint: entityContentRouteRef,
    }),
  );
