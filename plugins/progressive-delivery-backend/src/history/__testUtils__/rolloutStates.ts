import {
  AnalysisRun,
  Rollout,
  RolloutStatus,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/*
 * Rollout and AnalysisRun objects as a controller writes them, step by step. The starting
 * points are the upstream fixtures `canary/canary-rollout.yaml` (canary-demo) and
 * `blue-green/bluegreen-rollout.yaml` (bluegreen-demo) in
 * plugins/progressive-delivery-common/src/__fixtures__/argo-rollouts, reduced to the fields
 * the status model reads.
 */

export const CANARY_UID = 'b350ba76-f6ed-11e9-a15b-42010aa80033';
export const BLUE_GREEN_UID = 'fe2872f3-f79f-11e9-a15b-42010aa80033';
export const STABLE_HASH = '877894d5b';
export const CANARY_HASH = '65fb5ffc84';

let resourceVersion = 28253567;

/** canary-demo, fully promoted at revision 31 (steps: 20%, pause{}, 40%, pause 10s, ...). */
export function canaryDemo(): Rollout {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      name: 'canary-demo',
      namespace: 'jesse-test',
      uid: CANARY_UID,
      generation: 429,
      resourceVersion: String(resourceVersion++),
      annotations: { 'rollout.argoproj.io/revision': '31' },
      labels: { app: 'canary-demo' },
    },
    spec: {
      replicas: 5,
      selector: { matchLabels: { app: 'canary-demo' } },
      strategy: {
        canary: {
          canaryService: 'canary-demo-preview',
          steps: [
            { setWeight: 20 },
            { pause: {} },
            { setWeight: 40 },
            { pause: { duration: '10s' } },
            { setWeight: 60 },
            { pause: { duration: '10s' } },
          ],
        },
      },
      template: {
        metadata: { labels: { app: 'canary-demo' } },
        spec: {
          containers: [
            { name: 'canary-demo', image: 'argoproj/rollouts-demo:blue' },
          ],
        },
      },
    },
    status: healthyStatus(STABLE_HASH, 429, 6),
  };
}

/** bluegreen-demo, fully promoted at revision 11 (autoPromotionEnabled: false). */
export function blueGreenDemo(autoPromotionSeconds?: number): Rollout {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      name: 'bluegreen-demo',
      namespace: 'jesse-test',
      uid: BLUE_GREEN_UID,
      generation: 410,
      resourceVersion: String(resourceVersion++),
      annotations: { 'rollout.argoproj.io/revision': '11' },
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'bluegreen-demo' } },
      strategy: {
        blueGreen: {
          activeService: 'bluegreen-demo',
          previewService: 'bluegreen-demo-preview',
          autoPromotionEnabled: false,
          ...(autoPromotionSeconds ? { autoPromotionSeconds } : {}),
        },
      },
      template: {
        metadata: { labels: { app: 'bluegreen-demo' } },
        spec: {
          containers: [
            { name: 'bluegreen-demo', image: 'argoproj/rollouts-demo:blue' },
          ],
        },
      },
    },
    status: {
      ...healthyStatus('6cbccd9f99', 410, undefined),
      blueGreen: { activeSelector: '6cbccd9f99' },
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    },
  };
}

function healthyStatus(
  hash: string,
  generation: number,
  stepCount: number | undefined,
): RolloutStatus {
  return {
    phase: 'Healthy',
    observedGeneration: String(generation),
    stableRS: hash,
    currentPodHash: hash,
    ...(stepCount !== undefined ? { currentStepIndex: stepCount } : {}),
    replicas: 5,
    updatedReplicas: 5,
    readyReplicas: 5,
    availableReplicas: 5,
  };
}

/** A copy with the changes applied and a new resourceVersion, as the next watch event. */
export function next(
  rollout: Rollout,
  change: {
    status?: Partial<RolloutStatus>;
    spec?: Partial<Rollout['spec']>;
    revision?: number;
    /** A spec change: the generation goes up. */
    specChanged?: boolean;
  },
): Rollout {
  const copy = structuredClone(rollout);
  copy.metadata.resourceVersion = String(resourceVersion++);
  if (change.revision !== undefined) {
    copy.metadata.annotations = {
      ...copy.metadata.annotations,
      'rollout.argoproj.io/revision': String(change.revision),
    };
  }
  if (change.spec || change.specChanged) {
    copy.metadata.generation = (copy.metadata.generation ?? 0) + 1;
    copy.spec = { ...copy.spec, ...change.spec };
  }
  if (change.status) {
    copy.status = { ...copy.status, ...change.status };
    for (const [field, value] of Object.entries(change.status)) {
      if (value === undefined) {
        delete (copy.status as Record<string, unknown>)[field];
      }
    }
  }
  // The controller observes every spec change in these sequences.
  copy.status = {
    ...copy.status,
    observedGeneration: String(copy.metadata.generation),
  };
  return copy;
}

/** The controller's status for a canary revision at a step. */
export function canaryAt(
  hash: string,
  step: number,
  pause?: { reason?: string; startTime: string },
): Partial<RolloutStatus> {
  return {
    currentPodHash: hash,
    currentStepIndex: step,
    phase: pause ? 'Paused' : 'Progressing',
    message: pause
      ? pause.reason ?? 'CanaryPauseStep'
      : 'more replicas need to be updated',
    pauseConditions: pause
      ? [
          {
            reason: pause.reason ?? 'CanaryPauseStep',
            startTime: pause.startTime,
          },
        ]
      : undefined,
    controllerPause: pause ? true : undefined,
  };
}

/** A person's `kubectl argo rollouts promote` at a pause: the conditions are gone, the step not yet. */
export const PROMOTE_PATCH: Partial<RolloutStatus> = {
  pauseConditions: undefined,
};

/** Fully promoted and Healthy on `hash`. */
export function promoted(hash: string, stepCount = 6): Partial<RolloutStatus> {
  return {
    stableRS: hash,
    currentPodHash: hash,
    currentStepIndex: stepCount,
    phase: 'Healthy',
    message: undefined,
    pauseConditions: undefined,
    controllerPause: undefined,
  };
}

/** What the controller writes once it acted on an abort. */
export function abortedStatus(
  revision: number,
  abortedAt: string,
  reason?: string,
): Partial<RolloutStatus> {
  const message = `Rollout aborted update to revision ${revision}${
    reason ? `: ${reason}` : ''
  }`;
  return {
    abort: true,
    abortedAt,
    phase: 'Degraded',
    message: `RolloutAborted: ${message}`,
    pauseConditions: undefined,
    controllerPause: undefined,
    conditions: [
      {
        type: 'Progressing',
        status: 'False',
        reason: 'RolloutAborted',
        message,
      },
    ],
  };
}

/** An AnalysisRun of a rollout (or of another owner), by phase. */
export function analysisRun(
  name: string,
  uid: string,
  phase: string | undefined,
  owner: { kind: string; name: string; uid: string } = {
    kind: 'Rollout',
    name: 'canary-demo',
    uid: CANARY_UID,
  },
): AnalysisRun {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: {
      name,
      namespace: 'jesse-test',
      uid,
      resourceVersion: String(resourceVersion++),
      annotations: { 'rollout.argoproj.io/revision': '32' },
      labels: {
        'rollout-type': 'Step',
        'rollouts-pod-template-hash': CANARY_HASH,
      },
      ownerReferences: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: owner.kind,
          name: owner.name,
          uid: owner.uid,
          controller: true,
        },
      ],
    },
    spec: { metrics: [{ name: 'web', provider: { web: {} } }] },
    ...(phase ? { status: { phase } } : {}),
  };
}
