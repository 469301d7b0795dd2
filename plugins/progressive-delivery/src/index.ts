/**
 * Progressive Delivery for Backstage: Argo Rollouts status, steps, analysis, SLOs and
 * actions on every catalog entity. Legacy frontend system exports; the new frontend
 * system lives in `/alpha`.
 *
 * @packageDocumentation
 */
export {
  progressiveDeliveryPlugin,
  EntityProgressiveDeliveryContent,
  EntityProgressiveDeliveryOverviewCard,
  EntityProgressiveDeliveryScorecardCard,
  ProgressiveDeliveryPage,
  isProgressiveDeliveryAvailable,
} from './plugin';
export { entityContentRouteRef, rootRouteRef } from './routes';
export * from './api';
export * from './hooks';
export { describeActionEffect } from '@pdelivery/backstage-plugin-progressive-delivery-common';
