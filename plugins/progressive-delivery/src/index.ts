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
} from './plugin';
export * from './api';
export { isProgressiveDeliveryAvailable } from '@pdelivery/backstage-plugin-progressive-delivery-common';
