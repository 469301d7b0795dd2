import fs from 'fs';
import path from 'path';
import yaml from 'js-yaml';
import { buildDeploymentMigration } from './migration';
import { validateManifests } from './validate';
import { ManifestInputError } from './types';

const DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'checkout', namespace: 'team-a' },
  spec: {
    replicas: 4,
    selector: { matchLabels: { app: 'checkout' } },
    template: {
      metadata: { labels: { app: 'checkout' } },
      spec: {
        containers: [
          {
            name: 'checkout',
            image: 'checkout:1',
            ports: [{ name: 'web', containerPort: 8080 }],
          },
        ],
      },
    },
  },
};

describe('buildDeploymentMigration', () => {
  it('builds a workloadRef Rollout next to the Deployment, temporary Service and Ingress, and the checklist', () => {
    const out = buildDeploymentMigration({ deployment: DEPLOYMENT });
    const kinds = out.manifests.map(
      m => `${m.file}:${m.object.kind}/${m.object.metadata.name}`,
    );
    expect(kinds).toEqual([
      'rollout.yaml:Rollout/checkout',
      'services.yaml:Service/checkout-stable',
      'services.yaml:Service/checkout-canary',
      'migration-temporary.yaml:Service/checkout-migration',
      'migration-temporary.yaml:Ingress/checkout-migration',
    ]);
    const rollout = out.manifests[0].object as any;
    expect(rollout.spec).toEqual({
      replicas: 4,
      revisionHistoryLimit: 3,
      selector: { matchLabels: { app: 'checkout' } },
      workloadRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'checkout',
        scaleDown: 'progressively',
      },
      strategy: expect.objectContaining({ canary: expect.any(Object) }),
    });
    expect(rollout.spec.template).toBeUndefined();
    const temp = out.manifests[3].object as any;
    expect(temp.spec.selector).toEqual({ app: 'checkout' });
    expect(temp.spec.ports[0].targetPort).toBe('web');
    expect((out.manifests[1].object as any).spec.ports[0].targetPort).toBe(
      'web',
    );
    expect(out.checklist.map(c => c.id)).toEqual([
      'apply',
      'route-temporary',
      'wait-healthy',
      'scale-deployment',
      'switch-traffic',
      'delete-temporary',
      'annotate',
    ]);
    expect(out.checklist.find(c => c.id === 'scale-deployment')!.command).toBe(
      'kubectl scale deployment/checkout --replicas=0 -n team-a',
    );
    expect(out.checklist.find(c => c.id === 'delete-temporary')!.command).toBe(
      'kubectl delete service/checkout-migration ingress/checkout-migration -n team-a',
    );
    expect(out.temporary).toEqual({
      service: 'checkout-migration',
      ingress: 'checkout-migration',
    });
    expect(
      validateManifests([DEPLOYMENT, ...out.manifests.map(m => m.object)])
        .findings,
    ).toEqual([]);
  });

  it.each([
    ['onsuccess', 'progressive', 'istio', 'pyrra-burn-rate'],
    ['progressively', 'canary-analysis', 'nginx', 'error-ratio'],
    ['onsuccess', 'blue-green', 'none', 'none'],
    ['progressively', 'progressive', 'smi', 'error-ratio'],
    ['progressively', 'canary-basic', 'alb', 'none'],
  ] as const)(
    'scaleDown %s, preset %s, routing %s, analysis %s validates',
    (scaleDown, preset, router, analysis) => {
      const out = buildDeploymentMigration({
        deployment: DEPLOYMENT,
        scaleDown,
        preset,
        trafficRouting: { type: router },
        analysis: { type: analysis },
        slo: { enabled: analysis === 'pyrra-burn-rate' },
      });
      expect((out.manifests[0].object as any).spec.workloadRef.scaleDown).toBe(
        scaleDown,
      );
      expect(
        validateManifests(out.manifests.map(m => m.object)).findings,
      ).toEqual([]);
    },
  );

  it('migrates the upstream workloadRef example Deployment', () => {
    const [deployment] = yaml.loadAll(
      fs.readFileSync(
        path.join(
          __dirname,
          '__fixtures__',
          'argo-rollouts-examples',
          'workload-ref_workload-ref.yaml',
        ),
        'utf8',
      ),
    );
    const out = buildDeploymentMigration({ deployment, namespace: 'default' });
    expect((out.manifests[1].object as any).spec.ports[0].targetPort).toBe(
      8080,
    );
    expect(
      validateManifests(out.manifests.map(m => m.object)).findings,
    ).toEqual([]);
  });

  it.each<[string, unknown, RegExp]>([
    [
      'not a Deployment',
      { ...DEPLOYMENT, kind: 'StatefulSet' },
      /not a Deployment/,
    ],
    [
      'no matchLabels',
      { ...DEPLOYMENT, spec: { ...DEPLOYMENT.spec, selector: {} } },
      /matchLabels/,
    ],
    [
      'no ports',
      {
        ...DEPLOYMENT,
        spec: {
          ...DEPLOYMENT.spec,
          template: { spec: { containers: [{ name: 'c', image: 'i' }] } },
        },
      },
      /declares no port/,
    ],
  ])('refuses %s', (_, deployment, message) => {
    expect(() => buildDeploymentMigration({ deployment })).toThrow(
      ManifestInputError,
    );
    expect(() => buildDeploymentMigration({ deployment })).toThrow(message);
  });

  it('refuses a namespace other than the Deployment’s', () => {
    expect(() =>
      buildDeploymentMigration({ deployment: DEPLOYMENT, namespace: 'other' }),
    ).toThrow(/same namespace/);
  });
});
