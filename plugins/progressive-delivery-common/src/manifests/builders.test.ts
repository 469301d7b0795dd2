import {
  AnalysisType,
  ManifestInputError,
  StrategyPresetId,
  TrafficRouterType,
  buildProgressiveDeliveryManifests,
  validateManifests,
} from '.';
import { Rollout } from '../kubernetes/rollout';
import { ProgressiveDeliveryOptions } from './types';

const BASE: ProgressiveDeliveryOptions = {
  name: 'checkout',
  namespace: 'team-a',
  image: 'ghcr.io/acme/checkout:1.0.0',
};

const ROUTERS: TrafficRouterType[] = ['none', 'nginx', 'istio', 'smi', 'alb'];
const ANALYSES: AnalysisType[] = ['none', 'error-ratio', 'pyrra-burn-rate'];
const CANARY_PRESETS: StrategyPresetId[] = [
  'progressive',
  'canary-basic',
  'canary-analysis',
];

function rolloutOf(out: ReturnType<typeof buildProgressiveDeliveryManifests>) {
  return out.manifests.find(m => m.object.kind === 'Rollout')!
    .object as unknown as Rollout;
}

function objects(out: ReturnType<typeof buildProgressiveDeliveryManifests>) {
  return out.manifests.map(m => m.object);
}

describe('buildProgressiveDeliveryManifests: every preset and option validates', () => {
  const cases: Array<
    [StrategyPresetId, TrafficRouterType, AnalysisType, boolean]
  > = [];
  for (const preset of CANARY_PRESETS) {
    for (const router of ROUTERS) {
      for (const analysis of ANALYSES) {
        for (const slo of [false, true]) {
          if (analysis === 'pyrra-burn-rate' && !slo) continue;
          if (preset === 'canary-analysis' && analysis === 'none') continue;
          cases.push([preset, router, analysis, slo]);
        }
      }
    }
  }
  for (const analysis of ANALYSES) {
    for (const slo of [false, true]) {
      if (analysis === 'pyrra-burn-rate' && !slo) continue;
      cases.push(['blue-green', 'none', analysis, slo]);
    }
  }

  it.each(cases)(
    'preset %s, routing %s, analysis %s, slo %s',
    (preset, router, analysis, slo) => {
      const out = buildProgressiveDeliveryManifests({
        ...BASE,
        preset,
        trafficRouting: {
          type: router,
          host: 'checkout.example.com',
          mirrorPercentage: router === 'istio' ? 10 : undefined,
        },
        analysis: { type: analysis },
        slo: { enabled: slo },
      });
      const report = validateManifests(objects(out));
      expect(report.findings).toEqual([]);
      // the generated objects are unique, namespaced and labelled for the entity
      for (const m of out.manifests) {
        expect(m.object.metadata.namespace).toBe('team-a');
        expect(m.object.metadata.labels?.['backstage.io/kubernetes-id']).toBe(
          'checkout',
        );
      }
      expect(out.annotations).toEqual({
        'backstage.io/kubernetes-id': 'checkout',
        'backstage.io/kubernetes-namespace': 'team-a',
      });
    },
  );

  it.each(ROUTERS.filter(r => r !== 'none'))(
    'explicit steps with %s routing validate',
    router => {
      const out = buildProgressiveDeliveryManifests({
        ...BASE,
        trafficRouting: { type: router },
        steps: [
          { setWeight: 5 },
          { pause: { duration: '30s' } },
          { setCanaryScale: { weight: 50 } },
          { setWeight: 50 },
          { pause: { duration: 60 } },
        ],
      });
      expect(rolloutOf(out).spec.strategy.canary!.steps).toHaveLength(5);
      expect(validateManifests(objects(out)).findings).toEqual([]);
    },
  );
});

