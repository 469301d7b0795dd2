import {
  EntitySlosResponse,
  SloBurnRateTierStatus,
  SloSummary,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** Pyrra's four tiers of a 99.5% / 4w SLO, all quiet (error ratio 0.1%, burn 0.2×). */
export function quietTiers(): SloBurnRateTierStatus[] {
  const tiers: Array<[string, number, string, string, string, string]> = [
    ['critical', 14, '5m', '1h', '2m', '2d'],
    ['critical', 7, '30m', '6h', '15m', '4d'],
    ['warning', 2, '2h', '1d', '1h', '2w'],
    ['warning', 1, '6h', '4d', '3h', '4w'],
  ];
  return tiers.map(([severity, factor, short, long, forText, exhaustion]) => ({
    severity,
    factor,
    threshold: factor * 0.005,
    short: { window: short, errorRatio: 0.001, burnRate: 0.2 },
    long: { window: long, errorRatio: 0.001, burnRate: 0.2 },
    for: forText,
    exhaustion,
    exceeded: false,
    alertState: 'inactive',
  }));
}

/** A healthy 99.5% / 4w ratio SLO: 150 errors of 100,000 requests, 70% of the budget left. */
export function makeSlo(overrides: Partial<SloSummary> = {}): SloSummary {
  return {
    cluster: 'eu-prod',
    namespace: 'checkout',
    name: 'checkout-availability',
    description: 'Share of requests answered without a server error.',
    objective: { target: 99.5, window: '4w', indicator: 'ratio' },
    status: 'ok',
    source: 'pyrra-rules',
    prometheus: 'eu',
    availability: 0.9985,
    errorBudget: {
      total: 0.005,
      remaining: 0.7,
      status: 'healthy',
      errors: 150,
      requests: 100000,
    },
    burnRates: quietTiers(),
    burning: false,
    freshness: {
      lastSampleAt: '2026-01-01T00:00:00Z',
      ageSeconds: 15,
      stale: false,
    },
    evaluatedAt: '2026-01-01T00:00:15Z',
    ...overrides,
  };
}

/** The fast tier burning: 12% errors over 5m and 9% over 1h, alert firing. */
export function makeBurningSlo(): SloSummary {
  const tiers = quietTiers();
  tiers[0] = {
    ...tiers[0],
    short: { window: '5m', errorRatio: 0.12, burnRate: 24 },
    long: { window: '1h', errorRatio: 0.09, burnRate: 18 },
    exceeded: true,
    alertState: 'firing',
  };
  return makeSlo({ burnRates: tiers, burning: true });
}

/** 700 errors of 100,000 requests against 500 allowed: overspent by 40%. */
export function makeExhaustedSlo(): SloSummary {
  return makeSlo({
    availability: 0.993,
    errorBudget: {
      total: 0.005,
      remaining: -0.4,
      status: 'exhausted',
      errors: 700,
      requests: 100000,
    },
  });
}

/** An SLO whose state is unknown for `reason`, as the backend reports it. */
export function makeUnknownSlo(
  reason: NonNullable<SloSummary['reason']>,
  message: string,
): SloSummary {
  return makeSlo({
    status: 'unknown',
    reason,
    message,
    source: undefined,
    availability: null,
    errorBudget: null,
    burnRates: [],
    freshness: undefined,
  });
}

export function makeEntitySlos(
  slos: SloSummary[],
  overrides: Partial<EntitySlosResponse> = {},
): EntitySlosResponse {
  return {
    entityRef: 'component:default/checkout',
    slos,
    clusters: [{ name: 'eu-prod', status: 'ok' }],
    ...overrides,
  };
}
