import {
  AnalysisRun,
  parseRevision,
  Rollout,
  ROLLOUT_POD_TEMPLATE_HASH_LABEL,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { FINISHED_ANALYSIS_PHASES, NewRolloutEvent } from './events';

/** True for a phase that ends a run (Successful, Failed, Error, Inconclusive). */
export function isFinishedAnalysisPhase(phase: string | undefined): boolean {
  return (FINISHED_ANALYSIS_PHASES as readonly string[]).includes(phase ?? '');
}

/**
 * The `analysis-finished` event of a run that was seen unfinished (`previousPhase`) and is
 * finished now; undefined otherwise. A run is keyed by its UID: it finishes once.
 */
export function analysisRunTransition(
  cluster: string,
  run: AnalysisRun,
  owner: Rollout,
  previousPhase: string,
  now: Date,
): NewRolloutEvent | undefined {
  const phase = run.status?.phase ?? '';
  if (
    isFinishedAnalysisPhase(previousPhase) ||
    !isFinishedAnalysisPhase(phase)
  ) {
    return undefined;
  }
  return {
    cluster,
    namespace: owner.metadata.namespace ?? '',
    name: owner.metadata.name ?? '',
    rolloutUid: owner.metadata.uid ?? '',
    revision: parseRevision(run),
    podHash: run.metadata.labels?.[ROLLOUT_POD_TEMPLATE_HASH_LABEL] ?? '',
    type: 'analysis-finished',
    phase,
    detail: run.metadata.name,
    key: `analysis-finished:${run.metadata.uid ?? run.metadata.name}`,
    occurredAt: now,
  };
}