describe('the progressive preset (the custom strategy)', () => {
  it('tests the canary at weight 0 behind a header, analyses, then shifts traffic gradually', () => {
    const out = buildProgressiveDeliveryManifests({
      ...BASE,
      trafficRouting: { type: 'istio', mirrorPercentage: 20 },
      analysis: { type: 'pyrra-burn-rate' },
      slo: { enabled: true, target: '99.9', window: '28d' },
    });
    const canary = rolloutOf(out).spec.strategy.canary!;
    expect(canary.steps).toEqual([
      { setWeight: 0 },
      { setCanaryScale: { replicas: 1 } },
      {
        setHeaderRoute: {
          name: 'canary-header',
          match: [{ headerName: 'x-canary', headerValue: { exact: 'always' } }],
        },
      },
      {
        setMirrorRoute: {
          name: 'canary-mirror',
          percentage: 20,
          match: [{ path: { prefix: '/' } }],
        },
      },
      { analysis: { templates: [{ templateName: 'checkout-slo-burn-rate' }] } },
      { setHeaderRoute: { name: 'canary-header' } },
      { setMirrorRoute: { name: 'canary-mirror' } },
      { setCanaryScale: { matchTrafficWeight: true } },
      { setWeight: 10 },
      { pause: { duration: '2m' } },
      { setWeight: 25 },
      { pause: { duration: '5m' } },
      { setWeight: 50 },
      { pause: { duration: '5m' } },
      { setWeight: 75 },
      { pause: { duration: '5m' } },
    ]);
    // automated rollback on SLO burn: background analysis from the first traffic shift
    expect(canary.analysis).toEqual({
      templates: [{ templateName: 'checkout-slo-burn-rate-background' }],
      startingStep: 8,
    });
    // the step analysis takes five measurements, the background one runs until the rollout ends
    const templates = out.manifests
      .filter(m => m.object.kind === 'AnalysisTemplate')
      .map(m => m.object as any);
    expect(
      templates.map(t => [t.metadata.name, t.spec.metrics[0].count]),
    ).toEqual([
      ['checkout-slo-burn-rate', 5],
      ['checkout-slo-burn-rate-background', undefined],
    ]);
    // scale-down delay for a fast rollback
    expect(canary.scaleDownDelaySeconds).toBe(600);
    expect(canary.trafficRouting).toEqual({
      managedRoutes: [{ name: 'canary-header' }, { name: 'canary-mirror' }],
      istio: { virtualService: { name: 'checkout', routes: ['primary'] } },
    });
    expect(out.notes).toEqual([]);
  });

  it('queries the Pyrra burn-rate series with the fast-burn threshold', () => {
    const out = buildProgressiveDeliveryManifests({
      ...BASE,
      trafficRouting: { type: 'nginx' },
      analysis: {
        type: 'pyrra-burn-rate',
        prometheusAddress: 'http://prom:9090',
      },
      slo: { enabled: true, target: '99.5', window: '28d' },
    });
    const template = out.manifests.find(
      m => m.object.kind === 'AnalysisTemplate',
    )!.object as any;
    expect(template.metadata.name).toBe('checkout-slo-burn-rate');
    const metric = template.spec.metrics[0];
    expect(metric.provider.prometheus).toEqual({
      address: 'http://prom:9090',
      query:
        '(http_requests:burnrate5m{job="checkout",namespace="team-a",slo="checkout-availability"} < http_requests:burnrate1h{job="checkout",namespace="team-a",slo="checkout-availability"}) or http_requests:burnrate1h{job="checkout",namespace="team-a",slo="checkout-availability"}',
    });
    expect(metric.successCondition).toBe(
      'len(result) == 0 || isNaN(result[0]) || result[0] < 0.07000000000000006',
    );
    const slo = out.manifests.find(
      m => m.object.kind === 'ServiceLevelObjective',
    )!.object as any;
    expect(slo.spec).toEqual({
      target: '99.5',
      window: '28d',
      description: expect.any(String),
      indicator: {
        ratio: {
          errors: {
            metric:
              'http_requests_total{code=~"5..",job="checkout",namespace="team-a"}',
          },
          total: {
            metric: 'http_requests_total{job="checkout",namespace="team-a"}',
          },
        },
      },
    });
    // nginx cannot route by header: the step is left out, with a note
    expect(
      rolloutOf(out).spec.strategy.canary!.steps!.some(s => s.setHeaderRoute),
    ).toBe(false);
    expect(out.notes).toEqual([
      expect.stringContaining(
        'Header-based routing is not supported with nginx',
      ),
    ]);
  });

  it('passes the canary service and namespace to the error-ratio analysis', () => {
    const out = buildProgressiveDeliveryManifests({
      ...BASE,
      trafficRouting: { type: 'alb' },
      analysis: { type: 'error-ratio', maxErrorRatio: 0.05 },
    });
    const canary = rolloutOf(out).spec.strategy.canary!;
    const step = canary.steps!.find(s => s.analysis)!;
    expect(step.analysis).toEqual({
      templates: [{ templateName: 'checkout-error-ratio' }],
      args: [
        { name: 'service-name', value: 'checkout-canary' },
        {
          name: 'namespace',
          valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } },
        },
      ],
    });
    const template = out.manifests.find(
      m => m.object.kind === 'AnalysisTemplate',
    )!.object as any;
    expect(template.spec.metrics[0].provider.prometheus.query).toBe(
      'sum(rate(http_requests_total{code=~"5..",job="{{args.service-name}}",namespace="{{args.namespace}}"}[2m])) / sum(rate(http_requests_total{job="{{args.service-name}}",namespace="{{args.namespace}}"}[2m]))',
    );
    expect(template.spec.metrics[0].successCondition).toContain('<= 0.05');
    // ALB: root Service + Ingress
    expect(
      out.manifests.map(m => `${m.object.kind}/${m.object.metadata.name}`),
    ).toEqual([
      'Rollout/checkout',
      'Ingress/checkout',
      'Service/checkout-stable',
      'Service/checkout-canary',
      'Service/checkout',
      'AnalysisTemplate/checkout-error-ratio',
      'AnalysisTemplate/checkout-error-ratio-background',
    ]);
  });

  it('without traffic routing skips the weight-0 test phase and says so', () => {
    const out = buildProgressiveDeliveryManifests({
      ...BASE,
      analysis: { type: 'error-ratio' },
      scaleDownDelaySeconds: 120,
    });
    const canary = rolloutOf(out).spec.strategy.canary!;
    expect(canary.steps![0]).toEqual({ analysis: expect.any(Object) });
    expect(canary.trafficRouting).toBeUndefined();
    expect(canary.scaleDownDelaySeconds).toBeUndefined();
    expect(out.notes).toHaveLength(2);
  });
});

