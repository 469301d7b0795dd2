import { RolloutStepsDescription } from '../status/describeSteps';
import { RolloutInfo, ReplicaSetTag } from '../status/types';
import { RolloutAction } from './rolloutActions';

/**
 * What an action will do to a rollout, in words, for a confirmation dialog. Pure: computed from
 * what the user sees (the rollout info and, when loaded, its steps), never from a live cluster.
 */

/** @public */
export interface ActionEffectDescription {
  /** A short title, e.g. "Promote checkout". */
  title: string;
  /** The exact effect, e.g. "move from step 3/8 (setWeight 20) to step 4/8 (pause 10m)". */
  effect: string;
  /** Whether the action changes live traffic or pods (the dialog then stresses it). */
  disruptive: boolean;
}

/** What the user chose in the dialog, where an action takes a choice. @public */
export interface ActionEffectOptions {
  /** Rollback: the revision to go back to (default: the previous one, as the backend picks). */
  revision?: number;
}

const ACTION_VERBS: Record<RolloutAction, string> = {
  promote: 'Promote',
  'promote-full': 'Fully promote',
  abort: 'Abort',
  retry: 'Retry',
  restart: 'Restart',
  pause: 'Pause',
  resume: 'Resume',
  rollback: 'Roll back',
};

/** The revision of the ReplicaSet carrying one of the tags, if any. */
function revisionTagged(
  info: RolloutInfo,
  tags: ReplicaSetTag[],
): number | undefined {
  for (const revision of info.revisions) {
    if (
      revision.replicaSets.some(rs => rs.tags.some(tag => tags.includes(tag)))
    ) {
      return revision.revision;
    }
  }
  return undefined;
}

/** The most recent revision other than the current one that still has a ReplicaSet. */
function previousRevision(info: RolloutInfo): number | undefined {
  return info.revisions
    .filter(
      r =>
        r.revision > 0 && r.revision !== info.revision && r.replicaSets.length,
    )
    .map(r => r.revision)
    .sort((a, b) => b - a)[0];
}

/** Compact kubectl-like label of a canary step: `setWeight 20`, `pause 10m`, `analysis`. */
function stepLabel(
  steps: RolloutStepsDescription | undefined,
  index: number,
): string | undefined {
  const step = steps?.steps[index];
  if (!step) return undefined;
  switch (step.kind) {
    case 'setWeight':
      return `setWeight ${step.weight}`;
    case 'pause':
      return step.duration === undefined
        ? 'pause until promoted'
        : `pause ${step.duration}`;
    case 'analysis':
      return `analysis ${step.templates.map(t => t.name).join(', ')}`.trim();
    case 'experiment':
      return 'experiment';
    case 'setCanaryScale':
      return 'setCanaryScale';
    case 'setHeaderRoute':
      return `setHeaderRoute ${step.routeName}`;
    case 'setMirrorRoute':
      return `setMirrorRoute ${step.routeName}`;
    case 'plugin':
      return `plugin ${step.pluginName}`;
    default:
      return undefined;
  }
}

function stepRef(
  steps: RolloutStepsDescription | undefined,
  index: number,
  count: number,
): string {
  const label = stepLabel(steps, index);
  return `step ${index}/${count}${label ? ` (${label})` : ''}`;
}

function stableText(info: RolloutInfo): string {
  const stable = revisionTagged(info, ['stable', 'active']);
  return stable !== undefined
    ? `stable revision ${stable}`
    : 'the stable revision';
}

/** `revision 3 (registry/app:1.2)`: the images say which version that is. */
function revisionText(info: RolloutInfo, revision: number): string {
  const images = [
    ...new Set(
      info.revisions
        .find(r => r.revision === revision)
        ?.replicaSets.flatMap(rs => rs.images)
        .filter(Boolean) ?? [],
    ),
  ];
  return `revision ${revision}${
    images.length ? ` (${images.join(', ')})` : ''
  }`;
}

function describeEffect(
  info: RolloutInfo,
  steps: RolloutStepsDescription | undefined,
  action: RolloutAction,
  options: ActionEffectOptions,
): { effect: string; disruptive: boolean } {
  const canary = info.strategy === 'Canary';
  const count = info.stepCount;
  const index = info.currentStepIndex;
  switch (action) {
    case 'promote': {
      if (info.manuallyPaused && info.pauseConditions.length === 0) {
        return {
          effect: 'lift the manual pause: the rollout continues on its own',
          disruptive: false,
        };
      }
      if (canary && count > 0 && index !== undefined && index < count) {
        const next =
          index + 1 >= count
            ? `complete the rollout: revision ${info.revision} becomes stable with 100% of traffic`
            : `${stepRef(steps, index + 1, count)}`;
        return {
          effect: `move from ${stepRef(steps, index, count)} to ${next}`,
          disruptive: true,
        };
      }
      if (!canary) {
        return {
          effect: `switch the active service to the preview revision ${info.revision}: it receives all traffic`,
          disruptive: true,
        };
      }
      return {
        effect: `resume the rollout of revision ${info.revision}`,
        disruptive: true,
      };
    }
    case 'promote-full':
      return {
        effect: canary
          ? `skip all remaining steps and analysis${
              index !== undefined && count > 0
                ? ` (now at step ${index}/${count})`
                : ''
            }: revision ${info.revision} gets 100% of traffic`
          : `skip analysis and pauses: revision ${info.revision} becomes active and receives all traffic`,
        disruptive: true,
      };
    case 'abort':
      return {
        effect: `abort: traffic returns to ${stableText(info)}${
          canary ? ' and the canary is scaled down' : ''
        }; the rollout becomes Degraded until retried`,
        disruptive: true,
      };
    case 'retry':
      return {
        effect: `clear the abort: the update to revision ${
          info.revision
        } starts again${canary && count > 0 ? ` from step 0/${count}` : ''}`,
        disruptive: true,
      };
    case 'restart':
      return {
        effect: `restart every pod of ${info.name}, one at a time (spec.restartAt = now)`,
        disruptive: true,
      };
    case 'pause':
      return {
        effect: `pause the rollout${
          canary && index !== undefined && count > 0
            ? ` at step ${index}/${count}`
            : ''
        }: the controller stops progressing until it is resumed`,
        disruptive: false,
      };
    case 'resume':
      return {
        effect: 'lift the manual pause: the rollout continues on its own',
        disruptive: false,
      };
    case 'rollback': {
      const previous = options.revision ?? previousRevision(info);
      return {
        effect:
          previous !== undefined
            ? `roll back to ${revisionText(
                info,
                previous,
              )}: its pod template is rolled out again as a new revision`
            : 'roll back to the previous revision: its pod template is rolled out again as a new revision',
        disruptive: true,
      };
    }
    default:
      return { effect: String(action), disruptive: true };
  }
}

/**
 * The exact effect of an action on a rollout as the user sees it, e.g.
 * `move from step 3/8 (setWeight 20) to step 4/8 (pause 10m)` or
 * `abort: traffic returns to stable revision 30 ...`.
 * @public
 */
export function describeActionEffect(
  info: RolloutInfo,
  steps: RolloutStepsDescription | undefined,
  action: RolloutAction,
  options: ActionEffectOptions = {},
): ActionEffectDescription {
  const { effect, disruptive } = describeEffect(info, steps, action, options);
  return {
    title: `${ACTION_VERBS[action]} ${info.name}`,
    effect,
    disruptive,
  };
}
