import {
  EntityRollout,
  EntityWorkloadSelector,
  KubernetesObject,
  ServiceLevelObjective,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ObjectCache } from '../cache/ObjectCache';
import { DemoMetricsSource } from './demoMetricsSource';
import { InstantQueryResult, MetricsSource } from './PrometheusClient';
import { ClusterMetrics, SloService } from './SloService';

const selector = (id: string): EntityWorkloadSelector => ({
  requirements: [
    { key: 'backstage.io/kubernetes-id', operator: 'eq', value: id },
  ],
  labelSelector: `backstage.io/kubernetes-id=${id}`,
});

function sloObject(
  name: string,
  id: string,
  spec: Partial<ServiceLevelObjective['spec']> = {},
  namespace = 'shop',
): ServiceLevelObjective {
  return {
    apiVersion: 'pyrra.dev/v1alpha1',
    kind: 'ServiceLevelObjective',
    metadata: {
      name,
      namespace,
      resourceVersion: '1',
      labels: { 'backstage.io/kubernetes-id': id },
    },
    spec: {
      target: '99.5',
      window: '28d',
      indicator: {
        ratio: {
          errors: { metric: `http_requests_total{job="${id}",code=~"5.."}` },
          total: { metric: `http_requests_total{job="${id}"}` },
        },
      },
      ...spec,
    },
  };
}

/** Answers every query with `answer(promql)`; records what was asked. */
class FakeSource implements MetricsSource {
  readonly queries: string[] = [];
  constructor(
    readonly name: string,
    private readonly answer: (promql: string) => InstantQueryResult | number,
  ) {}
  async instantQuery(promql: string): Promise<InstantQueryResult> {
    this.queries.push(promql);
    const a = this.answer(promql);
    return typeof a === 'number'
      ? { ok: true, samples: [{ labels: {}, value: a, timestamp: 1000 }] }
      : a;
  }
}

/** A healthy raw world: 1000 requests, 1 error, error ratio 0.001, newest sample at t=1000. */
const healthy = (promql: string): InstantQueryResult | number => {
  if (promql.includes(':increase')) return { ok: true, samples: [] };
  if (promql.startsWith('max(timestamp(')) return 995;
  if (promql.startsWith('sum(increase(') && promql.includes('code=~')) return 1;
  if (promql.startsWith('sum(increase(')) return 1000;
  if (promql.includes(' / ')) return 0.001;
  throw new Error(`unexpected query ${promql}`);
};

function setup(options: {
  clusters: Record<string, KubernetesObject[]>;
  metrics: Record<string, ClusterMetrics | undefined>;
  now?: () => Date;
}) {
  const caches = Object.entries(options.clusters).map(([name, objects]) => {
    const cache = new ObjectCache(name);
    for (const o of objects) cache.upsert(o.kind as any, o);
    return { name, cache };
  });
  const service = new SloService({
    clusters: { clusters: () => caches },
    metricsFor: cluster => options.metrics[cluster],
    now: options.now ?? (() => new Date(1_000_000)),
  });
  return { service, caches };
}

