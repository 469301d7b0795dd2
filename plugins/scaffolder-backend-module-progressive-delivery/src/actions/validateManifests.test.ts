import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '../__testUtils__/mockActionContext';
import { validateManifestsAction } from './validateManifests';

const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: web, image: web:1}]
  strategy:
    canary:
      steps:
        - setWeight: 20
        - pause: {}
        - analysis:
            templates: [{templateName: success-rate}]
`;

describe('argo-rollouts:manifests:validate', () => {
  const action = validateManifestsAction();

  it('declares its id, examples and dry-run support', () => {
    expect(action.id).toBe('argo-rollouts:manifests:validate');
    expect(action.supportsDryRun).toBe(true);
    expect(action.examples?.length).toBeGreaterThanOrEqual(2);
  });

  it('fails on errors and reports findings with their file', async () => {
    const mockDir = createMockDirectory({
      content: {
        'kubernetes/rollout.yaml': ROLLOUT,
        'catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: web\n  description: x\nspec: {}\n',
      },
    });
    const { ctx, outputs } = createMockActionContext({
      input: {} as any,
      workspacePath: mockDir.path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /analysis-template-missing/,
    );
    expect(outputs.valid).toBe(false);
    expect(outputs.errors).toBe(1);
    expect(outputs.warnings).toBe(1);
    expect(outputs.findings).toEqual([
      expect.objectContaining({
        rule: 'unbounded-pause-before-analysis',
        severity: 'warning',
        file: 'kubernetes/rollout.yaml',
      }),
      expect.objectContaining({
        rule: 'analysis-template-missing',
        severity: 'error',
        file: 'kubernetes/rollout.yaml',
        path: 'spec.strategy.canary.steps[2].analysis.templates[0]',
      }),
    ]);
  });

  it('accepts templates that exist in the cluster; warnings fail only with failOn: warning', async () => {
    const mockDir = createMockDirectory({
      content: { 'rollout.yaml': ROLLOUT },
    });
    const input = {
      paths: ['rollout.yaml'],
      existingAnalysisTemplates: ['success-rate'],
    };
    const ok = createMockActionContext({
      input: input as any,
      workspacePath: mockDir.path,
    });
    await action.handler(ok.ctx);
    expect(ok.outputs.valid).toBe(true);
    expect(ok.outputs.warnings).toBe(1);
    const strict = createMockActionContext({
      input: { ...input, failOn: 'warning' } as any,
      workspacePath: mockDir.path,
    });
    await expect(strict.ctx && action.handler(strict.ctx)).rejects.toThrow(
      /unbounded-pause-before-analysis/,
    );
  });

  it('validates YAML given inline, and never fails with failOn: never', async () => {
    const { ctx, outputs } = createMockActionContext({
      input: {
        manifests: ROLLOUT.replace('setWeight: 20', 'setWeight: 200'),
        failOn: 'never',
      } as any,
      workspacePath: createMockDirectory().path,
    });
    await action.handler(ctx);
    expect(outputs.findings.map((f: any) => f.rule)).toEqual([
      'weight-range',
      'unbounded-pause-before-analysis',
      'analysis-template-missing',
    ]);
  });

  it('refuses paths outside the workspace or missing', async () => {
    const run = (paths: string[]) =>
      action.handler(
        createMockActionContext({
          input: { paths } as any,
          workspacePath: createMockDirectory().path,
        }).ctx,
      );
    await expect(run(['../etc'])).rejects.toThrow(/outside/i);
    await expect(run(['missing'])).rejects.toThrow(/does not exist/);
  });
});
