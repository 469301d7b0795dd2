import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isProgressiveDeliveryAvailable } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import TimelineIcon from '@material-ui/icons/Timeline';
import { progressiveDeliveryApiRef, ProgressiveDeliveryClient } from './api';

/** The ops page route (new frontend system). @alpha */
export const opsPageRouteRef = createRouteRef();

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

/** The overview card on entities that carry the Kubernetes annotations. @alpha */
export const progressiveDeliveryEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isProgressiveDeliveryAvailable,
    loader: () =>
      import('./components/EntityOverviewCard').then(m => (
        <m.EntityOverviewCard />
      )),
  },
});

/** The delivery scorecard card on entities that carry the Kubernetes annotations. @alpha */
export const progressiveDeliveryScorecardCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    filter: isProgressiveDeliveryAvailable,
    loader: () =>
      import('./components/EntityScorecardCard').then(m => (
        <m.EntityScorecardCard />
      )),
  },
});

/** The ops page at `/progressive-delivery`, with a nav item. @alpha */
export const progressiveDeliveryPage = PageBlueprint.make({
  params: {
    path: '/progressive-delivery',
    title: 'Progressive Delivery',
    icon: <TimelineIcon />,
    routeRef: opsPageRouteRef,
    loader: () =>
      import('./components/OpsPage').then(m => <m.OpsPageContent />),
  },
});

/** The Progressive Delivery plugin for the new frontend system. @alpha */
export default createFrontendPlugin({
  pluginId: 'progressive-delivery',
  info: { packageJson: () => import('../package.json') },
  routes: { root: opsPageRouteRef },
  extensions: [
    progressiveDeliveryApi,
    progressiveDeliveryEntityContent,
    progressiveDeliveryEntityCard,
    progressiveDeliveryScorecardCard,
    progressiveDeliveryPage,
  ],
});