describe('SloService', () => {
  it('matches SLOs like rollouts and computes budget, tiers and freshness', async () => {
    const source = new FakeSource('prom', healthy);
    const { service } = setup({
      clusters: {
        eu: [sloObject('web-availability', 'web'), sloObject('other', 'other')],
      },
      metrics: { eu: { source, pyrraRules: 'auto' } },
    });
    const [summary, ...rest] = await service.entitySlos(selector('web'));
    expect(rest).toEqual([]);
    expect(summary).toMatchObject({
      cluster: 'eu',
      namespace: 'shop',
      name: 'web-availability',
      status: 'ok',
      source: 'raw',
      prometheus: 'prom',
      objective: { target: 99.5, window: '4w', indicator: 'ratio' },
      availability: 0.999,
      errorBudget: { requests: 1000, errors: 1, status: 'healthy' },
      burning: false,
      freshness: {
        lastSampleAt: new Date(995_000).toISOString(),
        ageSeconds: 5,
        stale: false,
      },
    });
    expect(summary.errorBudget!.remaining).toBeCloseTo(0.8, 12);
    expect(
      summary.burnRates.map(t => [t.factor, t.short.window, t.long.window]),
    ).toEqual([
      [14, '5m', '1h'],
      [7, '30m', '6h'],
      [2, '2h', '1d'],
      [1, '6h', '4d'],
    ]);
    expect(summary.burnRates[0].short.burnRate).toBeCloseTo(0.2, 12);
    // Label values go through the common escaping, and rules were probed first.
    expect(source.queries[0]).toBe(
      'sum(http_requests:increase4w{job="web",slo="web-availability"})',
    );
    expect(source.queries).toContain(
      'sum(rate(http_requests_total{code=~"5..",job="web"}[5m])) / sum(rate(http_requests_total{job="web"}[5m]))',
    );
  });

  it('isolates a slow or failing Prometheus to the SLOs of its cluster', async () => {
    const down = new FakeSource('us-prom', () => ({
      ok: false,
      kind: 'timeout',
      error: "Prometheus 'us-prom' did not answer within 5s",
    }));
    const { service } = setup({
      clusters: {
        eu: [sloObject('web-availability', 'web')],
        us: [sloObject('web-availability', 'web')],
        ap: [sloObject('web-availability', 'web')],
      },
      metrics: {
        eu: {
          source: new FakeSource('eu-prom', healthy),
          pyrraRules: 'absent',
        },
        us: { source: down, pyrraRules: 'absent' },
        ap: undefined,
      },
    });
    const byCluster = Object.fromEntries(
      (await service.entitySlos(selector('web'))).map(s => [s.cluster, s]),
    );
    expect(byCluster.eu.status).toBe('ok');
    expect(byCluster.us).toMatchObject({
      status: 'unknown',
      reason: 'timeout',
      message: "Prometheus 'us-prom' did not answer within 5s",
      availability: null,
      objective: { target: 99.5 },
    });
    expect(byCluster.ap).toMatchObject({
      status: 'unknown',
      reason: 'no-prometheus',
    });
  });

  it('reports an invalid SLO and a window too short for burn-rate tiers', async () => {
    const { service } = setup({
      clusters: {
        eu: [
          sloObject('broken', 'web', { target: '150' }),
          sloObject('short', 'web', { window: '1d' }),
        ],
      },
      metrics: {
        eu: { source: new FakeSource('p', healthy), pyrraRules: 'absent' },
      },
    });
    const [broken, short] = await service.entitySlos(selector('web'));
    expect(broken).toMatchObject({
      name: 'broken',
      status: 'unknown',
      reason: 'invalid-slo',
      message: expect.stringContaining('spec.target'),
    });
    expect(short).toMatchObject({
      name: 'short',
      status: 'ok',
      burnRates: [],
      burnRatesError: expect.stringContaining('too short'),
    });
  });

  it('caches an evaluation briefly', async () => {
    let now = 1_000_000;
    const source = new FakeSource('p', healthy);
    const { service } = setup({
      clusters: { eu: [sloObject('web-availability', 'web')] },
      metrics: { eu: { source, pyrraRules: 'absent' } },
      now: () => new Date(now),
    });
    await service.entitySlos(selector('web'));
    const asked = source.queries.length;
    await service.entitySlos(selector('web'));
    expect(source.queries.length).toBe(asked);
    now += 16_000;
    await service.entitySlos(selector('web'));
    expect(source.queries.length).toBe(2 * asked);
  });

  it('reads Pyrra alert states when the rules are present', async () => {
    const source = new FakeSource('p', promql => {
      if (promql.startsWith('ALERTS{')) {
        return {
          ok: true,
          samples: [
            {
              labels: { alertstate: 'pending', short: '5m', long: '1h' },
              value: 1,
              timestamp: 1000,
            },
            {
              labels: { alertstate: 'firing', short: '30m', long: '6h' },
              value: 1,
              timestamp: 1000,
            },
          ],
        };
      }
      if (promql.startsWith('max(timestamp(')) return 1000;
      if (promql.includes('code=~"5.."') && promql.includes(':increase4w'))
        return 30;
      if (promql.includes(':increase4w')) return 1000;
      if (promql.includes(':burnrate')) return 0.1;
      throw new Error(promql);
    });
    const { service } = setup({
      clusters: { eu: [sloObject('web-availability', 'web')] },
      metrics: { eu: { source, pyrraRules: 'present' } },
    });
    const [summary] = await service.entitySlos(selector('web'));
    expect(summary.source).toBe('pyrra-rules');
    expect(source.queries).toContain(
      'ALERTS{alertname="ErrorBudgetBurn",slo="web-availability"}',
    );
    expect(source.queries).toContain(
      'http_requests:burnrate5m{job="web",slo="web-availability"}',
    );
    expect(summary.burnRates.map(t => [t.alertState, t.exceeded])).toEqual([
      ['pending', true],
      ['firing', true],
      ['inactive', true],
      ['inactive', true],
    ]);
    expect(summary.errorBudget).toMatchObject({
      errors: 30,
      requests: 1000,
      status: 'exhausted',
    });
    expect(summary.burning).toBe(true);
  });

  describe('annotateRollouts', () => {
    const rollout = (name: string, id: string, templates: any[]) => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: {
        name,
        namespace: 'shop',
        labels: { 'backstage.io/kubernetes-id': id },
      },
      spec: {
        strategy: {
          canary: { steps: [{ setWeight: 20 }, { analysis: { templates } }] },
        },
      },
    });
    const template = (kind: string, name: string, query: string) => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind,
      metadata: {
        name,
        ...(kind === 'AnalysisTemplate' ? { namespace: 'shop' } : {}),
      },
      spec: {
        metrics: [{ name: 'm', provider: { prometheus: { query } } }],
      },
    });
    const entry = (name: string): EntityRollout =>
      ({ cluster: 'eu', namespace: 'shop', name } as EntityRollout);

    it('adds the SLOs of the same workload and the error-budget gating', async () => {
      const { service } = setup({
        clusters: {
          eu: [
            sloObject('web-availability', 'web'),
            sloObject('web-elsewhere', 'web', {}, 'other-ns'),
            rollout('web', 'web', [
              { templateName: 'burn' },
              { templateName: 'plain' },
              { templateName: 'cluster-burn', clusterScope: true },
            ]) as any,
            template(
              'AnalysisTemplate',
              'burn',
              'sum(http_requests:burnrate5m{slo="web-availability"})',
            ) as any,
            template(
              'AnalysisTemplate',
              'plain',
              'sum(rate(http_requests_total{job="web"}[5m]))',
            ) as any,
            template(
              'ClusterAnalysisTemplate',
              'cluster-burn',
              'ALERTS{alertname="ErrorBudgetBurn",slo="web-availability"}',
            ) as any,
          ],
        },
        metrics: {
          eu: { source: new FakeSource('p', healthy), pyrraRules: 'absent' },
        },
      });
      const rollouts = [entry('web')];
      await service.annotateRollouts(selector('web'), rollouts);
      expect(rollouts[0].gatedOnErrorBudget).toEqual({
        templates: ['burn', 'ClusterAnalysisTemplate/cluster-burn'],
      });
      expect(rollouts[0].slos?.map(s => `${s.namespace}/${s.name}`)).toEqual([
        'shop/web-availability',
      ]);
      expect(rollouts[0].slos?.[0].status).toBe('ok');
    });

    it('does not wait for a slow Prometheus: pending now, cached for later', async () => {
      let release: () => void = () => {};
      const gate = new Promise<void>(resolve => {
        release = resolve;
      });
      const slow: MetricsSource = {
        name: 'slow',
        instantQuery: async promql => {
          await gate;
          return new FakeSource('x', healthy).instantQuery(promql);
        },
      };
      const { service } = setup({
        clusters: {
          eu: [
            sloObject('web-availability', 'web'),
            rollout('web', 'web', []) as any,
          ],
        },
        metrics: { eu: { source: slow, pyrraRules: 'absent' } },
      });
      const first = [entry('web')];
      await service.annotateRollouts(selector('web'), first, 50);
      expect(first[0].slos?.[0]).toMatchObject({
        status: 'unknown',
        reason: 'pending',
      });
      expect(first[0].gatedOnErrorBudget).toBeUndefined();
      release();
      await service.entitySlos(selector('web'));
      const second = [entry('web')];
      await service.annotateRollouts(selector('web'), second, 50);
      expect(second[0].slos?.[0].status).toBe('ok');
    });
  });
});

