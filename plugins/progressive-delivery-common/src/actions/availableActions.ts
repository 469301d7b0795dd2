import { Rollout } from '../kubernetes/rollout';
import { describeRollout } from '../status/describeRollout';
import { RolloutInfo } from '../status/types';
import { ROLLOUT_ACTIONS, RolloutAction } from './rolloutActions';

/**
 * Which rollout actions make sense right now, and why not. Based on Argo CD's resource actions for
 * Rollouts (reference §3.3, `discovery.lua`) with the CLI's behaviour (reference §2.1) where ours
 * differ: `promote` is Argo CD's `resume`, `resume` undoes a manual pause, `rollback` is `undo`.
 */

/** @public */
export interface RolloutActionAvailability {
  action: RolloutAction;
  enabled: boolean;
  /** Why the action is disabled (set only when `enabled` is false). */
  reason?: string;
}

type Rule = (info: RolloutInfo, context: RuleContext) => string | undefined;

interface RuleContext {
  /** False when only the Rollout was given: its ReplicaSets (revisions) are unknown. */
  replicaSetsKnown: boolean;
}

const ABORTED = 'The rollout is aborted: retry it or roll back first.';
const FULLY_PROMOTED =
  'The rollout is fully promoted: there is no update in progress.';

/** Upstream's "paused": pause conditions, else `spec.paused`. */
function isPaused(info: RolloutInfo): boolean {
  return info.pauseConditions.length > 0 || info.manuallyPaused;
}

/** kubectl's promote also moves a canary past an analysis or experiment step it is waiting on. */
function isWaitingOnCanaryStep(info: RolloutInfo): boolean {
  return (
    info.strategy === 'Canary' &&
    info.stepCount > 0 &&
    (info.currentStepIndex ?? 0) < info.stepCount
  );
}

/** A revision other than the current one that still has a ReplicaSet to roll back to. */
function hasOlderRevision(info: RolloutInfo, context: RuleContext): boolean {
  if (!context.replicaSetsKnown) return info.revision > 1;
  const current =
    info.revisions.find(r =>
      r.replicaSets.some(
        rs =>
          rs.podTemplateHash !== undefined &&
          rs.podTemplateHash === info.currentPodHash,
      ),
    )?.revision ?? info.revision;
  return info.revisions.some(
    r => r.revision > 0 && r.revision !== current && r.replicaSets.length > 0,
  );
}

const RULES: Record<RolloutAction, Rule> = {
  // Argo CD: always available.
  restart: () => undefined,

  // Argo CD `resume`: needs a pause; we also refuse it on an aborted rollout (DESIGN §4.1).
  promote: info => {
    if (info.aborted) return ABORTED;
    if (isPaused(info)) return undefined;
    if (info.fullyPromoted) return FULLY_PROMOTED;
    if (!info.generationObserved)
      return 'The controller has not yet seen the latest change.';
    if (isWaitingOnCanaryStep(info)) return undefined;
    return 'The rollout is not paused: there is nothing to promote.';
  },

  // Argo CD: not fully promoted (v0.9 controllers: canary only).
  'promote-full': info => {
    if (info.aborted) return ABORTED;
    if (info.fullyPromoted) return FULLY_PROMOTED;
    if (info.promoteFullRequested)
      return 'A full promotion is already in progress.';
    if (info.strategy === 'BlueGreen' && isV09(info)) {
      return 'Controllers before v0.10 only support a full promotion of canary rollouts.';
    }
    return undefined;
  },

  // Argo CD: not fully promoted and not already aborted.
  abort: info => {
    if (info.aborted) return 'The rollout is already aborted.';
    if (info.fullyPromoted) return FULLY_PROMOTED;
    return undefined;
  },

  // Argo CD: not fully promoted and aborted. A Degraded rollout that is not aborted has nothing
  // to retry: retry only clears the abort.
  retry: info => {
    if (info.fullyPromoted) return FULLY_PROMOTED;
    if (!info.aborted) {
      return info.status === 'Degraded'
        ? `The rollout is degraded (${info.message}) but not aborted: retry only clears an abort.`
        : 'The rollout is not aborted.';
    }
    return undefined;
  },

  // Argo CD: not fully promoted, not aborted, not already paused.
  pause: info => {
    if (info.aborted) return ABORTED;
    if (info.fullyPromoted) return FULLY_PROMOTED;
    if (info.manuallyPaused) return 'The rollout is already paused manually.';
    if (info.pauseConditions.length > 0) {
      return `The rollout is already paused (${info.pauseConditions[0].reason}).`;
    }
    return undefined;
  },

  // Clears `spec.paused`; pauses set by the controller are lifted with promote instead.
  resume: info => {
    if (info.manuallyPaused) return undefined;
    if (info.pauseConditions.length > 0) {
      return `The rollout is paused by the controller (${info.pauseConditions[0].reason}): promote it to continue.`;
    }
    return 'The rollout is not paused manually.';
  },

  // `kubectl argo rollouts undo`: needs an older revision to go back to.
  rollback: (info, context) =>
    hasOlderRevision(info, context)
      ? undefined
      : 'There is no older revision to roll back to.',
};

/** v0.9 wrote a spec hash (not a number) into `status.observedGeneration`. */
function isV09(info: RolloutInfo): boolean {
  return (
    info.observedGeneration !== undefined &&
    !/^[+-]?\d+$/.test(info.observedGeneration)
  );
}

function isRolloutObject(input: RolloutInfo | Rollout): input is Rollout {
  return 'spec' in input && 'metadata' in input;
}

/**
 * For each action of ROLLOUT_ACTIONS, whether it is enabled and, if not, why. Given a bare
 * Rollout (no ReplicaSets), rollback is judged from the Rollout's revision number alone.
 * @public
 */
export function availableActions(
  input: RolloutInfo | Rollout,
): RolloutActionAvailability[] {
  const fromRollout = isRolloutObject(input);
  const info = fromRollout ? describeRollout(input, {}) : input;
  const context: RuleContext = { replicaSetsKnown: !fromRollout };
  return ROLLOUT_ACTIONS.map(action => {
    const reason = RULES[action](info, context);
    return reason === undefined
      ? { action, enabled: true }
      : { action, enabled: false, reason };
  });
}

/** Convenience: whether one action is enabled. @public */
export function isActionAvailable(
  input: RolloutInfo | Rollout,
  action: RolloutAction,
): boolean {
  return availableActions(input).some(a => a.action === action && a.enabled);
}
