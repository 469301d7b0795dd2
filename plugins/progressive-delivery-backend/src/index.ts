export { progressiveDeliveryPlugin as default } from './plugin';
