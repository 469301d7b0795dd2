import {
  AnalysisRunDetail,
  AuditEntryView,
  EntityRollout,
  EntityRolloutsResponse,
  RolloutActionAvailability,
  RolloutDetailResponse,
  RolloutInfo,
  RolloutStepsDescription,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** A canary paused on an indefinite pause step at 1/7; tests override what they need. */
export function makeInfo(overrides: Partial<RolloutInfo> = {}): RolloutInfo {
  return {
    name: 'checkout',
    namespace: 'checkout',
    strategy: 'Canary',
    status: 'Paused',
    message: 'CanaryPauseStep',
    step: '1/7',
    setWeight: 20,
    actualWeight: 20,
    images: [
      { image: 'registry/checkout:1.1', tags: ['canary'] },
      { image: 'registry/checkout:1.0', tags: ['stable'] },
    ],
    replicas: { desired: 5, current: 6, updated: 1, ready: 6, available: 6 },
    revisions: [
      {
        revision: 2,
        replicaSets: [
          {
            name: 'checkout-7b9c',
            revision: 2,
            status: 'Healthy',
            tags: ['canary'],
            replicas: 1,
            available: 1,
            images: ['registry/checkout:1.1'],
            pods: [
              {
                name: 'checkout-7b9c-aaaaa',
                status: 'Running',
                ready: '1/1',
                restarts: 0,
              },
            ],
          },
        ],
        experiments: [],
        analysisRuns: [],
      },
      {
        revision: 1,
        replicaSets: [
          {
            name: 'checkout-5d4f',
            revision: 1,
            status: 'Healthy',
            tags: ['stable'],
            replicas: 5,
            available: 5,
            images: ['registry/checkout:1.0'],
            pods: [
              {
                name: 'checkout-5d4f-bbbbb',
                status: 'Running',
                ready: '1/1',
                restarts: 2,
              },
            ],
          },
        ],
        experiments: [],
        analysisRuns: [],
      },
    ],
    resourceVersion: '1234',
    generationObserved: true,
    revision: 2,
    currentStepIndex: 1,
    stepCount: 7,
    aborted: false,
    paused: true,
    manuallyPaused: false,
    pauseConditions: [
      { reason: 'CanaryPauseStep', startTime: '2026-01-01T00:00:00Z' },
    ],
    controllerPause: true,
    fullyPromoted: false,
    promoteFullRequested: false,
    containers: [{ name: 'checkout', image: 'registry/checkout:1.1' }],
    ...overrides,
  };
}

export const pausedActions: RolloutActionAvailability[] = [
  { action: 'promote', enabled: true },
  { action: 'promote-full', enabled: true },
  { action: 'abort', enabled: true },
  { action: 'retry', enabled: false, reason: 'The rollout is not aborted.' },
  { action: 'restart', enabled: true },
  {
    action: 'pause',
    enabled: false,
    reason: 'The rollout is already paused (CanaryPauseStep).',
  },
  {
    action: 'resume',
    enabled: false,
    reason:
      'The rollout is paused by the controller (CanaryPauseStep): promote it to continue.',
  },
  { action: 'rollback', enabled: true },
];

export function makeRollout(
  overrides: Partial<EntityRollout> = {},
  info: Partial<RolloutInfo> = {},
): EntityRollout {
  const made = makeInfo(info);
  return {
    cluster: 'eu-prod',
    namespace: made.namespace,
    name: made.name,
    info: made,
    actions: pausedActions,
    ...overrides,
  };
}

export function makeEntityRollouts(
  overrides: Partial<EntityRolloutsResponse> = {},
): EntityRolloutsResponse {
  return {
    entityRef: 'component:default/checkout',
    rollouts: [makeRollout()],
    clusters: [
      { name: 'eu-prod', status: 'ok', lastSyncAt: '2026-01-01T00:00:00Z' },
    ],
    ...overrides,
  };
}

export const canarySteps: RolloutStepsDescription = {
  strategy: 'Canary',
  currentStepIndex: 1,
  aborted: false,
  managedRoutes: ['header-route'],
  stages: [],
  steps: [
    {
      index: 0,
      state: 'done',
      title: 'Set weight to 20%',
      kind: 'setWeight',
      weight: 20,
    },
    {
      index: 1,
      state: 'current',
      title: 'Pause until promoted',
      kind: 'pause',
    },
    {
      index: 2,
      state: 'pending',
      title: 'Pause for 30s',
      kind: 'pause',
      duration: '30s',
      durationSeconds: 30,
    },
    {
      index: 3,
      state: 'pending',
      title: 'Run analysis success-rate',
      kind: 'analysis',
      templates: [{ name: 'success-rate', clusterScope: false }],
      args: [{ name: 'service', value: 'checkout' }],
    },
    {
      index: 4,
      state: 'pending',
      title: 'Run experiment (baseline, canary)',
      kind: 'experiment',
      duration: '5m',
      durationSeconds: 300,
      templates: [
        { name: 'baseline', specRef: 'stable', replicas: 1 },
        { name: 'canary', specRef: 'canary', replicas: 1 },
      ],
      analyses: [
        {
          name: 'compare',
          analysisName: 'compare',
          clusterScope: false,
          requiredForCompletion: true,
        },
      ],
    },
    {
      index: 5,
      state: 'pending',
      title: 'Set header route header-route',
      kind: 'setHeaderRoute',
      routeName: 'header-route',
      matches: [{ headerName: 'X-Canary', matchType: 'exact', value: 'yes' }],
      managed: true,
    },
    {
      index: 6,
      state: 'pending',
      title: 'Mirror 10% of traffic',
      kind: 'setMirrorRoute',
      routeName: 'mirror-route',
      percentage: 10,
      matches: [],
      managed: true,
    },
    {
      index: 7,
      state: 'pending',
      title: 'Scale canary to 2 replicas',
      kind: 'setCanaryScale',
      replicas: 2,
      matchTrafficWeight: false,
    },
  ],
};

export const failedAnalysis: AnalysisRunDetail = {
  name: 'payments-7b9c-2-1',
  namespace: 'payments',
  revision: 2,
  type: 'Step',
  ownerKind: 'Rollout',
  phase: 'Failed',
  message:
    'Metric "success-rate" assessed Failed due to failed (3) > failureLimit (2)',
  startedAt: '2026-01-01T00:00:00Z',
  completedAt: '2026-01-01T00:03:00Z',
  outcome: 'failure',
  effect: 'abort',
  effectExplanation:
    'The analysis failed: the rollout was aborted and traffic returned to the stable revision.',
  metrics: [
    {
      name: 'success-rate',
      provider: 'prometheus',
      query: 'sum(rate(http_requests_total{code!~"5.."}[1m]))',
      successCondition: 'result[0] >= 0.95',
      failureCondition: 'result[0] < 0.9',
      failureLimit: 2,
      inconclusiveLimit: 0,
      consecutiveErrorLimit: 4,
      count: 4,
      interval: '30s',
      dryRun: false,
      phase: 'Failed',
      measured: {
        successful: 1,
        failed: 3,
        inconclusive: 0,
        error: 0,
        consecutiveError: 0,
        consecutiveSuccess: 0,
      },
      measurements: [
        {
          phase: 'Successful',
          value: '[0.99]',
          startedAt: '2026-01-01T00:00:00Z',
          finishedAt: '2026-01-01T00:00:01Z',
        },
        {
          phase: 'Failed',
          value: '[0.85]',
          startedAt: '2026-01-01T00:00:30Z',
          finishedAt: '2026-01-01T00:00:31Z',
        },
        {
          phase: 'Failed',
          value: '[0.80]',
          startedAt: '2026-01-01T00:01:00Z',
          finishedAt: '2026-01-01T00:01:01Z',
        },
        {
          phase: 'Failed',
          value: '[0.7]',
          startedAt: '2026-01-01T00:01:30Z',
          finishedAt: '2026-01-01T00:01:31Z',
        },
      ],
      outcome: 'failure',
      explanation:
        'Failed: 3 measurements failed, more than the failure limit of 2.',
    },
  ],
};

export function makeDetail(
  overrides: Partial<RolloutDetailResponse> = {},
): RolloutDetailResponse {
  return {
    ...makeRollout(),
    entityRef: 'component:default/checkout',
    steps: canarySteps,
    analysisRuns: [],
    pods: [],
    clusterStatus: { name: 'eu-prod', status: 'ok' },
    ...overrides,
  };
}

export function makeAuditEntry(
  overrides: Partial<AuditEntryView> = {},
): AuditEntryView {
  return {
    id: 'a1',
    actorRef: 'user:default/guest',
    entityRef: 'component:default/checkout',
    cluster: 'eu-prod',
    namespace: 'checkout',
    rollout: 'checkout',
    action: 'promote',
    reason: 'looks good',
    requestedRevision: null,
    stateBefore: { status: 'Paused', step: 1, revision: 2 },
    stateAfter: { status: 'Progressing', step: 2, revision: 2 },
    outcome: 'succeeded',
    error: null,
    createdAt: '2026-01-01T00:00:00Z',
    completedAt: '2026-01-01T00:00:01Z',
    ...overrides,
  };
}
