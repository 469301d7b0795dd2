import { MANIFEST_RULES, validateManifests } from './validate';
import { CanaryStrategy } from '../kubernetes/rollout';

function rollout(canary: Partial<CanaryStrategy> | undefined, extra: any = {}) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'web', namespace: 'team-a' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'web:1' }] },
      },
      strategy: canary ? { canary } : {},
      ...extra,
    },
  };
}

const template = (name: string, args?: any[]) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisTemplate',
  metadata: { name },
  spec: {
    ...(args ? { args } : {}),
    metrics: [
      {
        name: 'm',
        provider: { prometheus: { address: 'http://p', query: 'up' } },
      },
    ],
  },
});

const ISTIO = {
  canaryService: 'web-canary',
  stableService: 'web-stable',
  trafficRouting: {
    istio: { virtualService: { name: 'web', routes: ['primary'] } },
  },
};

function rules(objects: unknown[], options?: any) {
  return validateManifests(objects, options).findings.map(f => f.rule);
}

describe('validateManifests: semantic rules', () => {
  it('accepts a plain canary', () => {
    expect(
      rules([
        rollout({
          steps: [
            { setWeight: 20 },
            { pause: {} },
            { pause: { duration: '1h30m' } },
            { pause: { duration: 45 } },
            { pause: { duration: '0' } },
          ],
        }),
      ]),
    ).toEqual([]);
  });

  it('documents every rule', () => {
    for (const rule of Object.values(MANIFEST_RULES)) {
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });

  it('flags a decreasing weight as a warning, weights above maxTrafficWeight as errors', () => {
    const report = validateManifests([
      rollout({
        steps: [{ setWeight: 50 }, { setWeight: 20 }, { setWeight: 101 }],
      }),
    ]);
    expect(report.findings.map(f => [f.rule, f.severity, f.path])).toEqual([
      [
        'weight-decreasing',
        'warning',
        'spec.strategy.canary.steps[1].setWeight',
      ],
      ['weight-range', 'error', 'spec.strategy.canary.steps[2].setWeight'],
    ]);
    expect(report.valid).toBe(false);
    expect(report.errors).toBe(1);
    expect(report.warnings).toBe(1);
    expect(
      rules([
        rollout({
          canaryService: 'c',
          stableService: 's',
          trafficRouting: {
            nginx: { stableIngress: 'web' },
            maxTrafficWeight: 1000,
          },
          steps: [{ setWeight: 500 }, { setWeight: 1000 }],
        }),
      ]),
    ).toEqual([]);
    expect(
      rules([
        rollout({
          ...ISTIO,
          trafficRouting: { ...ISTIO.trafficRouting, maxTrafficWeight: 1000 },
        }),
      ]),
    ).toEqual(['max-traffic-weight-router']);
  });

  it('flags header and mirror routes without traffic routing or managedRoutes', () => {
    const header = {
      setHeaderRoute: {
        name: 'h',
        match: [{ headerName: 'x', headerValue: { exact: 'y' } }],
      },
    };
    const mirror = { setMirrorRoute: { name: 'm', percentage: 10 } };
    expect(rules([rollout({ steps: [header, mirror] })])).toEqual([
      'header-route-unsupported',
      'mirror-route-unsupported',
    ]);
    expect(rules([rollout({ ...ISTIO, steps: [header, mirror] })])).toEqual([
      'managed-routes',
      'managed-routes',
    ]);
    expect(
      rules([
        rollout({
          ...ISTIO,
          trafficRouting: {
            ...ISTIO.trafficRouting,
            managedRoutes: [{ name: 'h' }],
          },
          steps: [header, mirror],
        }),
      ]),
    ).toEqual(['managed-routes']);
    expect(
      rules([
        rollout({
          ...ISTIO,
          trafficRouting: {
            ...ISTIO.trafficRouting,
            managedRoutes: [{ name: 'h' }, { name: 'm' }],
          },
          steps: [header, mirror],
        }),
      ]),
    ).toEqual([]);
    // nginx supports neither
    expect(
      rules([
        rollout({
          canaryService: 'c',
          stableService: 's',
          trafficRouting: {
            nginx: { stableIngress: 'i' },
            managedRoutes: [{ name: 'h' }, { name: 'm' }],
          },
          steps: [header, mirror],
        }),
      ]),
    ).toEqual(['header-route-unsupported', 'mirror-route-unsupported']);
  });

  it('checks header matches (ALB: exact only)', () => {
    const tr = {
      canaryService: 'c',
      stableService: 's',
      trafficRouting: {
        alb: { ingress: 'i', servicePort: 80 },
        managedRoutes: [{ name: 'h' }],
      },
    };
    expect(
      rules([
        rollout({
          ...tr,
          steps: [
            {
              setHeaderRoute: {
                name: 'h',
                match: [{ headerName: 'x', headerValue: { prefix: 'y' } }],
              },
            },
          ],
        }),
      ]),
    ).toEqual(['string-match']);
  });

  it('flags setCanaryScale without traffic routing', () => {
    expect(
      rules([rollout({ steps: [{ setCanaryScale: { replicas: 1 } }] })]),
    ).toEqual(['canary-scale-without-traffic-routing']);
  });

  it('flags missing analysis templates and unset args', () => {
    const step = { analysis: { templates: [{ templateName: 'rate' }] } };
    expect(rules([rollout({ steps: [step] })])).toEqual([
      'analysis-template-missing',
    ]);
    expect(
      rules([rollout({ steps: [step] })], { checkReferences: false }),
    ).toEqual([]);
    expect(
      rules([
        rollout({ steps: [step] }),
        template('rate', [
          { name: 'service' },
          { name: 'ns', value: 'default' },
        ]),
      ]),
    ).toEqual(['analysis-args-unset']);
    expect(
      rules([
        rollout({
          steps: [
            {
              analysis: {
                ...step.analysis,
                args: [{ name: 'service', value: 'web' }],
              },
            },
          ],
        }),
        template('rate', [{ name: 'service' }]),
      ]),
    ).toEqual([]);
    // cluster-scoped templates are looked up among ClusterAnalysisTemplates
    expect(
      rules([
        rollout({
          steps: [
            {
              analysis: {
                templates: [{ templateName: 'rate', clusterScope: true }],
              },
            },
          ],
        }),
        template('rate'),
      ]),
    ).toEqual(['analysis-template-missing']);
    // background, blue-green and experiment analyses are checked too
    expect(
      rules([rollout({ analysis: { templates: [{ templateName: 'gone' }] } })]),
    ).toEqual(['analysis-template-missing']);
    expect(
      rules([rollout({ steps: [{ analysis: { templates: [] } }] })]),
    ).toEqual(['analysis-empty']);
  });

  it('warns about an unbounded pause before the first analysis', () => {
    const steps = [
      { setWeight: 10 },
      { pause: {} },
      { analysis: { templates: [{ templateName: 'rate' }] } },
    ];
    const report = validateManifests([rollout({ steps }), template('rate')]);
    expect(report.findings.map(f => [f.rule, f.severity])).toEqual([
      ['unbounded-pause-before-analysis', 'warning'],
    ]);
    expect(report.valid).toBe(true);
    // a background analysis already running covers the pause; a timed pause is fine
    expect(
      rules([
        rollout({ steps, analysis: { templates: [{ templateName: 'rate' }] } }),
        template('rate'),
      ]),
    ).toEqual([]);
    expect(
      rules([
        rollout({ steps: [{ pause: { duration: '1m' } }, steps[2]] }),
        template('rate'),
      ]),
    ).toEqual([]);
  });

  it('applies the controller validation', () => {
    expect(rules([rollout(undefined)])).toEqual(['strategy']);
    expect(rules([rollout({}, { selector: undefined })])).toEqual(['selector']);
    expect(
      rules([
        rollout(
          {},
          {
            template: {
              metadata: { labels: { app: 'other' } },
              spec: { containers: [{ name: 'a', image: 'a' }] },
            },
          },
        ),
      ]),
    ).toEqual(['selector']);
    expect(
      rules([rollout({ canaryService: 'a', stableService: 'a' })]),
    ).toEqual(['duplicate-services']);
    expect(rules([rollout({ trafficRouting: ISTIO.trafficRouting })])).toEqual([
      'traffic-routing-services',
      'traffic-routing-services',
    ]);
    expect(rules([rollout({ maxSurge: 0, maxUnavailable: '0%' })])).toEqual([
      'max-surge-unavailable',
    ]);
    expect(rules([rollout({ scaleDownDelaySeconds: 30 })])).toEqual([
      'scale-down-delay',
    ]);
    expect(rules([rollout({ steps: [{ setWeight: 10, pause: {} }] })])).toEqual(
      ['step-type'],
    );
    expect(rules([rollout({ steps: [{}] })])).toEqual(['step-type']);
    expect(
      rules([
        rollout({
          steps: [
            { pause: { duration: '-5s' } },
            { pause: { duration: 'soon' } },
          ],
        }),
      ]),
    ).toEqual(['pause-duration', 'pause-duration']);
    expect(
      rules([
        rollout({
          steps: [
            {
              experiment: {
                templates: [{ name: 'c', specRef: 'canary', weight: 10 }],
              },
            },
          ],
        }),
      ]),
    ).toEqual(['experiment-weight']);
    expect(
      rules([
        rollout(
          {},
          {
            workloadRef: {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: 'web',
            },
          },
        ),
      ]),
    ).toEqual(['workload-ref-template']);
    expect(
      rules([
        rollout({}, { progressDeadlineSeconds: 10, minReadySeconds: 10 }),
      ]),
    ).toEqual(['progress-deadline']);
    expect(
      rules([
        {
          ...rollout({}),
          spec: {
            ...rollout({}).spec,
            strategy: {
              blueGreen: { activeService: 'a', previewService: 'a' },
            },
          },
        },
      ]),
    ).toEqual(['duplicate-services']);
  });

  it('checks schemas, metadata, apiVersions, duplicates and SLOs', () => {
    const bad = rollout({ steps: [{ setWeight: 'ten' as any }] });
    const report = validateManifests([bad]);
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'schema',
        path: 'spec.strategy.canary.steps[0].setWeight',
        object: { index: 0, kind: 'Rollout', name: 'web', namespace: 'team-a' },
      }),
    ]);
    expect(
      rules([{ ...rollout({}), spec: { ...rollout({}).spec, replicaz: 3 } }]),
    ).toEqual(['schema']);
    expect(rules([{ ...rollout({}), apiVersion: 'argoproj.io/v1' }])).toEqual([
      'api-version',
    ]);
    expect(rules([{ ...rollout({}), metadata: { name: 'Web' } }])).toEqual([
      'metadata',
    ]);
    expect(rules([rollout({}), rollout({})])).toEqual(['duplicate']);
    expect(rules([{ kind: 'Rollout' }, 'text'])).toEqual([
      'not-an-object',
      'not-an-object',
    ]);
    expect(
      rules([
        {
          apiVersion: 'pyrra.dev/v1alpha1',
          kind: 'ServiceLevelObjective',
          metadata: { name: 'slo' },
          spec: {
            target: '120',
            window: '28d',
            indicator: {
              ratio: {
                errors: { metric: 'a{code="5"}' },
                total: { metric: 'a' },
              },
            },
          },
        },
      ]),
    ).toEqual(['slo']);
    // catalog files in the same folder are not Kubernetes objects
    expect(
      rules([
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'web', description: 'x' },
          spec: {},
        },
      ]),
    ).toEqual([]);
    // kinds without a CRD schema are checked for metadata only
    expect(
      rules([
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web' },
          spec: { whatever: true },
        },
      ]),
    ).toEqual([]);
  });
});
