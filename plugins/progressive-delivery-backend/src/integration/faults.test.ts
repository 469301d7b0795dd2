import { Simulator } from '@pdelivery/cluster-simulator';
import request from 'supertest';
import {
  clustersConfig,
  component,
  eventually,
  PluginBackend,
  startPluginBackend,
} from '../__testUtils__/testBackend';
import { canaryRollout, startShopSimulator } from '../__testUtils__/rollouts';

jest.setTimeout(60_000);

const web = component('web');
const api = '/api/progressive-delivery';
const entityPath = `${api}/entities/component/default/web/rollouts`;

interface ClusterView {
  name: string;
  status: string;
  error?: string;
  lastSyncAt?: string;
}

describe('cluster faults never hold up the other clusters', () => {
  let simulator: Simulator;
  let backend: PluginBackend | undefined;

  beforeEach(async () => {
    simulator = await startShopSimulator({ rollouts: ['web'], clusters: 2 });
  });

  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
    await simulator.stop();
  });

  async function start(config = clustersConfig(simulator)) {
    backend = await startPluginBackend({ config, entities: [web] });
    return backend.server;
  }

  async function clusters(
    server: PluginBackend['server'],
  ): Promise<ClusterView[]> {
    return (await request(server).get(`${api}/clusters`)).body.clusters;
  }

  const statusOf = async (server: PluginBackend['server'], name: string) =>
    (await clusters(server)).find(c => c.name === name)!;

  async function rolloutCount(server: PluginBackend['server']) {
    return (await request(server).get(entityPath)).body.rollouts
      .length as number;
  }

  it('reports a rejected token as an error and keeps serving the other cluster', async () => {
    const server = await start(
      clustersConfig(simulator, {
        'cluster-02': { serviceAccountToken: 'wrong-token' },
      }),
    );
    const broken = await eventually(async () => {
      const c = await statusOf(server, 'cluster-02');
      return c.status === 'error' ? c : undefined;
    });
    expect(broken.error).toMatch(/Unauthorized/i);
    expect(broken.error).not.toContain('wrong-token');
    await eventually(
      async () => (await statusOf(server, 'cluster-01')).status === 'ok',
    );
    const res = await request(server).get(entityPath).expect(200);
    expect(
      res.body.rollouts.map((r: { cluster: string }) => r.cluster),
    ).toEqual(['cluster-01']);
    expect(
      res.body.clusters.find((c: ClusterView) => c.name === 'cluster-02')
        .status,
    ).toBe('error');
  });

  it('syncs a cluster that is down at start once it comes back', async () => {
    await simulator.clusters[1].faults.down();
    const server = await start();
    await eventually(
      async () => (await statusOf(server, 'cluster-02')).status === 'error',
    );
    expect(await rolloutCount(server)).toBe(1);
    await simulator.clusters[1].faults.up();
    await eventually(
      async () => (await statusOf(server, 'cluster-02')).status === 'ok',
      15_000,
    );
    await eventually(async () => (await rolloutCount(server)) === 2);
  });

  it('recovers from 500s and from hanging connections', async () => {
    const faults = simulator.clusters[1].faults;
    faults.setErrorRate(1);
    const server = await start();
    await eventually(
      async () => (await statusOf(server, 'cluster-02')).status === 'error',
    );
    faults.setErrorRate(0);
    faults.setHang(true);
    // reads never wait for a hanging cluster (liveness bound, not a performance check)
    const res = await request(server).get(entityPath).timeout(5000).expect(200);
    expect(
      res.body.rollouts.map((r: { cluster: string }) => r.cluster),
    ).toContain('cluster-01');
    faults.setHang(false);
    await eventually(
      async () => (await statusOf(server, 'cluster-02')).status === 'ok',
      15_000,
    );
    await eventually(async () => (await rolloutCount(server)) === 2);
  });

  it('keeps up with changes across dropped watches and compaction (410)', async () => {
    const server = await start();
    await eventually(async () => (await rolloutCount(server)) === 2);
    const cluster = simulator.clusters[0];

    cluster.faults.dropWatches();
    cluster.store.create(canaryRollout('web-2', 'shop', 'web'));
    await eventually(async () => (await rolloutCount(server)) === 3);

    // Make the backend's resourceVersion expire: drop the watches, change things, compact.
    cluster.faults.setHang(true);
    cluster.faults.dropWatches();
    cluster.store.create(canaryRollout('web-3', 'shop', 'web'));
    cluster.store.delete('Rollout', 'shop', 'web-2');
    cluster.faults.compact();
    cluster.faults.setHang(false);
    await eventually(async () => {
      const names = (await request(server).get(entityPath)).body.rollouts
        .filter((r: { cluster: string }) => r.cluster === 'cluster-01')
        .map((r: { name: string }) => r.name);
      return JSON.stringify(names) === JSON.stringify(['web', 'web-3']);
    }, 15_000);
    const relists = cluster
      .requestLog()
      .filter(
        e =>
          e.path === '/apis/argoproj.io/v1alpha1/rollouts' &&
          !('watch' in e.query),
      );
    expect(relists.length).toBeGreaterThanOrEqual(2);
  });

  it('syncs a slow cluster and serves both clusters from the cache', async () => {
    simulator.clusters[1].faults.setLatency(800);
    const server = await start();
    await eventually(async () => (await rolloutCount(server)) === 2, 15_000);
    const res = await eventually(async () => {
      const r = await request(server).get(entityPath).expect(200);
      return r.body.clusters.every((c: ClusterView) => c.status === 'ok')
        ? r
        : undefined;
    }, 15_000);
    expect(res.body.rollouts).toHaveLength(2);
  });
});
