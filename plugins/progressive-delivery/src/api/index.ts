export * from './ProgressiveDeliveryApi';
export * from './ProgressiveDeliveryClient';
