import { ManualClock } from '../clock';
import { createRolloutController } from '../controller';
import { MemoryObjectStore } from '../store/MemoryObjectStore';
import { SCALE_NAMESPACES, scaleId, seedScenario } from '.';

function seedCluster(index: number, rollouts: number) {
  const clock = new ManualClock('2026-11-26T12:00:00Z');
  const store = new MemoryObjectStore({ clock });
  seedScenario('scale', {
    store,
    clock,
    clusterName: `cluster-${index}`,
    clusterIndex: index,
    rolloutsPerCluster: rollouts,
  });
  return { store, clock };
}

describe('scale scenario', () => {
  it('seeds N Rollouts across ten namespaces with shared kubernetes-ids and unrelated objects', () => {
    const { store, clock } = seedCluster(1, 40);
    const rollouts = store.list('Rollout');
    expect(rollouts).toHaveLength(40);
    expect(new Set(rollouts.map(r => r.metadata.namespace))).toEqual(
      new Set(SCALE_NAMESPACES),
    );
    expect(
      rollouts
        .map(r => r.metadata.labels?.['backstage.io/kubernetes-id'])
        .sort(),
    ).toEqual(Array.from({ length: 40 }, (_, j) => scaleId(j)).sort());
    const phases: Record<string, number> = {};
    for (const r of rollouts)
      phases[r.status.phase] = (phases[r.status.phase] ?? 0) + 1;
    expect(phases).toEqual({ Healthy: 37, Paused: 2, Degraded: 1 });
    for (const r of rollouts) {
      const owned = store
        .list('ReplicaSet', r.metadata.namespace)
        .filter(rs => rs.metadata.ownerReferences?.[0].uid === r.metadata.uid);
      expect(owned.length).toBeGreaterThanOrEqual(2);
      const runs = store
        .list('AnalysisRun', r.metadata.namespace)
        .filter(a => a.metadata.ownerReferences?.[0].uid === r.metadata.uid);
      expect(runs.length).toBeGreaterThanOrEqual(1);
      expect(r.spec.selector.matchLabels['backstage.io/kubernetes-id']).toBe(
        r.metadata.name,
      );
    }
    const unrelated = store.list('Deployment');
    expect(unrelated).toHaveLength(11);
    expect(
      unrelated.every(d => !d.metadata.labels?.['backstage.io/kubernetes-id']),
    ).toBe(true);
    const pods = store.list('Pod');
    expect(pods.every(p => p.metadata.ownerReferences?.length === 1)).toBe(
      true,
    );

    // The cluster's controller finds nothing to change.
    const rv = store.resourceVersion;
    const controller = createRolloutController({
      store,
      clock,
      clusterName: 'cluster-1',
    });
    const changes: string[] = [];
    store.onChange(e =>
      changes.push(
        `${e.type} ${e.object.kind} ${e.object.metadata.name} ${JSON.stringify(
          e.object.status?.conditions ?? e.object.status,
        )}`,
      ),
    );
    controller.start();
    expect(changes.slice(0, 3)).toEqual([]);
    expect(store.resourceVersion).toBe(rv);
    controller.stop();
  });

  it('the same entity appears in every cluster', () => {
    const a = seedCluster(0, 12)
      .store.list('Rollout')
      .map(r => r.metadata.name)
      .sort();
    const b = seedCluster(5, 12)
      .store.list('Rollout')
      .map(r => r.metadata.name)
      .sort();
    expect(a).toEqual(b);
  });

  it('seeds 500 Rollouts in well under a second or two', () => {
    const t = Date.now();
    const { store } = seedCluster(3, 500);
    const ms = Date.now() - t;
    expect(store.list('Rollout')).toHaveLength(500);
    // Reported, not asserted tightly (timing is the benchmark's job).
    // eslint-disable-next-line no-console
    console.log(
      `scale seed: 500 rollouts in ${ms} ms, ${store.list('Pod').length} pods`,
    );
    expect(ms).toBeLessThan(20_000);
  });
});
