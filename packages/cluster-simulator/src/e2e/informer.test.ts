/**
 * @kubernetes/client-node 1.4.0 (what Backstage pins) informers against the simulator over
 * TLS: they must survive compaction (410 → relist), dropped watches and a cluster that goes
 * down and comes back. Restarting on 'error' with a delay is the pattern the backend uses.
 */
import type * as K8s from '@kubernetes/client-node';
import { startSimulator, Simulator, SimulatedCluster } from '../startSimulator';
import type { KubeObject } from '../types';

jest.setTimeout(30_000);

const R = { group: 'argoproj.io', version: 'v1alpha1', plural: 'rollouts' };

function rollout(namespace: string, name: string, replicas = 1): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace },
    spec: { replicas },
  };
}

async function eventually(
  fn: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 25));
  }
}

describe('client-node informers against the simulator', () => {
  let k8s: typeof K8s;
  let sim: Simulator;
  let cluster: SimulatedCluster;
  let kc: K8s.KubeConfig;
  let informer: K8s.Informer<K8s.KubernetesObject> &
    K8s.ObjectCache<K8s.KubernetesObject>;
  let stop: () => Promise<void>;
  let watchTimeoutMs: number | undefined;
  let log: string[];
  let connects: number;
  let errors: number;

  beforeAll(async () => {
    k8s = await import('@kubernetes/client-node');
  });

  beforeEach(async () => {
    sim = await startSimulator({
      scenario: 'empty',
      tls: true,
      controller: false,
      watchTimeoutMs, // short only for the test of periodic closes
    });
    cluster = sim.clusters[0];
    for (const ns of ['team-a', 'team-b']) {
      cluster.store.create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: ns },
      });
    }
    cluster.store.create(rollout('team-a', 'web'));
    cluster.store.create(rollout('team-b', 'api'));
    kc = new k8s.KubeConfig();
    kc.loadFromString(sim.kubeconfig); // also proves the generated kubeconfig works
    const co = kc.makeApiClient(k8s.CustomObjectsApi);
    // Per-test locals: a restart timer left over from the previous test must not reach
    // this test's informer.
    const inf = k8s.makeInformer(
      kc,
      '/apis/argoproj.io/v1alpha1/rollouts',
      () => co.listClusterCustomObject(R),
    );
    informer = inf;
    let stopped = false;
    stop = async () => {
      stopped = true;
      await inf.stop();
    };
    log = [];
    connects = 0;
    errors = 0;
    const name = (o: K8s.KubernetesObject) => o.metadata?.name;
    informer.on('add', o => log.push(`add ${name(o)}`));
    informer.on('update', o => log.push(`update ${name(o)}`));
    informer.on('delete', o => log.push(`delete ${name(o)}`));
    informer.on('connect', () => {
      connects++;
    });
    informer.on('error', () => {
      errors++;
      // client-node stops the informer on errors; restart it after a short delay.
      setTimeout(() => {
        if (!stopped) inf.start().catch(() => {});
      }, 100);
    });
    await informer.start();
    await eventually(() => log.length >= 2, 'initial adds');
  });

  afterEach(async () => {
    await stop();
    await sim.stop();
  });

  it('relists after a 410 Expired caused by compaction', async () => {
    expect(log.sort()).toEqual(['add api', 'add web']);
    log = [];
    const before = connects;
    const oldRv = cluster.store.resourceVersion;
    // End the watch, change things while the informer is away, then compact the history.
    cluster.faults.closeWatches();
    cluster.store.create(rollout('team-a', 'gap'));
    cluster.store.update(rollout('team-a', 'web', 3));
    cluster.store.delete('Rollout', 'team-b', 'api');
    cluster.faults.compact();
    await eventually(() => log.length >= 3, 'relist events');
    expect(log.sort()).toEqual(['add gap', 'delete api', 'update web']);
    expect(connects).toBeGreaterThan(before);
    // The sequence: watch from the old RV (answered with a 410 ERROR event), relist, re-watch.
    const rvNow = cluster.store.resourceVersion;
    await eventually(
      () =>
        cluster
          .requestLog()
          .some(e => e.watch && e.query.resourceVersion === rvNow),
      'a watch from the relisted resourceVersion',
    );
    const requests = cluster.requestLog();
    const expiredWatch = requests.findIndex(
      (e, i) =>
        e.watch &&
        e.query.resourceVersion === oldRv &&
        i > requests.findIndex(x => x.watch),
    );
    const relist = requests.findIndex(
      (e, i) => i > expiredWatch && !e.watch && e.method === 'GET',
    );
    const rewatch = requests.findIndex(
      e => e.watch && e.query.resourceVersion === rvNow,
    );
    expect(expiredWatch).toBeGreaterThanOrEqual(0);
    expect(relist).toBeGreaterThan(expiredWatch);
    expect(rewatch).toBeGreaterThan(relist);
    // and live changes still arrive
    cluster.store.create(rollout('team-a', 'live'));
    await eventually(() => log.includes('add live'), 'live add after relist');
  });

  it('survives dropped watch connections', async () => {
    log = [];
    expect(cluster.faults.dropWatches()).toBe(1);
    cluster.store.create(rollout('team-a', 'during-drop'));
    await eventually(() => log.includes('add during-drop'), 'add after drop');
    await eventually(
      () => cluster.requestLog().filter(e => e.watch).length >= 2,
      'second watch',
    );
    cluster.store.update(rollout('team-b', 'api', 2));
    await eventually(
      () => log.includes('update api'),
      'update after reconnect',
    );
  });

  it('survives a cluster that goes down and comes back', async () => {
    log = [];
    await cluster.faults.down();
    cluster.store.create(rollout('team-a', 'while-down'));
    await eventually(() => errors >= 1, 'an informer error while down');
    await new Promise(r => setTimeout(r, 300));
    await cluster.faults.up();
    await eventually(
      () => log.includes('add while-down'),
      'add after the cluster came back',
    );
    cluster.store.delete('Rollout', 'team-a', 'web');
    await eventually(() => log.includes('delete web'), 'delete after recovery');
    expect(
      informer
        .list()
        .map(o => o.metadata?.name)
        .sort(),
    ).toEqual(['api', 'while-down']);
  });

  describe('with periodic server-side closes', () => {
    // Much more often than a real API server's 30-60 min.
    beforeAll(() => {
      watchTimeoutMs = 400;
    });
    afterAll(() => {
      watchTimeoutMs = undefined;
    });

    it('re-watches from its resourceVersion after periodic server-side closes', async () => {
      log = [];
      await eventually(
        () => cluster.requestLog().filter(e => e.watch).length >= 3,
        'two server-side closes',
      );
      const watches = cluster.requestLog().filter(e => e.watch);
      // every re-watch resumes from a resourceVersion: no relist in between
      expect(watches.every(w => /^\d+$/.test(w.query.resourceVersion))).toBe(
        true,
      );
      expect(
        cluster.requestLog().filter(e => !e.watch && e.method === 'GET'),
      ).toHaveLength(1);
      cluster.store.create(rollout('team-b', 'after-closes'));
      await eventually(
        () => log.includes('add after-closes'),
        'add after closes',
      );
      expect(errors).toBe(0);
    });
  });

  it('serves the CustomObjectsApi calls the backend makes (merge patch, status patch, errors)', async () => {
    const co = kc.makeApiClient(k8s.CustomObjectsApi);
    const list: any = await co.listNamespacedCustomObject({
      ...R,
      namespace: 'team-a',
      labelSelector: '',
    });
    expect(list.items.map((i: any) => i.metadata.name)).toEqual(['web']);
    const merge = k8s.setHeaderOptions(
      'Content-Type',
      k8s.PatchStrategy.MergePatch,
    );
    const patched: any = await co.patchNamespacedCustomObject(
      {
        ...R,
        namespace: 'team-a',
        name: 'web',
        body: { spec: { paused: true } },
      },
      merge,
    );
    expect(patched.spec.paused).toBe(true);
    const status: any = await co.patchNamespacedCustomObjectStatus(
      {
        ...R,
        namespace: 'team-a',
        name: 'web',
        body: { status: { phase: 'Paused' } },
      },
      merge,
    );
    expect(status.status.phase).toBe('Paused');
    await eventually(
      () => log.filter(l => l === 'update web').length >= 2,
      'informer updates',
    );
    const missing = await co
      .getNamespacedCustomObject({ ...R, namespace: 'team-a', name: 'nope' })
      .catch(e => e);
    expect(missing.code).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
    });
  });
});
