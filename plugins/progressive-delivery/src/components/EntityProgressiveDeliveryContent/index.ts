export { EntityProgressiveDeliveryContent } from './EntityProgressiveDeliveryContent';
