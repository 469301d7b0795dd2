import { startSimulator, Simulator } from '@pdelivery/cluster-simulator';
import request from 'supertest';
import {
  clustersConfig,
  component,
  eventually,
  startPluginBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const api = '/api/progressive-delivery';
const DEMO = [
  'checkout',
  'cart',
  'catalog-api',
  'search',
  'payments',
  'recommendations',
  'legacy',
];

/**
 * The demo scenario (packages/cluster-simulator/src/scenarios/demo.ts) scored end to end: real
 * watches over HTTP, demo metrics for the SLOs. A `legacy` service that still runs as a plain
 * Deployment is added to show the bottom of the scale.
 */
describe('scorecards of the demo scenario', () => {
  let simulator: Simulator;

  beforeAll(async () => {
    simulator = await startSimulator({ scenario: 'demo' });
    const euProd = simulator.clusters.find(c => c.name === 'eu-prod')!;
    euProd.store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'legacy',
        namespace: 'payments',
        labels: { app: 'legacy', 'backstage.io/kubernetes-id': 'legacy' },
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'legacy' } },
        template: {
          metadata: { labels: { app: 'legacy' } },
          spec: { containers: [{ name: 'legacy', image: 'legacy:1' }] },
        },
      },
    });
  });

  afterAll(async () => {
    await simulator.stop();
  });

  it('gives each demo service a level that follows from its Rollouts', async () => {
    const { server, stop } = await startPluginBackend({
      config: {
        ...clustersConfig(simulator),
        progressiveDelivery: { demoMetrics: true },
      },
      entities: DEMO.map(id => component(id)),
    });
    try {
      const res = await eventually(async () => {
        const r = await request(server).get(`${api}/scorecards`);
        return r.status === 200 &&
          r.body.clusters.every((c: any) => c.status === 'ok') &&
          r.body.entities.length === DEMO.length &&
          r.body.entities.every((e: any) => e.applicable > 0)
          ? r
          : undefined;
      }, 20_000);
      const byName = Object.fromEntries(
        res.body.entities.map((e: any) => [e.entityRef.split('/')[1], e]),
      );
      const levels = Object.fromEntries(DEMO.map(id => [id, byName[id].level]));
      expect(levels).toEqual({
        // Blue-green with pre-promotion smoke test, post-promotion SLO analysis, a
        // preview for manual promotion and a scale-down delay: everything.
        'catalog-api': 'gold',
        // Canaries without traffic routing: a rollback is a rolling update.
        checkout: 'bronze',
        cart: 'bronze',
        payments: 'bronze',
        // Istio routing and canary tests at weight 0, but no analysis at all.
        search: 'bronze',
        // Taken over from its Deployment through workloadRef, timed steps, no analysis.
        recommendations: 'bronze',
        // A plain Deployment.
        legacy: 'none',
      });

      expect(byName.payments.results).toMatchObject({
        // Its demo incident burns the budget, and `pause: {}` at 50% releases the rest
        // of the traffic with no analysis watching.
        'error-budget-healthy': 'fail',
        'no-unguarded-manual-pause': 'fail',
        'analysis-gated-on-slo': 'pass',
      });
      expect(byName.checkout.results).toMatchObject({
        'analysis-gated-on-slo': 'pass',
        'slo-exists': 'pass',
        'error-budget-healthy': 'pass',
        'no-unguarded-manual-pause': 'pass',
        'pre-traffic-testing': 'fail',
        'fast-rollback': 'fail',
      });
      expect(byName.search.results).toMatchObject({
        'pre-traffic-testing': 'pass',
        'safe-first-step': 'pass',
        'fast-rollback': 'pass',
        'automated-analysis': 'fail',
      });
      expect(byName.recommendations.results).toMatchObject({
        'runs-as-rollout': 'pass',
        'slo-exists': 'fail',
      });
      expect(byName['catalog-api'].results['safe-first-step']).toBe('n/a');
      expect(byName.legacy).toMatchObject({ passed: 0, applicable: 2 });

      // The entity view explains the legacy service's failure and points at the fix.
      const legacy = await request(server).get(
        `${api}/entities/component/default/legacy/scorecard`,
      );
      const runs = legacy.body.checks.find(
        (c: any) => c.id === 'runs-as-rollout',
      );
      expect(runs).toMatchObject({
        result: 'fail',
        evidence: [
          {
            cluster: 'eu-prod',
            kind: 'Deployment',
            namespace: 'payments',
            name: 'legacy',
          },
        ],
        fix: {
          templateRef:
            'template:default/migrate-deployment-progressive-delivery',
        },
      });
      // The rollout of the demo that takes its Deployment over is not counted as one.
      const recommendations = await request(server).get(
        `${api}/entities/component/default/recommendations/scorecard`,
      );
      expect(
        recommendations.body.checks.find((c: any) => c.id === 'runs-as-rollout')
          .evidence,
      ).toEqual([
        expect.objectContaining({ kind: 'Rollout', field: 'spec.workloadRef' }),
        expect.objectContaining({
          kind: 'Deployment',
          detail:
            'taken over by Rollout recommendations through spec.workloadRef',
        }),
      ]);
    } finally {
      await stop();
    }
  });
});
