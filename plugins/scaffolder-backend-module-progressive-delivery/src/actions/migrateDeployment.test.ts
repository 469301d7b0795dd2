import { createMockDirectory } from '@backstage/backend-test-utils';
import { validateManifests } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { createMockActionContext } from '../__testUtils__/mockActionContext';
import { migrateDeploymentAction } from './migrateDeployment';

const DEPLOYMENT_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: team-a
spec:
  replicas: 3
  selector:
    matchLabels:
      app: checkout
  template:
    metadata:
      labels:
        app: checkout
    spec:
      containers:
        - name: checkout
          image: ghcr.io/acme/checkout:1.0.0
          ports:
            - name: http
              containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: checkout
  namespace: team-a
spec:
  selector:
    app: checkout
  ports:
    - port: 80
      targetPort: http
`;

function readAll(dir: string, files: string[]) {
  return files
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      yaml.loadAll(fs.readFileSync(path.join(dir, f), 'utf8')).filter(Boolean),
    );
}

describe('argo-rollouts:migrate-deployment', () => {
  const action = migrateDeploymentAction();

  it('declares its id, schema, examples and dry-run support', () => {
    expect(action.id).toBe('argo-rollouts:migrate-deployment');
    expect(action.supportsDryRun).toBe(true);
    expect(action.examples?.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys((action.schema?.input as any).properties)).toEqual(
      expect.arrayContaining([
        'deployment',
        'deploymentPath',
        'scaleDown',
        'preset',
      ]),
    );
  });

  it.each(['progressively', 'onsuccess'] as const)(
    'migrates a Deployment read from the workspace (scaleDown %s)',
    async scaleDown => {
      const mockDir = createMockDirectory({
        content: { 'deploy/app.yaml': DEPLOYMENT_YAML },
      });
      const { ctx, outputs } = createMockActionContext({
        input: { deploymentPath: 'deploy/app.yaml', scaleDown } as any,
        workspacePath: mockDir.path,
      });
      await action.handler(ctx);
      expect(outputs.files).toEqual([
        'kubernetes/rollout.yaml',
        'kubernetes/services.yaml',
        'kubernetes/migration-temporary.yaml',
        'kubernetes/MIGRATION.md',
      ]);
      const objects = readAll(mockDir.path, outputs.files) as any[];
      const rollout = objects.find(o => o.kind === 'Rollout');
      expect(rollout.metadata.namespace).toBe('team-a');
      expect(rollout.spec.workloadRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'checkout',
        scaleDown,
      });
      expect(
        validateManifests([
          yaml.load(DEPLOYMENT_YAML.split('---')[0]),
          ...objects,
        ]).findings,
      ).toEqual([]);
      expect(outputs.checklist.map((c: any) => c.id)).toContain(
        'delete-temporary',
      );
      expect(outputs.temporary).toEqual({
        service: 'checkout-migration',
        ingress: 'checkout-migration',
      });
      const md = fs.readFileSync(
        path.join(mockDir.path, 'kubernetes/MIGRATION.md'),
        'utf8',
      );
      expect(md).toContain(
        'kubectl scale deployment/checkout --replicas=0 -n team-a',
      );
      expect(md).toContain(
        'kubectl delete service/checkout-migration ingress/checkout-migration -n team-a',
      );
    },
  );

  it.each([
    ['progressive', 'istio', 'pyrra-burn-rate', true],
    ['canary-analysis', 'nginx', 'error-ratio', false],
    ['blue-green', 'none', 'none', false],
    ['canary-basic', 'alb', 'none', false],
    ['progressive', 'smi', 'error-ratio', true],
  ])(
    'migrates with preset %s, routing %s, analysis %s',
    async (preset, trafficRouting, analysis, slo) => {
      const mockDir = createMockDirectory();
      const { ctx, outputs } = createMockActionContext({
        input: {
          deployment: DEPLOYMENT_YAML,
          preset,
          trafficRouting,
          analysis,
          slo,
        } as any,
        workspacePath: mockDir.path,
      });
      await action.handler(ctx);
      expect(
        validateManifests(readAll(mockDir.path, outputs.files)).findings,
      ).toEqual([]);
    },
  );

  it('explains what is wrong with the input', async () => {
    const run = (input: any) =>
      action.handler(
        createMockActionContext({
          input,
          workspacePath: createMockDirectory().path,
        }).ctx,
      );
    await expect(run({})).rejects.toThrow(
      /deployment \(YAML\) or deploymentPath/,
    );
    await expect(run({ deploymentPath: 'nope.yaml' })).rejects.toThrow(
      /does not exist/,
    );
    await expect(run({ deployment: 'a: [' })).rejects.toThrow(/not valid YAML/);
    await expect(
      run({ deployment: 'kind: Service\napiVersion: v1' }),
    ).rejects.toThrow(/no Deployment/);
    await expect(
      run({
        deployment: `${DEPLOYMENT_YAML}---\n${DEPLOYMENT_YAML.replace(
          /checkout/g,
          'other',
        )}`,
      }),
    ).rejects.toThrow(/2 Deployments/);
    await expect(
      run({ deployment: DEPLOYMENT_YAML, namespace: 'elsewhere' }),
    ).rejects.toThrow(/same namespace/);
  });
});
