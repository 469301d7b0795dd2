import {
  describeRollout,
  Rollout,
  RolloutInfo,
  RolloutStatusValue,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { abortCause } from './abortCause';
import { ManualAction, manualEventType, NewRolloutEvent } from './events';

/** A pause only a person ends (an indefinite pause step, a blue-green pause without auto-promotion, an inconclusive result). */
export interface HeldPause {
  reason: string;
  startTime: string;
  /** Canary step index the pause holds; undefined for blue-green. */
  step?: number;
}

/** What the recorder remembers of a rollout between two events: just enough to see transitions. */
export interface RolloutMemory {
  revision: number;
  podHash: string;
  status: RolloutStatusValue;
  aborted: boolean;
  abortedAt?: string;
  specPaused: boolean;
  promoteFull: boolean;
  restartAt?: string;
  resourceVersion?: string;
  /** The revision (pod hash) seen before its full promotion: its completion is still to come. */
  pendingHash?: string;
  /** An indefinite pause seen and not yet ended. */
  heldPause?: HeldPause;
}

export interface RolloutTransitions {
  memory: RolloutMemory;
  /** Empty on first sight: only changes that were seen happen are recorded. */
  events: NewRolloutEvent[];
}

/**
 * Compares a Rollout with what was remembered of it and names the transitions in between.
 * Status rules (phase, full promotion, abort) come from describeRollout() in -common.
 */
export function rolloutTransitions(
  cluster: string,
  rollout: Rollout,
  previous: RolloutMemory | undefined,
  now: Date,
): RolloutTransitions {
  const info = describeRollout(rollout, {}, now);
  const podHash = info.currentPodHash ?? '';
  const ended = previous?.heldPause
    ? heldPauseEnded(previous.heldPause, previous, rollout, info)
    : false;
  const memory: RolloutMemory = {
    revision: info.revision,
    podHash,
    status: info.status,
    aborted: info.aborted,
    ...(info.abortedAt ? { abortedAt: info.abortedAt } : {}),
    specPaused: info.manuallyPaused,
    promoteFull: info.promoteFullRequested,
    ...(info.restartAt ? { restartAt: info.restartAt } : {}),
    ...(info.resourceVersion ? { resourceVersion: info.resourceVersion } : {}),
    ...pendingOf(info, previous),
    ...heldOf(rollout, info, previous, ended),
  };
  if (!previous) return { memory, events: [] };

  const events: NewRolloutEvent[] = [];
  const add = (
    type: NewRolloutEvent['type'],
    key: string,
    extra: Partial<Pick<NewRolloutEvent, 'phase' | 'detail'>> = {},
  ) =>
    events.push({
      cluster,
      namespace: info.namespace,
      name: info.name,
      rolloutUid: rollout.metadata.uid ?? '',
      revision: info.revision,
      podHash,
      type,
      phase: info.status,
      ...extra,
      key: `${type}:${key}`,
      occurredAt: now,
    });
  const manual = (action: ManualAction, key: string) =>
    add(manualEventType(action), key);
  const revisionKey = `${info.revision}:${podHash}`;
  const sameRevision = podHash !== '' && podHash === previous.podHash;

  // A new pod template began rolling out (a change straight to the stable hash is a
  // return to the stable revision, not a rollout).
  if (
    previous.podHash !== '' &&
    podHash !== '' &&
    !sameRevision &&
    podHash !== info.stableRS
  ) {
    add('started', revisionKey);
  }
  if (
    previous.pendingHash !== undefined &&
    previous.pendingHash === podHash &&
    isComplete(info)
  ) {
    add('completed', revisionKey);
  }
  // abortedAt is written by the controller once it acted on the abort, whoever asked.
  if (info.aborted && info.abortedAt && info.abortedAt !== previous.abortedAt) {
    const cause = abortCause(rollout);
    add('aborted', `${info.revision}:${info.abortedAt}`, { detail: cause });
    if (cause === 'manual') {
      manual('abort', `${info.revision}:${info.abortedAt}`);
    }
  }
  if (
    previous.aborted &&
    !info.aborted &&
    sameRevision &&
    !info.fullyPromoted
  ) {
    manual(
      'retry',
      `${info.revision}:${previous.abortedAt ?? previous.resourceVersion}`,
    );
  }
  if (!previous.promoteFull && info.promoteFullRequested) {
    manual('promote-full', revisionKey);
  }
  if (
    ended &&
    sameRevision &&
    !info.aborted &&
    !previous.promoteFull &&
    !info.promoteFullRequested
  ) {
    // The step tells pauses apart even when two started in the same second.
    const held = previous.heldPause!;
    manual('promote', `${info.revision}:${held.step ?? '-'}:${held.startTime}`);
  }
  // spec changes: the generation tells repeated pauses apart on every replica alike.
  const generation = info.generation ?? info.resourceVersion;
  if (!previous.specPaused && info.manuallyPaused) {
    manual('pause', `${generation}`);
  }
  if (previous.specPaused && !info.manuallyPaused) {
    manual('resume', `${generation}`);
  }
  if (info.restartAt && info.restartAt !== previous.restartAt) {
    manual('restart', info.restartAt);
  }
  return { memory, events };
}

/** Fully promoted (stable = current) and Healthy: the revision's rollout is done. */
function isComplete(info: RolloutInfo): boolean {
  return info.fullyPromoted && info.status === 'Healthy';
}

function pendingOf(
  info: RolloutInfo,
  previous: RolloutMemory | undefined,
): Pick<RolloutMemory, 'pendingHash'> {
  const podHash = info.currentPodHash ?? '';
  // A first revision (no stable one yet) is not a rollout of a change.
  if (podHash === '' || !info.stableRS || isComplete(info)) return {};
  if (!info.fullyPromoted) return { pendingHash: podHash };
  // Promoted but not yet Healthy (old pods terminating): keep waiting if we were.
  return previous?.pendingHash === podHash ? { pendingHash: podHash } : {};
}

/** The indefinite pause the rollout is held at now, if any. */
function currentHeldPause(
  rollout: Rollout,
  info: RolloutInfo,
): HeldPause | undefined {
  const step = info.currentStepIndex;
  for (const pause of info.pauseConditions) {
    const held = { reason: pause.reason, startTime: pause.startTime };
    switch (pause.reason) {
      case 'InconclusiveAnalysisRun':
      case 'InconclusiveExperiment':
        return { ...held, ...(step !== undefined ? { step } : {}) };
      case 'CanaryPauseStep': {
        const pauseStep =
          step !== undefined
            ? rollout.spec.strategy.canary?.steps?.[step]?.pause
            : undefined;
        const duration = pauseStep?.duration;
        if (pauseStep && (duration === undefined || duration === null)) {
          return { ...held, step: step! };
        }
        break;
      }
      case 'BlueGreenPause':
        if ((rollout.spec.strategy.blueGreen?.autoPromotionSeconds ?? 0) <= 0) {
          return held;
        }
        break;
      default:
    }
  }
  return undefined;
}

function heldOf(
  rollout: Rollout,
  info: RolloutInfo,
  previous: RolloutMemory | undefined,
  ended: boolean,
): Pick<RolloutMemory, 'heldPause'> {
  const held = currentHeldPause(rollout, info);
  if (held) return { heldPause: held };
  // A promote clears the pause first; the controller moves on in a later event.
  const podHash = info.currentPodHash ?? '';
  if (
    previous?.heldPause &&
    !ended &&
    !info.aborted &&
    podHash === previous.podHash
  ) {
    return { heldPause: previous.heldPause };
  }
  return {};
}

/** The controller moved past a held pause: the canary step advanced, or blue-green switched. */
function heldPauseEnded(
  held: HeldPause,
  previous: RolloutMemory,
  rollout: Rollout,
  info: RolloutInfo,
): boolean {
  if ((info.currentPodHash ?? '') !== previous.podHash) return false;
  if (info.fullyPromoted) return true;
  if (held.step !== undefined) {
    return (
      info.currentStepIndex !== undefined && info.currentStepIndex > held.step
    );
  }
  return (
    info.pauseConditions.length === 0 &&
    rollout.status?.blueGreen?.activeSelector === info.currentPodHash
  );
}
