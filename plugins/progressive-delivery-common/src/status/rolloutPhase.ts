import { Rollout } from '../kubernetes/rollout';
import { RolloutStatusValue } from './types';

/** @public */
export interface RolloutPhase {
  status: RolloutStatusValue;
  message: string;
}

const COMPLETED_ANALYSIS_PHASES = [
  'Successful',
  'Failed',
  'Error',
  'Inconclusive',
];

/**
 * Whether the controller has seen the current spec. `observedGeneration` is a string: a v0.9 spec
 * hash (not a number) counts as observed, and so does a number at or above `metadata.generation`.
 * @public
 */
export function isGenerationObserved(rollout: Rollout): boolean {
  const observed = rollout.status?.observedGeneration;
  if (observed === undefined || observed === null) return true;
  // strconv.Atoi semantics: an optional sign and digits only.
  if (!/^[+-]?\d+$/.test(String(observed))) return true;
  return Number(observed) >= (rollout.metadata.generation ?? 0);
}

/**
 * Status and message exactly as `kubectl argo rollouts get rollout` derives them
 * (`GetRolloutPhase`, reference §1.1): first matching rule wins.
 * @public
 */
export function rolloutPhase(rollout: Rollout): RolloutPhase {
  const status = rollout.status ?? {};

  // 1. The controller has not seen the latest spec: nothing in status is current yet.
  if (!isGenerationObserved(rollout)) {
    return progressing('waiting for rollout spec update to be observed');
  }
  // 2. A user cleared the pause conditions but the controller has not reacted yet.
  if (status.controllerPause && (status.pauseConditions ?? []).length === 0) {
    return progressing('waiting for rollout to unpause');
  }
  // 3. (workloadRef generation) is only taken by the controller itself: its flag is not serialized.
  // 4. Controllers from v1.0 compute the phase themselves.
  if (status.phase) {
    // Returned unchanged, like upstream; the enum has only the four documented values.
    return {
      status: status.phase as RolloutStatusValue,
      message: status.message ?? '',
    };
  }
  // 5. Older controllers: compute it like the controller would.
  return calculateRolloutPhase(rollout);
}

/**
 * Upstream `CalculateRolloutPhase(spec, status)`: the controller's own derivation, used by clients
 * for objects written by controllers older than v1.0 (no `status.phase`).
 * @public
 */
export function calculateRolloutPhase(rollout: Rollout): RolloutPhase {
  const { spec } = rollout;
  const status = rollout.status ?? {};

  // a. Conditions first: Degraded outranks Paused.
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'InvalidSpec') {
      return degraded(`InvalidSpec: ${condition.message ?? ''}`);
    }
    if (
      condition.reason === 'RolloutAborted' ||
      condition.reason === 'ProgressDeadlineExceeded'
    ) {
      return degraded(`${condition.reason}: ${condition.message ?? ''}`);
    }
  }
  // b. Manual pause.
  if (spec.paused) return { status: 'Paused', message: 'manually paused' };
  // c. Controller pause: the first condition's reason is the message.
  const firstPause = (status.pauseConditions ?? [])[0];
  if (firstPause) return { status: 'Paused', message: firstPause.reason };
  // d. Restart requested and not yet carried out.
  if (spec.restartAt && !sameInstant(spec.restartAt, status.restartedAt)) {
    return progressing('rollout is restarting');
  }
  const updated = status.updatedReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  // e./f. Replica counts.
  if (updated < (spec.replicas ?? 1)) {
    return progressing('more replicas need to be updated');
  }
  if (available < updated) {
    return progressing('updated replicas are still becoming available');
  }
  const stableRS = status.stableRS ?? '';
  const currentPodHash = status.currentPodHash ?? '';
  const promoted = stableRS !== '' && stableRS === currentPodHash;
  // g. Blue-green: the active service must point at the new pods, then post-promotion checks.
  if (spec.strategy.blueGreen) {
    const activeSelector = status.blueGreen?.activeSelector ?? '';
    if (activeSelector === '' || activeSelector !== currentPodHash) {
      return progressing('active service cutover pending');
    }
    if (!promoted) {
      const postRun = status.blueGreen?.postPromotionAnalysisRunStatus;
      if (
        spec.strategy.blueGreen.postPromotionAnalysis &&
        (!postRun || !COMPLETED_ANALYSIS_PHASES.includes(postRun.status))
      ) {
        return progressing('waiting for analysis to complete');
      }
      return progressing('waiting for post-promotion verification to complete');
    }
  } else if (spec.strategy.canary) {
    // h. Canary: old pods go away (basic canary), then all steps must be done.
    if (
      !spec.strategy.canary.trafficRouting &&
      (status.replicas ?? 0) > updated
    ) {
      return progressing('old replicas are pending termination');
    }
    if (!promoted) return progressing('waiting for all steps to complete');
  }
  // i.
  return { status: 'Healthy', message: '' };
}

function progressing(message: string): RolloutPhase {
  return { status: 'Progressing', message };
}

function degraded(message: string): RolloutPhase {
  return { status: 'Degraded', message };
}

/** metav1.Time equality: the same instant, whatever the formatting. */
function sameInstant(a: string, b?: string | null): boolean {
  if (!b) return false;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return a === b;
  return ta === tb;
}
