import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { isProgressiveDeliveryAvailable as isAvailable } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { progressiveDeliveryApiRef, ProgressiveDeliveryClient } from './api';
import { entityContentRouteRef, rootRouteRef } from './routes';

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
  routes: { entityContent: entityContentRouteRef, root: rootRouteRef },
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

/** A card for the entity overview: status, step and traffic of each rollout. @public */
export const EntityProgressiveDeliveryOverviewCard =
  progressiveDeliveryPlugin.provide(
    createComponentExtension({
      name: 'EntityProgressiveDeliveryOverviewCard',
      component: {
        lazy: () =>
          import('./components/EntityOverviewCard').then(
            m => m.EntityOverviewCard,
          ),
      },
    }),
  );

/**
 * A card for the entity overview: the delivery scorecard's level, how many checks pass and the
 * first failing checks with their fix.
 * @public
 */
export const EntityProgressiveDeliveryScorecardCard =
  progressiveDeliveryPlugin.provide(
    createComponentExtension({
      name: 'EntityProgressiveDeliveryScorecardCard',
      component: {
        lazy: () =>
          import('./components/EntityScorecardCard').then(
            m => m.EntityScorecardCard,
          ),
      },
    }),
  );

/** The ops page across clusters; mount it at `/progressive-delivery`. @public */
export const ProgressiveDeliveryPage = progressiveDeliveryPlugin.provide(
  createRoutableExtension({
    name: 'ProgressiveDeliveryPage',
    component: () => import('./components/OpsPage').then(m => m.OpsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * For `EntitySwitch.Case if={...}`: the entity carries `backstage.io/kubernetes-id` or
 * `backstage.io/kubernetes-label-selector`.
 * @public
 */
export function isProgressiveDeliveryAvailable(entity: Entity): boolean {
  return isAvailable(entity);
}
