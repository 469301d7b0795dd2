import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import request from 'supertest';
import { scaffolderModuleProgressiveDelivery } from './module';

const TEMPLATES = path.resolve(__dirname, '..', 'templates');

function directoryContents(
  dir: string,
  prefix = '',
): Array<{ path: string; base64Content: string }> {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return directoryContents(full, rel);
    return [
      { path: rel, base64Content: fs.readFileSync(full).toString('base64') },
    ];
  });
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: team-checkout
spec:
  replicas: 2
  selector:
    matchLabels: {app: cart}
  template:
    metadata:
      labels: {app: cart}
    spec:
      containers:
        - name: cart
          image: argoproj/rollouts-demo:blue
          ports: [{name: http, containerPort: 8080}]
`;

const CASES: Array<{
  dir: string;
  values: Record<string, unknown>;
  files: string[];
  link?: string;
  /** Annotations of the generated catalog-info.yaml (when the template writes one). */
  annotations?: Record<string, string>;
}> = [
  {
    dir: 'new-service',
    values: {
      name: 'checkout-v2',
      owner: 'group:default/team-checkout',
      description: 'Checkout, second generation',
      image: 'argoproj/rollouts-demo:blue',
      namespace: 'team-checkout',
      containerPort: 8080,
      replicas: 3,
      preset: 'progressive',
      trafficRouting: 'istio',
      analysis: 'pyrra-burn-rate',
      slo: true,
      sloTarget: '99.5',
      apply: true,
      cluster: 'staging',
    },
    files: [
      'catalog-info.yaml',
      'kubernetes/rollout.yaml',
      'kubernetes/services.yaml',
      'kubernetes/virtualservice.yaml',
      'kubernetes/analysis-templates.yaml',
      'kubernetes/slo.yaml',
    ],
    link: '/catalog/default/component/checkout-v2/progressive-delivery',
    annotations: {
      'backstage.io/kubernetes-id': 'checkout-v2',
      'backstage.io/kubernetes-namespace': 'team-checkout',
    },
  },
  {
    dir: 'add-rollout',
    values: {
      entity: 'component:default/cart',
      image: 'argoproj/rollouts-demo:blue',
      namespace: 'team-checkout',
      containerPort: 8080,
      preset: 'canary-analysis',
      trafficRouting: 'nginx',
      analysis: 'error-ratio',
      slo: false,
      apply: false,
      cluster: 'staging',
    },
    files: [
      'PROGRESSIVE-DELIVERY.md',
      'kubernetes/rollout.yaml',
      'kubernetes/ingress.yaml',
    ],
    link: '/catalog/default/component/cart/progressive-delivery',
  },
  {
    dir: 'migrate-deployment',
    values: {
      deployment: DEPLOYMENT,
      scaleDown: 'progressively',
      preset: 'canary-basic',
      trafficRouting: 'none',
      analysis: 'none',
    },
    files: [
      'README.md',
      'kubernetes/rollout.yaml',
      'kubernetes/migration-temporary.yaml',
      'kubernetes/MIGRATION.md',
    ],
  },
];

describe('templates through the scaffolder dry run', () => {
  it.each(CASES.map(c => [c.dir, c] as const))(
    '%s runs end to end',
    async (_, c) => {
      const { server } = await startTestBackend({
        features: [
          import('@backstage/plugin-scaffolder-backend'),
          scaffolderModuleProgressiveDelivery,
          catalogServiceMock.factory({ entities: [] }),
          mockServices.rootConfig.factory({ data: {} }),
        ],
      });
      const dir = path.join(TEMPLATES, c.dir);
      const template = yaml.load(
        fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
      );
      const res = await request(server)
        .post('/api/scaffolder/v2/dry-run')
        .send({
          template,
          values: c.values,
          directoryContents: directoryContents(dir),
        });
      if (res.status !== 200) {
        throw new Error(
          `dry run failed: ${res.status} ${JSON.stringify(res.body)}`,
        );
      }
      const log = res.body.log as Array<{
        body: { message: string; status?: string; stepId?: string };
      }>;
      expect(log.filter(l => l.body.status === 'failed')).toEqual([]);
      const completed = new Set(
        log.filter(l => l.body.status === 'completed').map(l => l.body.stepId),
      );
      const expectedSteps = ((template as any).spec.steps as any[])
        .filter(step => step.if === undefined || c.values.apply)
        .map(step => step.id);
      expect(expectedSteps.filter(id => !completed.has(id))).toEqual([]);
      const files = (res.body.directoryContents as Array<{ path: string }>).map(
        f => f.path,
      );
      expect(files).toEqual(expect.arrayContaining(c.files));
      expect(res.body.output.links?.[0]?.url).toBe(c.link);
      const rollout = yaml.load(
        Buffer.from(
          res.body.directoryContents.find(
            (f: any) => f.path === 'kubernetes/rollout.yaml',
          ).base64Content,
          'base64',
        ).toString('utf8'),
      ) as any;
      expect(rollout.kind).toBe('Rollout');
      const catalogInfo = res.body.directoryContents.find(
        (f: any) => f.path === 'catalog-info.yaml',
      );
      const entity = catalogInfo
        ? (yaml.load(
            Buffer.from(catalogInfo.base64Content, 'base64').toString('utf8'),
          ) as any)
        : undefined;
      expect(entity?.metadata.annotations).toEqual(c.annotations);
      expect(entity?.spec.owner).toBe(c.values.owner);
    },
    60_000,
  );
});

describe('template forms', () => {
  const dirs = fs.readdirSync(TEMPLATES);

  it('has the three templates', () => {
    expect(dirs.sort()).toEqual([
      'add-rollout',
      'migrate-deployment',
      'new-service',
    ]);
  });

  it.each(dirs)(
    '%s: every parameter has a title and enum labels match the values',
    dir => {
      const template = yaml.load(
        fs.readFileSync(path.join(TEMPLATES, dir, 'template.yaml'), 'utf8'),
      ) as any;
      expect(template.kind).toBe('Template');
      const problems: string[] = [];
      for (const page of template.spec.parameters) {
        for (const [key, prop] of Object.entries<any>(page.properties)) {
          if (!prop.title) problems.push(`${key}: no title`);
          if (prop.enumNames && prop.enumNames.length !== prop.enum.length) {
            problems.push(`${key}: ${prop.enumNames.length} labels`);
          }
          if (
            prop.default !== undefined &&
            prop.enum &&
            !prop.enum.includes(prop.default)
          ) {
            problems.push(`${key}: default not in enum`);
          }
        }
      }
      expect(problems).toEqual([]);
    },
  );
});