describe('DemoMetricsSource through the SLO service', () => {
  it('shows payments burning its budget and checkout healthy, labelled as demo', async () => {
    const at = new Date('2026-06-01T12:00:00Z');
    const demo = new DemoMetricsSource(() => at);
    const { service } = setup({
      clusters: {
        eu: [
          sloObject('payments-availability', 'payments', { target: '99.9' }),
          sloObject('checkout-availability', 'checkout'),
          sloObject('checkout-latency', 'checkout', {
            target: '99',
            indicator: {
              latency: {
                success: {
                  metric:
                    'http_request_duration_seconds_bucket{job="checkout",code=~"2..",le="0.5"}',
                },
                total: {
                  metric:
                    'http_request_duration_seconds_count{job="checkout",code=~"2.."}',
                },
              },
            },
          }),
        ],
      },
      metrics: { eu: { source: demo, pyrraRules: 'absent' } },
      now: () => at,
    });
    const payments = (await service.entitySlos(selector('payments')))[0];
    expect(payments).toMatchObject({
      status: 'ok',
      demo: true,
      source: 'demo',
      burning: true,
      freshness: { lastSampleAt: at.toISOString(), stale: false },
    });
    // 2% errors for the last 3 hours: all four tiers of a 99.9% SLO are exceeded.
    expect(payments.burnRates.map(t => t.exceeded)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(payments.burnRates[0].short.errorRatio).toBeCloseTo(0.02, 12);
    // (3h × 2% + 669h × 0.05%) / 672h
    expect(payments.availability).toBeCloseTo(
      1 - (3 * 0.02 + 669 * 0.0005) / 672,
      12,
    );

    const checkout = await service.entitySlos(selector('checkout'));
    expect(checkout.map(s => [s.name, s.status, s.burning])).toEqual([
      ['checkout-availability', 'ok', false],
      ['checkout-latency', 'ok', false],
    ]);
    expect(checkout[0].availability).toBeCloseTo(0.9992, 12);
    // Slow: 0.4% of the successful requests (the latency SLO counts only those).
    expect(checkout[1].availability).toBeCloseTo(0.996, 12);

    // Deterministic: the same instant gives the same numbers.
    const again = new DemoMetricsSource(() => at);
    expect(
      await again.instantQuery(
        'sum(increase(http_requests_total{job="payments",code=~"5.."}[1h]))',
      ),
    ).toEqual(
      await demo.instantQuery(
        'sum(increase(http_requests_total{job="payments",code=~"5.."}[1h]))',
      ),
    );
    // Pyrra's series and ALERTS do not exist in the demo world.
    expect(
      await demo.instantQuery('ALERTS{alertname="ErrorBudgetBurn"}'),
    ).toEqual({ ok: true, samples: [] });
  });
});
