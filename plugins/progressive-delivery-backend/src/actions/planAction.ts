import {
  parseRevision,
  ReplicaSet,
  Rollout,
  RolloutAction,
  ROLLOUT_POD_TEMPLATE_HASH_LABEL,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** One request of an action: a merge patch of the status subresource or the main resource, or a JSON patch. */
export type PlannedPatch =
  | {
      target: 'rollout';
      subresource?: 'status';
      type: 'merge';
      body: Record<string, unknown>;
      /** Sent instead (to the main resource) when the status subresource does not exist (v0.9 CRDs). */
      fallback?: Record<string, unknown>;
    }
  | {
      target: 'rollout' | 'workload';
      type: 'json';
      body: Array<{ op: 'replace'; path: string; value: unknown }>;
    };

export interface ActionPlan {
  patches: PlannedPatch[];
  /** Human summary of what the patches do, for the audit trail and the response. */
  description: string;
}

/** Thrown when an action cannot be planned for the rollout's current state. */
export class ActionNotApplicableError extends Error {
  readonly name = 'ActionNotApplicableError';
}

export interface PlanContext {
  now: Date;
  /** For rollback: the ReplicaSets owned by the rollout, with full pod templates. */
  replicaSets?: ReplicaSet[];
  /** For rollback: revision to go back to; default the previous one. */
  revision?: number;
}

/**
 * The requests `kubectl argo rollouts <verb>` sends (reference §2.1), as data: status
 * subresource first with a unified fallback for the main resource, merge patches except
 * rollback (JSON patch of `/spec/template`, on the workloadRef target when there is one).
 */
export function planAction(
  rollout: Rollout,
  action: RolloutAction,
  context: PlanContext,
): ActionPlan {
  switch (action) {
    case 'promote':
      return planPromote(rollout);
    case 'promote-full':
      return planPromoteFull(rollout);
    case 'abort':
      return statusOnly(
        { abort: true },
        'abort the update; traffic returns to the stable revision',
      );
    case 'retry':
      return statusOnly({ abort: false }, 'retry the aborted update');
    case 'pause':
      return {
        patches: [
          {
            target: 'rollout',
            type: 'merge',
            body: { spec: { paused: true } },
          },
        ],
        description: 'pause the rollout',
      };
    case 'resume':
      return {
        patches: [
          {
            target: 'rollout',
            type: 'merge',
            body: { spec: { paused: false } },
          },
        ],
        description: 'resume the rollout',
      };
    case 'restart':
      return {
        patches: [
          {
            target: 'rollout',
            type: 'merge',
            body: { spec: { restartAt: rfc3339Seconds(context.now) } },
          },
        ],
        description: 'restart all pods',
      };
    case 'rollback':
      return planRollback(rollout, context);
    default:
      throw new ActionNotApplicableError(`Unknown action ${action as string}`);
  }
}

function statusOnly(
  status: Record<string, unknown>,
  description: string,
): ActionPlan {
  return {
    patches: [
      {
        target: 'rollout',
        subresource: 'status',
        type: 'merge',
        body: { status },
        fallback: { status },
      },
    ],
    description,
  };
}

function planPromote(rollout: Rollout): ActionPlan {
  const status = rollout.status ?? {};
  const steps = rollout.spec?.strategy?.canary?.steps;
  const isCanary = Boolean(rollout.spec?.strategy?.canary);
  const pauseConditions = status.pauseConditions ?? [];
  const specPaused = rollout.spec?.paused === true;
  const index = status.currentStepIndex ?? 0;
  const nextIndex = steps ? Math.min(index + 1, steps.length) : index;

  let statusPatch: Record<string, unknown> | undefined;
  let description: string;
  if (
    isCanary &&
    status.canary?.currentStepAnalysisRunStatus?.status === 'Inconclusive' &&
    pauseConditions.length > 0 &&
    status.controllerPause
  ) {
    statusPatch = {
      pauseConditions: null,
      controllerPause: false,
      currentStepIndex: nextIndex,
    };
    description = `accept the inconclusive analysis and move to step ${nextIndex}`;
  } else if (pauseConditions.length > 0) {
    statusPatch = { pauseConditions: null };
    description = isCanary
      ? 'end the current pause and continue'
      : 'promote the preview to active';
  } else if (isCanary) {
    statusPatch = { pauseConditions: null, currentStepIndex: nextIndex };
    description = `skip to step ${nextIndex}`;
  } else {
    description = 'resume';
  }
  const patches: PlannedPatch[] = [];
  if (statusPatch) {
    patches.push({
      target: 'rollout',
      subresource: 'status',
      type: 'merge',
      body: { status: statusPatch },
      fallback: { spec: { paused: false }, status: statusPatch },
    });
  }
  if (specPaused) {
    patches.push({
      target: 'rollout',
      type: 'merge',
      body: { spec: { paused: false } },
    });
  }
  if (patches.length === 0) {
    throw new ActionNotApplicableError(
      'Nothing to promote: the rollout is not paused',
    );
  }
  return { patches, description };
}

function planPromoteFull(rollout: Rollout): ActionPlan {
  const status = rollout.status ?? {};
  const patches: PlannedPatch[] = [];
  if (status.currentPodHash !== status.stableRS) {
    patches.push({
      target: 'rollout',
      subresource: 'status',
      type: 'merge',
      body: { status: { promoteFull: true } },
      fallback: { spec: { paused: false }, status: { promoteFull: true } },
    });
  }
  if (rollout.spec?.paused === true) {
    patches.push({
      target: 'rollout',
      type: 'merge',
      body: { spec: { paused: false } },
    });
  }
  if (patches.length === 0) {
    throw new ActionNotApplicableError(
      'Nothing to promote: the rollout is fully promoted',
    );
  }
  return {
    patches,
    description: 'promote fully, skipping the remaining steps and analysis',
  };
}

function planRollback(rollout: Rollout, context: PlanContext): ActionPlan {
  const replicaSets = context.replicaSets ?? [];
  const current = parseRevision(rollout);
  let target: ReplicaSet | undefined;
  if (context.revision !== undefined) {
    target = replicaSets.find(rs => parseRevision(rs) === context.revision);
    if (!target) {
      throw new ActionNotApplicableError(
        `No ReplicaSet with revision ${context.revision}`,
      );
    }
  } else {
    // kubectl's default (--to-revision 0): the newest revision below the current one.
    target = replicaSets
      .filter(rs => parseRevision(rs) < current)
      .sort((a, b) => parseRevision(b) - parseRevision(a))[0];
    if (!target) {
      throw new ActionNotApplicableError('No earlier revision to roll back to');
    }
  }
  const targetHash = target.metadata.labels?.[ROLLOUT_POD_TEMPLATE_HASH_LABEL];
  if (targetHash && targetHash === rollout.status?.currentPodHash) {
    throw new ActionNotApplicableError(
      `Skipped rollback: the current template already matches revision ${parseRevision(
        target,
      )}`,
    );
  }
  const template = structuredClone(target.spec?.template ?? {}) as {
    metadata?: { labels?: Record<string, string> };
  };
  if (template.metadata?.labels) {
    delete template.metadata.labels[ROLLOUT_POD_TEMPLATE_HASH_LABEL];
  }
  const workloadRef = rollout.spec?.workloadRef;
  return {
    patches: [
      {
        target: workloadRef ? 'workload' : 'rollout',
        type: 'json',
        body: [{ op: 'replace', path: '/spec/template', value: template }],
      },
    ],
    description: `roll back to revision ${parseRevision(target)}`,
  };
}

/** RFC 3339 in UTC without fractions, as the kubectl plugin writes `restartAt`. */
function rfc3339Seconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
