import { SloSummary } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import {
  goldManifests,
  scenario,
  shopManifests,
} from '../__testUtils__/scenario';
import { errorBudgetHealthy } from './errorBudgetHealthy';

const budget = (
  status: 'healthy' | 'warning' | 'exhausted' | 'no-data',
  remaining: number | null,
): Partial<SloSummary> => ({
  errorBudget: { total: 0.005, remaining, status },
});

const firingFastBurn: Partial<SloSummary> = {
  burning: true,
  burnRates: [
    {
      severity: 'critical',
      factor: 14,
      threshold: 0.07,
      short: { window: '5m', errorRatio: 0.2, burnRate: 40 },
      long: { window: '1h', errorRatio: 0.1, burnRate: 20 },
      for: '2m',
      exceeded: true,
      alertState: 'firing',
    },
  ],
};

describe('error-budget-healthy', () => {
  it('passes with more than a quarter of the budget left and no burn', () => {
    const check = errorBudgetHealthy(scenario(goldManifests()));
    expect(check.result).toBe('pass');
    expect(check.evidence[0]).toMatchObject({
      kind: 'ServiceLevelObjective',
      name: 'shop-availability',
      detail: 'error budget healthy: 80% left, not burning',
    });
  });

  it('fails when the budget is low or spent', () => {
    expect(
      errorBudgetHealthy(
        scenario(goldManifests(), () => budget('warning', 0.1)),
      ).evidence[0].detail,
    ).toBe('error budget low: 10% left');
    const spent = errorBudgetHealthy(
      scenario(goldManifests(), () => budget('exhausted', -0.25)),
    );
    expect(spent.result).toBe('fail');
    expect(spent.evidence[0].detail).toBe('error budget spent: -25% left');
  });

  it('fails while a burn-rate alert fires, even with budget left', () => {
    const check = errorBudgetHealthy(
      scenario(goldManifests(), () => firingFastBurn),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence[0].detail).toBe(
      'burning the error budget (80% left): critical 14x tier (5m/1h) alert firing',
    );
  });

  it('fails when one cluster burns, listing it first', () => {
    const check = errorBudgetHealthy(
      scenario(
        [
          ...goldManifests().map(object => ({ cluster: 'eu', object })),
          ...goldManifests().map(object => ({ cluster: 'us', object })),
        ],
        cluster => (cluster === 'us' ? budget('exhausted', 0) : {}),
      ),
    );
    expect(check.result).toBe('fail');
    expect(check.evidence.map(e => e.cluster)).toEqual(['us', 'eu']);
  });

  it('does not count SLOs it cannot evaluate', () => {
    const unknown = errorBudgetHealthy(
      scenario(goldManifests(), () => ({
        status: 'unknown',
        reason: 'no-prometheus',
        message: "No Prometheus server is configured for cluster 'prod'",
        errorBudget: null,
      })),
    );
    expect(unknown.result).toBe('n/a');
    expect(unknown.evidence[0].detail).toBe(
      "cannot be evaluated: No Prometheus server is configured for cluster 'prod'",
    );
    expect(
      errorBudgetHealthy(
        scenario(goldManifests(), () => budget('no-data', null)),
      ).result,
    ).toBe('n/a');
    // One SLO known and healthy, another unknown: judged on the known one.
    expect(
      errorBudgetHealthy(
        scenario(
          [
            ...goldManifests().map(object => ({ cluster: 'eu', object })),
            ...goldManifests().map(object => ({ cluster: 'us', object })),
          ],
          cluster =>
            cluster === 'us'
              ? { status: 'unknown', reason: 'timeout', errorBudget: null }
              : {},
        ),
      ).result,
    ).toBe('pass');
  });

  it('does not apply without SLOs', () => {
    expect(errorBudgetHealthy(scenario(shopManifests())).result).toBe('n/a');
  });
});
