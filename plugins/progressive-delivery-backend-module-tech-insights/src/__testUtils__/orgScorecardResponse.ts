import {
  emptyScorecardOutcomes,
  type OrgScorecardResponse,
  type ScorecardCheckId,
  type ScorecardCheckResult,
  type ScorecardOutcomes,
  type ScorecardSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** Outcomes over the 30 days up to 2026-11-26T12:00Z, zero but for `overrides`. */
function outcomes(overrides: Partial<ScorecardOutcomes>): ScorecardOutcomes {
  return {
    ...emptyScorecardOutcomes(30, new Date('2026-11-26T12:00:00.000Z')),
    ...overrides,
  };
}

const ALL_PASS: Record<ScorecardCheckId, ScorecardCheckResult> = {
  'runs-as-rollout': 'pass',
  'strategy-with-steps': 'pass',
  'automated-analysis': 'pass',
  'analysis-gated-on-slo': 'pass',
  'slo-exists': 'pass',
  'error-budget-healthy': 'pass',
  'safe-first-step': 'pass',
  'pre-traffic-testing': 'pass',
  'fast-rollback': 'pass',
  'no-unguarded-manual-pause': 'pass',
};

/** Canary with Pyrra-gated analysis, header-route testing, everything passing. */
export const GOLD_CHECKOUT: ScorecardSummary = {
  entityRef: 'component:default/checkout',
  title: 'Checkout',
  owner: 'group:default/team-checkout',
  system: 'system:default/shop',
  level: 'gold',
  passed: 10,
  applicable: 10,
  results: ALL_PASS,
  trend: 2,
  outcomes: outcomes({
    rolloutsStarted: 14,
    rolloutsCompleted: 12,
    rolloutsAborted: 2,
    medianTimeToPromoteSeconds: 1260,
    p90TimeToPromoteSeconds: 2400,
    analysisRuns: {
      total: 40,
      successful: 38,
      failed: 2,
      errored: 0,
      inconclusive: 0,
    },
    analysisFailureRate: 0.05,
    actions: { portal: 9, elsewhere: 1 },
  }),
};

/** Canary with error-ratio analysis but no SLO yet. */
export const SILVER_CART: ScorecardSummary = {
  entityRef: 'component:team-checkout/cart',
  owner: 'group:default/team-checkout',
  level: 'silver',
  passed: 7,
  applicable: 9,
  results: {
    ...ALL_PASS,
    'analysis-gated-on-slo': 'fail',
    'slo-exists': 'fail',
    'error-budget-healthy': 'n/a',
  },
  trend: 0,
  outcomes: outcomes({
    rolloutsStarted: 6,
    rolloutsCompleted: 3,
    rolloutsAborted: 3,
    medianTimeToPromoteSeconds: 930.5,
    p90TimeToPromoteSeconds: 1500,
    analysisRuns: {
      total: 10,
      successful: 6,
      failed: 3,
      errored: 1,
      inconclusive: 0,
    },
    analysisFailureRate: 0.4,
    actions: { portal: 2, elsewhere: 5 },
  }),
};

/** A Rollout with steps but nothing automated; no finished analysis, no completed revision. */
export const BRONZE_SEARCH: ScorecardSummary = {
  entityRef: 'component:default/search',
  level: 'bronze',
  passed: 3,
  applicable: 8,
  results: {
    'runs-as-rollout': 'pass',
    'strategy-with-steps': 'pass',
    'automated-analysis': 'fail',
    'analysis-gated-on-slo': 'n/a',
    'slo-exists': 'fail',
    'error-budget-healthy': 'n/a',
    'safe-first-step': 'fail',
    'pre-traffic-testing': 'fail',
    'fast-rollback': 'pass',
    'no-unguarded-manual-pause': 'fail',
  },
  trend: null,
  outcomes: outcomes({
    rolloutsStarted: 1,
    actions: { portal: 0, elsewhere: 2 },
  }),
};

/** Still a plain Deployment: only runs-as-rollout applies. */
export const NONE_PAYMENTS: ScorecardSummary = {
  entityRef: 'resource:default/payments',
  level: 'none',
  passed: 0,
  applicable: 1,
  results: {
    'runs-as-rollout': 'fail',
    'strategy-with-steps': 'n/a',
    'automated-analysis': 'n/a',
    'analysis-gated-on-slo': 'n/a',
    'slo-exists': 'n/a',
    'error-budget-healthy': 'n/a',
    'safe-first-step': 'n/a',
    'pre-traffic-testing': 'n/a',
    'fast-rollback': 'n/a',
    'no-unguarded-manual-pause': 'n/a',
  },
  trend: null,
  outcomes: outcomes({}),
};

/** What `GET /api/progressive-delivery/scorecards?days=30` answers for the entities above. */
export function orgScorecardResponse(
  entities: ScorecardSummary[] = [
    GOLD_CHECKOUT,
    SILVER_CART,
    BRONZE_SEARCH,
    NONE_PAYMENTS,
  ],
): OrgScorecardResponse {
  return {
    windowDays: 30,
    entities,
    clusters: [
      {
        name: 'prod-eu',
        status: 'ok',
        lastSyncAt: '2026-11-26T11:59:58.000Z',
      },
      {
        name: 'prod-us',
        status: 'syncing',
        lastSyncAt: '2026-11-26T11:58:10.000Z',
      },
    ],
  };
}
