import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  ManualClock,
  Simulator,
  startSimulator,
} from '@pdelivery/cluster-simulator';
import { createMockActionContext } from '../__testUtils__/mockActionContext';
import { applyManifestsAction } from './applyManifests';
import { createManifestsAction } from './createManifests';

const NS = 'team-a';

describe('progressive-delivery:kubernetes:apply on a simulated cluster', () => {
  let sim: Simulator;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock('2026-11-26T12:00:00Z');
    sim = await startSimulator({ scenario: 'empty', clock, clusters: 1 });
  });

  afterEach(async () => {
    await sim.stop();
  });

  function config(allowed: string[]) {
    const [cluster] = sim.clusters;
    return mockServices.rootConfig({
      data: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: cluster.name,
                  url: cluster.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: cluster.tokens.readWrite,
                },
              ],
            },
          ],
        },
        progressiveDelivery: {
          scaffolder: { applyAllowedClusters: allowed },
        },
      },
    });
  }

  async function writeManifests(workspacePath: string, image: string) {
    const { ctx } = createMockActionContext({
      input: {
        name: 'checkout',
        namespace: NS,
        image,
        replicas: 4,
        preset: 'progressive',
        trafficRouting: 'istio',
        analysis: 'pyrra-burn-rate',
        slo: true,
      } as any,
      workspacePath,
    });
    await createManifestsAction().handler(ctx);
  }

  async function apply(
    workspacePath: string,
    allowed = [sim.clusters[0].name],
  ) {
    const run = createMockActionContext({
      input: {
        cluster: sim.clusters[0].name,
        paths: ['kubernetes'],
        namespace: NS,
      } as any,
      workspacePath,
    });
    await applyManifestsAction({ config: config(allowed) }).handler(run.ctx);
    return run.outputs.results as Array<{ kind: string; result: string }>;
  }

  it('applies a generated Rollout that then progresses through all its steps', async () => {
    const [cluster] = sim.clusters;
    const controller = cluster.controller!;
    const dir = createMockDirectory();
    await writeManifests(dir.path, 'argoproj/rollouts-demo:blue');
    const first = await apply(dir.path);
    // the defaults of the 'New service' template; the simulator serves no Istio CRDs
    expect(first.map(r => `${r.kind}:${r.result}`)).toEqual([
      'AnalysisTemplate:created',
      'AnalysisTemplate:created',
      'Service:created',
      'Service:created',
      'VirtualService:skipped',
      'ServiceLevelObjective:created',
      'Rollout:created',
    ]);
    const settle = (ms: number) => {
      clock.advance(ms);
      controller.reconcileAll();
    };
    for (let i = 0; i < 20; i++) settle(5_000);
    const initial = cluster.store.get('Rollout', NS, 'checkout')!;
    expect(initial.status.phase).toBe('Healthy');

    // a new version: the same action writes the new image, apply replaces the Rollout
    await writeManifests(dir.path, 'argoproj/rollouts-demo:green');
    const second = await apply(dir.path);
    expect(second[second.length - 1]).toMatchObject({
      kind: 'Rollout',
      result: 'updated',
    });

    const steps = (initial.spec.strategy.canary.steps as unknown[]).length;
    const seen: number[] = [];
    let ro = cluster.store.get('Rollout', NS, 'checkout')!;
    for (
      let i = 0;
      i < 400 &&
      !(ro.status?.phase === 'Healthy' && ro.status.currentStepIndex === steps);
      i++
    ) {
      settle(15_000);
      ro = cluster.store.get('Rollout', NS, 'checkout')!;
      const index = ro.status?.currentStepIndex;
      if (typeof index === 'number' && seen[seen.length - 1] !== index)
        seen.push(index);
    }
    expect(ro.status.abort).toBeFalsy();
    expect(ro.status.phase).toBe('Healthy');
    expect(ro.status.currentStepIndex).toBe(steps);
    expect(ro.status.stableRS).toBe(ro.status.currentPodHash);
    // every step was visited, in order
    expect(seen[seen.length - 1]).toBe(steps);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    // the step analysis ran against the generated AnalysisTemplate
    const runs = cluster.store.list('AnalysisRun', NS);
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.some(r => r.status?.phase === 'Successful')).toBe(true);
    expect(new Set(runs.map(r => r.metadata.labels?.['rollout-type']))).toEqual(
      new Set(['Step', 'Background']),
    );
  });

  it('refuses clusters that are not allowed, and does nothing in a dry run', async () => {
    const dir = createMockDirectory();
    await writeManifests(dir.path, 'argoproj/rollouts-demo:blue');
    await expect(apply(dir.path, [])).rejects.toThrow(/not allowed/);
    const dry = createMockActionContext({
      input: {
        cluster: 'anything',
        paths: ['kubernetes'],
        namespace: NS,
      } as any,
      workspacePath: dir.path,
      isDryRun: true,
    });
    await applyManifestsAction({ config: config([]) }).handler(dry.ctx);
    expect(dry.outputs.results).toEqual([]);
    expect(sim.clusters[0].store.list('Rollout', NS)).toEqual([]);
  });
});
