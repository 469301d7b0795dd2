/**
 * Scenarios the simulated clusters start with. See `demo.ts` for the demo's clusters and
 * states, `scale.ts` for the benchmark's N clusters × M Rollouts.
 */
import { Clock, ObjectStore } from '../types';
import { seedDemo } from './demo';
import { seedScale } from './scale';
import { Seeder } from './seeder';

export const DEMO_CLUSTER_NAMES = ['eu-prod', 'us-prod', 'staging'] as const;

export { DEMO_NAMESPACES } from './demo';
export { SCALE_NAMESPACES, scaleId } from './scale';

export interface SeedContext {
  store: ObjectStore;
  clusterName: string;
  clusterIndex: number;
  rolloutsPerCluster: number;
  clock: Clock;
}

/**
 * Fills one cluster's store. Objects are created and then driven by a private instance of the
 * controller model to their start-up state, synchronously and deterministically; the cluster's
 * running controller picks up from there (timed steps continue on `clock`).
 */
export function seedScenario(
  scenario: 'demo' | 'scale' | 'empty',
  ctx: SeedContext,
): void {
  if (scenario === 'empty') return;
  const seed = new Seeder(ctx.store, ctx.clock, ctx.clusterName);
  if (scenario === 'demo') seedDemo(seed);
  else seedScale(seed, ctx.clusterIndex, ctx.rolloutsPerCluster);
  seed.engine.stop();
}
