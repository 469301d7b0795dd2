import {
  emptyScorecardOutcomes,
  EntityScorecardResponse,
  OrgScorecardResponse,
  ScorecardCheck,
  ScorecardLevelRule,
  ScorecardOutcomes,
  ScorecardSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

export const levelRules: ScorecardLevelRule[] = [
  {
    level: 'bronze',
    requires: ['runs-as-rollout', 'strategy-with-steps'],
    description: 'Every workload runs as a Rollout with a stepped strategy',
  },
  {
    level: 'silver',
    requires: [
      'runs-as-rollout',
      'strategy-with-steps',
      'automated-analysis',
      'safe-first-step',
      'fast-rollback',
      'no-unguarded-manual-pause',
    ],
    description:
      'Bronze, plus automated analysis, a safe first step and fast rollback.',
  },
  {
    level: 'gold',
    requires: [
      'runs-as-rollout',
      'strategy-with-steps',
      'automated-analysis',
      'safe-first-step',
      'fast-rollback',
      'no-unguarded-manual-pause',
      'slo-exists',
      'analysis-gated-on-slo',
      'error-budget-healthy',
      'pre-traffic-testing',
    ],
    description:
      'Silver, plus an SLO that gates analysis, a healthy error budget and pre-traffic testing.',
  },
];

export function makeCheck(
  overrides: Partial<ScorecardCheck> = {},
): ScorecardCheck {
  return {
    id: 'runs-as-rollout',
    title: 'Runs as a Rollout',
    description: 'Every workload of the entity is an Argo Rollout.',
    result: 'pass',
    evidence: [
      {
        cluster: 'eu-prod',
        kind: 'Rollout',
        namespace: 'checkout',
        name: 'checkout',
        detail: 'the workload is a Rollout',
      },
    ],
    fix: {
      text: 'Migrate the Deployment to a Rollout.',
      url: 'https://argo-rollouts.readthedocs.io/en/stable/migrating/',
      templateRef: 'template:default/migrate-deployment-progressive-delivery',
    },
    ...overrides,
  };
}

/** A silver entity: safe first step fails (with evidence), pre-traffic testing n/a. */
export function makeChecks(): ScorecardCheck[] {
  return [
    makeCheck(),
    makeCheck({ id: 'strategy-with-steps', title: 'Strategy with steps' }),
    makeCheck({ id: 'automated-analysis', title: 'Automated analysis' }),
    makeCheck({
      id: 'safe-first-step',
      title: 'Safe first step',
      result: 'fail',
      evidence: [
        {
          cluster: 'eu-prod',
          kind: 'Rollout',
          namespace: 'checkout',
          name: 'checkout',
          field: 'spec.strategy.canary.steps[0].setWeight',
          detail: 'first step sends 50% of traffic to the canary',
        },
      ],
      fix: {
        text: 'Start with setWeight 25 or less.',
        url: 'https://argo-rollouts.readthedocs.io/en/stable/features/canary/',
        templateRef: 'template:default/add-rollout-progressive-delivery',
      },
    }),
    makeCheck({
      id: 'slo-exists',
      title: 'An SLO exists',
      result: 'fail',
      evidence: [],
      fix: { text: 'Add a Pyrra ServiceLevelObjective.' },
    }),
    makeCheck({
      id: 'pre-traffic-testing',
      title: 'Pre-traffic testing',
      result: 'n/a',
      evidence: [],
    }),
  ];
}

/** Outcomes of the 30 days up to 2026-01-31 with some of everything. */
export function makeOutcomes(
  overrides: Partial<ScorecardOutcomes> = {},
): ScorecardOutcomes {
  return {
    ...emptyScorecardOutcomes(30, new Date('2026-01-31T00:00:00.000Z')),
    rolloutsStarted: 5,
    rolloutsCompleted: 4,
    rolloutsAborted: 1,
    medianTimeToPromoteSeconds: 600,
    p90TimeToPromoteSeconds: 5400,
    analysisRuns: {
      total: 10,
      successful: 8,
      failed: 1,
      errored: 1,
      inconclusive: 0,
    },
    analysisFailureRate: 0.2,
    actions: { portal: 3, elsewhere: 1 },
    ...overrides,
  };
}

export function makeEntityScorecard(
  overrides: Partial<EntityScorecardResponse> = {},
): EntityScorecardResponse {
  return {
    entityRef: 'component:default/checkout',
    level: 'bronze',
    levelRules,
    checks: makeChecks(),
    outcomes: makeOutcomes(),
    history: [
      { day: '2026-01-20', level: 'none', passed: 1, applicable: 5 },
      { day: '2026-01-25', level: 'bronze', passed: 3, applicable: 5 },
      { day: '2026-01-30', level: 'bronze', passed: 3, applicable: 5 },
    ],
    clusters: [{ name: 'eu-prod', status: 'ok' }],
    ...overrides,
  };
}

export function makeSummary(
  overrides: Partial<ScorecardSummary> = {},
): ScorecardSummary {
  return {
    entityRef: 'component:default/checkout',
    title: 'Checkout',
    owner: 'group:default/team-checkout',
    system: 'system:default/storefront',
    level: 'silver',
    passed: 7,
    applicable: 9,
    results: { 'runs-as-rollout': 'pass', 'slo-exists': 'fail' },
    trend: 2,
    outcomes: makeOutcomes(),
    ...overrides,
  };
}

export function makeOrgScorecards(
  overrides: Partial<OrgScorecardResponse> = {},
): OrgScorecardResponse {
  return {
    windowDays: 30,
    entities: [
      makeSummary(),
      makeSummary({
        entityRef: 'component:default/cart',
        title: 'Cart',
        // Short refs, as catalog-info.yaml often has them.
        owner: 'team-checkout',
        system: 'storefront',
        level: 'bronze',
        passed: 3,
        applicable: 8,
        trend: -1,
        outcomes: makeOutcomes({
          medianTimeToPromoteSeconds: null,
          p90TimeToPromoteSeconds: null,
          analysisFailureRate: null,
        }),
      }),
      makeSummary({
        entityRef: 'component:default/payments',
        title: 'Payments',
        owner: 'group:default/team-payments',
        system: 'system:default/billing',
        level: 'gold',
        passed: 10,
        applicable: 10,
        trend: null,
      }),
    ],
    clusters: [{ name: 'eu-prod', status: 'ok' }],
    ...overrides,
  };
}
