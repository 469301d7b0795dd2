import { CanaryStep, Rollout } from '../kubernetes/rollout';
import { RolloutReplicaSetInfo } from './types';

/** Default of `trafficRouting.maxTrafficWeight`. */
const DEFAULT_MAX_TRAFFIC_WEIGHT = 100;

/** @public */
export interface CurrentCanaryStep {
  /** The step being executed; undefined past the last step or without steps. */
  step?: CanaryStep;
  /** `status.currentStepIndex` (0 when unset); undefined without steps. */
  index?: number;
}

/**
 * Upstream `GetCurrentCanaryStep`: the index defaults to 0; at or past the end there is no current
 * step.
 * @public
 */
export function currentCanaryStep(rollout: Rollout): CurrentCanaryStep {
  const steps = rollout.spec.strategy.canary?.steps ?? [];
  if (steps.length === 0) return {};
  const index = rollout.status?.currentStepIndex ?? 0;
  if (index >= steps.length) return { index };
  return { step: steps[index], index };
}

/** `trafficRouting.maxTrafficWeight`, default 100: the weight that means "all traffic". @public */
export function maxTrafficWeight(rollout: Rollout): number {
  return (
    rollout.spec.strategy.canary?.trafficRouting?.maxTrafficWeight ??
    DEFAULT_MAX_TRAFFIC_WEIGHT
  );
}

/**
 * Desired canary weight (`GetCurrentSetWeight`): 0 when aborted, everything past the last step,
 * otherwise the closest setWeight at or before the current step (so analysis / experiment steps
 * inherit the previous one), 0 if none.
 * @public
 */
export function canarySetWeight(rollout: Rollout): number {
  if (rollout.status?.abort) return 0;
  const { step, index } = currentCanaryStep(rollout);
  if (!step || index === undefined) return maxTrafficWeight(rollout);
  const steps = rollout.spec.strategy.canary?.steps ?? [];
  for (let i = index; i >= 0; i--) {
    const weight = steps[i].setWeight;
    if (weight !== undefined && weight !== null) return weight;
  }
  return 0;
}

/**
 * Observed canary weight, as the kubectl plugin prints ActualWeight: from the routers' reported
 * weights with traffic routing, otherwise the canary ReplicaSet's share of available pods.
 * @public
 */
export function canaryActualWeight(
  rollout: Rollout,
  replicaSets: readonly RolloutReplicaSetInfo[],
): number {
  const { step } = currentCanaryStep(rollout);
  const maxWeight = maxTrafficWeight(rollout);
  if (!step) return maxWeight;
  const available = rollout.status?.availableReplicas ?? 0;
  if (available <= 0) return 0;
  if (!rollout.spec.strategy.canary?.trafficRouting) {
    let weight = 0;
    // Upstream keeps the last canary-tagged ReplicaSet; there is at most one.
    for (const rs of replicaSets) {
      if (rs.tags.includes('canary')) {
        weight = Math.floor((rs.available * maxWeight) / available);
      }
    }
    return weight;
  }
  const reported = rollout.status?.canary?.weights?.canary?.weight;
  return reported ?? canarySetWeight(rollout);
}

/** `"<index>/<steps>"`, or `''` when the index is unset or there are no steps. @public */
export function canaryStepText(rollout: Rollout): string {
  const steps = rollout.spec.strategy.canary?.steps ?? [];
  const index = rollout.status?.currentStepIndex;
  if (index === undefined || index === null || steps.length === 0) return '';
  return `${index}/${steps.length}`;
}
