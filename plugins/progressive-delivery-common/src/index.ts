/**
 * Shared status model, action rules, SLO math, permissions and API types for the
 * Progressive Delivery (Argo Rollouts) plugins.
 *
 * @packageDocumentation
 */

export * from './actions/rolloutActions';
export * from './permissions/permissions';
export * from './annotations';
export * from './kubernetes';
export * from './status';
export * from './actions/availableActions';
export * from './actions/describeActionEffect';
export * from './actions/rollbackTargets';
export * from './selectors';
export * from './api';
export * from './slo';
export * from './manifests';
export * from './scorecard';
