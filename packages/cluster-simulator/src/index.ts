/**
 * Simulated Kubernetes API servers with an Argo Rollouts controller model, for development
 * and tests only.
 *
 * @packageDocumentation
 */
export { startSimulator, DEFAULT_TOKENS, clusterNames } from './startSimulator';
export type {
  ScenarioName,
  StartSimulatorOptions,
  SimulatedCluster,
  Simulator,
} from './startSimulator';
export type { FaultControls, FaultState } from './faults/FaultControls';
export type { RequestLogEntry } from './server/requestLog';
export type { ClusterTokens, AnonymousAccess } from './server/auth';
export { MemoryObjectStore } from './store/MemoryObjectStore';
export type {
  HistoryEntry,
  MemoryObjectStoreOptions,
} from './store/MemoryObjectStore';
export { StoreError } from './store/errors';
export { RealClock, ManualClock } from './clock';
export { DEMO_CLUSTER_NAMES } from './scenarios';
export * from './types';
