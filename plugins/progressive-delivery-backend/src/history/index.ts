export * from './types';
export type {
  NewRolloutEvent,
  RolloutEventSink,
  RolloutEventType,
} from './events';
export { KnexRolloutHistoryStore } from './KnexRolloutHistoryStore';
export { RolloutHistoryRecorder } from './RolloutHistoryRecorder';
