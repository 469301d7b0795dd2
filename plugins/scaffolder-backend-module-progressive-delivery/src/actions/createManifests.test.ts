import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  AnalysisType,
  StrategyPresetId,
  TrafficRouterType,
  validateManifests,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { createMockActionContext } from '../__testUtils__/mockActionContext';
import { createManifestsAction } from './createManifests';

const ROUTERS: TrafficRouterType[] = ['none', 'nginx', 'istio', 'smi', 'alb'];

function readAll(dir: string, files: string[]) {
  return files.flatMap(f =>
    yaml.loadAll(fs.readFileSync(path.join(dir, f), 'utf8')).filter(Boolean),
  );
}

describe('argo-rollouts:manifests:create', () => {
  const action = createManifestsAction();

  it('declares its id, schema, examples and dry-run support', () => {
    expect(action.id).toBe('argo-rollouts:manifests:create');
    expect(action.supportsDryRun).toBe(true);
    expect(action.examples?.length).toBeGreaterThanOrEqual(3);
    const input = action.schema?.input as any;
    expect(input.required).toEqual(expect.arrayContaining(['name', 'image']));
    expect(Object.keys(input.properties)).toEqual(
      expect.arrayContaining([
        'preset',
        'trafficRouting',
        'analysis',
        'slo',
        'steps',
      ]),
    );
    for (const example of action.examples!) {
      expect(() => yaml.load(example.example)).not.toThrow();
    }
  });

  const cases: Array<
    [StrategyPresetId, TrafficRouterType, AnalysisType, boolean]
  > = [];
  for (const router of ROUTERS) {
    cases.push(['progressive', router, 'pyrra-burn-rate', true]);
    cases.push(['progressive', router, 'error-ratio', false]);
    cases.push(['progressive', router, 'none', false]);
    cases.push(['canary-basic', router, 'none', true]);
    cases.push(['canary-analysis', router, 'error-ratio', true]);
  }
  cases.push(['blue-green', 'none', 'error-ratio', true]);
  cases.push(['blue-green', 'none', 'pyrra-burn-rate', true]);
  cases.push(['blue-green', 'none', 'none', false]);

  it.each(cases)(
    'writes valid manifests: preset %s, routing %s, analysis %s, slo %s',
    async (preset, trafficRouting, analysis, slo) => {
      const mockDir = createMockDirectory();
      const { ctx, outputs } = createMockActionContext({
        input: {
          name: 'checkout',
          namespace: 'team-a',
          image: 'ghcr.io/acme/checkout:1.0.0',
          preset,
          trafficRouting,
          analysis,
          slo,
          mirrorPercentage: trafficRouting === 'istio' ? 10 : undefined,
          targetPath: 'kubernetes',
        } as any,
        workspacePath: mockDir.path,
      });
      await action.handler(ctx);
      expect(outputs.files.length).toBeGreaterThanOrEqual(2);
      for (const f of outputs.files)
        expect(f.startsWith('kubernetes/')).toBe(true);
      const objects = readAll(mockDir.path, outputs.files);
      // the YAML written validates against the CRD schemas and passes the semantic rules
      expect(validateManifests(objects).findings).toEqual([]);
      expect(outputs.findings).toEqual([]);
      expect(outputs.annotations).toEqual({
        'backstage.io/kubernetes-id': 'checkout',
        'backstage.io/kubernetes-namespace': 'team-a',
      });
      const kinds = objects.map((o: any) => o.kind);
      expect(kinds).toContain('Rollout');
      expect(kinds.includes('ServiceLevelObjective')).toBe(slo);
      expect(kinds.includes('AnalysisTemplate')).toBe(analysis !== 'none');
    },
  );

  it('accepts explicit steps and rejects invalid ones with the validator findings', async () => {
    const mockDir = createMockDirectory();
    const ok = createMockActionContext({
      input: {
        name: 'search',
        namespace: 'team-c',
        image: 'search:5',
        trafficRouting: 'nginx',
        steps: [
          { setWeight: 5 },
          { pause: { duration: '10m' } },
          { setWeight: 50 },
        ],
      } as any,
      workspacePath: mockDir.path,
    });
    await action.handler(ok.ctx);
    const [rollout] = readAll(mockDir.path, [
      'kubernetes/rollout.yaml',
    ]) as any[];
    expect(rollout.spec.strategy.canary.steps).toEqual([
      { setWeight: 5 },
      { pause: { duration: '10m' } },
      { setWeight: 50 },
    ]);

    const bad = createMockActionContext({
      input: {
        name: 'search',
        namespace: 'team-c',
        image: 'search:5',
        steps: [
          { setWeight: 50 },
          { setHeaderRoute: { name: 'x' } },
          { setWeight: 150 },
        ],
      } as any,
      workspacePath: createMockDirectory().path,
    });
    await expect(action.handler(bad.ctx)).rejects.toThrow(
      /header-route-unsupported[\s\S]*weight-range/,
    );
  });

  it('turns impossible options into an InputError', async () => {
    const { ctx } = createMockActionContext({
      input: {
        name: 'checkout',
        namespace: 'team-a',
        image: 'x:1',
        analysis: 'pyrra-burn-rate',
        slo: false,
      } as any,
      workspacePath: createMockDirectory().path,
    });
    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('enable the SLO'),
    });
  });

  it('refuses a target path outside the workspace', async () => {
    const { ctx } = createMockActionContext({
      input: {
        name: 'checkout',
        namespace: 'a',
        image: 'x:1',
        targetPath: '../escape',
      } as any,
      workspacePath: createMockDirectory().path,
    });
    await expect(action.handler(ctx)).rejects.toThrow(/outside/i);
  });

  it('writes the same files in a dry run', async () => {
    const mockDir = createMockDirectory();
    const { ctx, outputs } = createMockActionContext({
      input: {
        name: 'checkout',
        namespace: 'a',
        image: 'x:1',
        preset: 'canary-basic',
      } as any,
      workspacePath: mockDir.path,
      isDryRun: true,
    });
    await action.handler(ctx);
    expect(outputs.files).toEqual([
      'kubernetes/rollout.yaml',
      'kubernetes/services.yaml',
    ]);
    expect(
      fs.existsSync(path.join(mockDir.path, 'kubernetes/rollout.yaml')),
    ).toBe(true);
  });
});