describe('blue-green', () => {
  it('builds active and preview services with a pre-promotion analysis on the preview', () => {
    const out = buildProgressiveDeliveryManifests({
      ...BASE,
      preset: 'blue-green',
      analysis: { type: 'error-ratio' },
    });
    expect(rolloutOf(out).spec.strategy.blueGreen).toEqual({
      activeService: 'checkout-active',
      previewService: 'checkout-preview',
      previewReplicaCount: 1,
      autoPromotionEnabled: true,
      scaleDownDelaySeconds: 600,
      prePromotionAnalysis: {
        templates: [{ templateName: 'checkout-error-ratio' }],
        args: [
          { name: 'service-name', value: 'checkout-preview' },
          {
            name: 'namespace',
            valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } },
          },
        ],
      },
    });
  });

  it('is promoted manually without analysis', () => {
    const out = buildProgressiveDeliveryManifests({
      ...BASE,
      preset: 'blue-green',
    });
    expect(rolloutOf(out).spec.strategy.blueGreen!.autoPromotionEnabled).toBe(
      false,
    );
  });
});

describe('bad input', () => {
  it.each<[string, Partial<ProgressiveDeliveryOptions>, RegExp]>([
    [
      'an invalid name',
      { name: 'Checkout_Service' },
      /name must be a lowercase DNS label/,
    ],
    ['an invalid namespace', { namespace: 'Team A' }, /namespace/],
    ['no image', { image: ' ' }, /image is required/],
    ['an unknown preset', { preset: 'yolo' as any }, /Unknown preset/],
    [
      'burn rate without SLO',
      { analysis: { type: 'pyrra-burn-rate' } },
      /enable the SLO/,
    ],
    [
      'canary-analysis without analysis',
      { preset: 'canary-analysis' },
      /needs an analysis/,
    ],
    [
      'blue-green with routing',
      { preset: 'blue-green', trafficRouting: { type: 'istio' } },
      /blue-green/,
    ],
    ['a bad SLO target', { slo: { enabled: true, target: '120' } }, /target/],
    [
      'a bad SLO window',
      { slo: { enabled: true, window: 'forever' } },
      /duration/,
    ],
    [
      'a bad error ratio',
      { analysis: { type: 'error-ratio', maxErrorRatio: 2 } },
      /maxErrorRatio/,
    ],
    [
      'a bad mirror percentage',
      { trafficRouting: { type: 'istio', mirrorPercentage: 0 } },
      /mirrorPercentage/,
    ],
    [
      'a bad metric name',
      { slo: { enabled: true }, requestMetric: { metric: 'http-requests' } },
      /metric name/i,
    ],
    ['negative replicas', { replicas: -1 }, /replicas/],
  ])('refuses %s', (_, patch, message) => {
    expect(() =>
      buildProgressiveDeliveryManifests({ ...BASE, ...patch }),
    ).toThrow(ManifestInputError);
    expect(() =>
      buildProgressiveDeliveryManifests({ ...BASE, ...patch }),
    ).toThrow(message);
  });
});
