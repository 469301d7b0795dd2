export * from './useLiveData';
export * from './useEntityRollouts';
export * from './useRolloutDetail';
export * from './useOpsRollouts';
export * from './useAuditLog';
export * from './useRolloutAction';
