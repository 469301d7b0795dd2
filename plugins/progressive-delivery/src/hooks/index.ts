export * from './useLiveData';
export * from './useEntityRollouts';
export * from './useEntitySlos';
export * from './useRolloutDetail';
export * from './useOpsRollouts';
export * from './useAuditLog';
export * from './useRolloutAction';
export { useEntityScorecard } from './useEntityScorecard';
export { useOrgScorecards } from './useOrgScorecards';
