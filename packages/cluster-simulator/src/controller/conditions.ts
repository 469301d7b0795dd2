/* Rollout conditions and phase, following argo-rollouts utils/conditions and utils/rollout. */

export interface RolloutCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  lastUpdateTime: string;
}

export const REASONS = {
  available: 'AvailableReason',
  replicaSetUpdated: 'ReplicaSetUpdated',
  newRSAvailable: 'NewReplicaSetAvailable',
  paused: 'RolloutPaused',
  resumed: 'RolloutResumed',
  aborted: 'RolloutAborted',
  retry: 'RolloutRetry',
  completed: 'RolloutCompleted',
  healthy: 'RolloutHealthy',
  invalidSpec: 'InvalidSpec',
  timedOut: 'ProgressDeadlineExceeded',
} as const;

export const MESSAGES = {
  available: 'Rollout has minimum availability',
  notAvailable: 'Rollout does not have minimum availability',
  paused: 'Rollout is paused',
  resumed: 'Rollout is resumed',
  retry: 'Retrying Rollout after abort',
  healthy: 'Rollout is healthy',
  notHealthy: 'Rollout is not healthy',
  aborted: (revision: number) =>
    `Rollout aborted update to revision ${revision}`,
  rsProgressing: (rs: string) => `ReplicaSet "${rs}" is progressing.`,
  rsCompleted: (rs: string) =>
    `ReplicaSet "${rs}" has successfully progressed.`,
} as const;

export function getCondition(
  conditions: RolloutCondition[] | undefined,
  type: string,
): RolloutCondition | undefined {
  return (conditions ?? []).find(c => c.type === type);
}

/**
 * `SetRolloutCondition`: no change when status and reason are unchanged; keeps
 * lastTransitionTime when only the reason changed; the changed condition moves to the end.
 * Returns true when the conditions changed.
 */
export function setCondition(
  status: { conditions?: RolloutCondition[] },
  cond: Omit<RolloutCondition, 'lastTransitionTime' | 'lastUpdateTime'>,
  now: string,
): boolean {
  const current = getCondition(status.conditions, cond.type);
  if (
    current &&
    current.status === cond.status &&
    current.reason === cond.reason
  ) {
    return false;
  }
  const next: RolloutCondition = {
    ...cond,
    lastTransitionTime:
      current && current.status === cond.status
        ? current.lastTransitionTime
        : now,
    lastUpdateTime: now,
  };
  status.conditions = [
    ...(status.conditions ?? []).filter(c => c.type !== cond.type),
    next,
  ];
  return true;
}

export function removeCondition(
  status: { conditions?: RolloutCondition[] },
  type: string,
) {
  if (status.conditions) {
    status.conditions = status.conditions.filter(c => c.type !== type);
  }
}

/** `CalculateRolloutPhase(spec, status)` (argo-rollouts utils/rollout/rolloututil.go). */
export function calculateRolloutPhase(
  spec: any,
  status: any,
): { phase: string; message: string } {
  for (const c of (status.conditions ?? []) as RolloutCondition[]) {
    if (c.type === 'InvalidSpec') {
      return { phase: 'Degraded', message: `InvalidSpec: ${c.message}` };
    }
    if (c.reason === REASONS.aborted || c.reason === REASONS.timedOut) {
      return { phase: 'Degraded', message: `${c.reason}: ${c.message}` };
    }
  }
  if (spec.paused) {
    return { phase: 'Paused', message: 'manually paused' };
  }
  const pcs = status.pauseConditions ?? [];
  if (pcs.length > 0) {
    return { phase: 'Paused', message: pcs[0].reason };
  }
  if (
    spec.restartAt &&
    (!status.restartedAt || status.restartedAt !== spec.restartAt)
  ) {
    return { phase: 'Progressing', message: 'rollout is restarting' };
  }
  const desired = spec.replicas ?? 1;
  if ((status.updatedReplicas ?? 0) < desired) {
    return {
      phase: 'Progressing',
      message: 'more replicas need to be updated',
    };
  }
  if ((status.availableReplicas ?? 0) < (status.updatedReplicas ?? 0)) {
    return {
      phase: 'Progressing',
      message: 'updated replicas are still becoming available',
    };
  }
  if (spec.strategy?.blueGreen) {
    const bg = status.blueGreen ?? {};
    if (!bg.activeSelector || bg.activeSelector !== status.currentPodHash) {
      return {
        phase: 'Progressing',
        message: 'active service cutover pending',
      };
    }
    if (!status.stableRS || status.stableRS !== status.currentPodHash) {
      const run = bg.postPromotionAnalysisRunStatus;
      if (
        spec.strategy.blueGreen.postPromotionAnalysis &&
        (!run || !isCompleted(run.status))
      ) {
        return {
          phase: 'Progressing',
          message: 'waiting for analysis to complete',
        };
      }
      return {
        phase: 'Progressing',
        message: 'waiting for post-promotion verification to complete',
      };
    }
  } else if (spec.strategy?.canary) {
    if (
      !spec.strategy.canary.trafficRouting &&
      (status.replicas ?? 0) > (status.updatedReplicas ?? 0)
    ) {
      return {
        phase: 'Progressing',
        message: 'old replicas are pending termination',
      };
    }
    if (!status.stableRS || status.stableRS !== status.currentPodHash) {
      return {
        phase: 'Progressing',
        message: 'waiting for all steps to complete',
      };
    }
  }
  return { phase: 'Healthy', message: '' };
}

export function isCompleted(phase: string | undefined): boolean {
  return (
    phase === 'Successful' ||
    phase === 'Failed' ||
    phase === 'Error' ||
    phase === 'Inconclusive'
  );
}
