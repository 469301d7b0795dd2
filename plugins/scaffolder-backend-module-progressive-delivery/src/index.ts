/**
 * Scaffolder actions and templates for Argo Rollouts progressive delivery.
 *
 * @packageDocumentation
 */
export { scaffolderModuleProgressiveDelivery as default } from './module';
export * from './actions';
