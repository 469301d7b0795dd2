import { AnalysisPhase } from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** Table of migrations/20261126100000_rollout_history.js. */
export const ROLLOUT_EVENTS_TABLE = 'rollout_events';

/**
 * What a person did to a rollout outside the controller's own progress, as seen in the
 * cluster. Named like the portal's actions so the two can be matched.
 */
export const MANUAL_ACTIONS = [
  'promote',
  'promote-full',
  'abort',
  'retry',
  'pause',
  'resume',
  'restart',
] as const;

export type ManualAction = (typeof MANUAL_ACTIONS)[number];

export type ManualEventType = `manual-${ManualAction}`;

/** Kinds of recorded transitions. */
export type RolloutEventType =
  | 'started'
  | 'completed'
  | 'aborted'
  | 'analysis-finished'
  | ManualEventType;

/** Why an abort happened: the controller's reasons, or a person. */
export type AbortCause = 'analysis' | 'controller' | 'manual';

/** AnalysisRun phases that end a run. */
export const FINISHED_ANALYSIS_PHASES: readonly AnalysisPhase[] = [
  'Successful',
  'Failed',
  'Error',
  'Inconclusive',
];

/** One transition to record. */
export interface NewRolloutEvent {
  cluster: string;
  namespace: string;
  /** Rollout name. */
  name: string;
  rolloutUid: string;
  /** `rollout.argoproj.io/revision`; 0 when unknown. */
  revision: number;
  /** Pod-template hash of the revision; '' when unknown. */
  podHash: string;
  type: RolloutEventType;
  /** AnalysisRun phase, or the rollout status at the time. */
  phase?: string;
  /** Abort cause, AnalysisRun name, ... */
  detail?: string;
  /** Identity of the transition, equal on every replica that sees it (see the migration). */
  key: string;
  occurredAt: Date;
}

/** Receives recorded transitions (the store). */
export interface RolloutEventSink {
  /** Stores new events; a transition already stored (same key) is skipped. Throws on errors. */
  append(events: NewRolloutEvent[]): Promise<void>;
}

export function manualEventType(action: ManualAction): ManualEventType {
  return `manual-${action}`;
}

/** The action of a `manual-<action>` type, or undefined for other types. */
export function manualActionOf(type: string): ManualAction | undefined {
  if (!type.startsWith('manual-')) return undefined;
  const action = type.slice('manual-'.length);
  return (MANUAL_ACTIONS as readonly string[]).includes(action)
    ? (action as ManualAction)
    : undefined;
}
