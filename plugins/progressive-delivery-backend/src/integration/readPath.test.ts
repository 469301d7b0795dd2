import { startSimulator, Simulator } from '@pdelivery/cluster-simulator';
import request from 'supertest';
import {
  clustersConfig,
  component,
  eventually,
  startPluginBackend,
} from '../__testUtils__/testBackend';
import { canaryRollout, namespace } from '../__testUtils__/rollouts';

jest.setTimeout(60_000);

const web = component('web', { 'backstage.io/kubernetes-id': 'web' });
const other = component('other', { 'backstage.io/kubernetes-id': 'other' });
const api = '/api/progressive-delivery';

describe('read path against simulated clusters over HTTPS', () => {
  let simulator: Simulator;

  beforeEach(async () => {
    simulator = await startSimulator({
      scenario: 'empty',
      clusters: 3,
      tls: true,
    });
    for (const [i, cluster] of simulator.clusters.entries()) {
      cluster.store.create(namespace('shop'));
      cluster.store.create(
        canaryRollout('web', 'shop', 'web', `registry.local/web:1.${i}`),
      );
      cluster.store.create(canaryRollout('other', 'shop', 'other'));
    }
  });

  afterEach(async () => {
    await simulator.stop();
  });

  async function syncedBackend(config = clustersConfig(simulator)) {
    const backend = await startPluginBackend({
      config,
      entities: [web, other],
    });
    await eventually(async () => {
      const res = await request(backend.server).get(`${api}/clusters`);
      return res.body.clusters.every(
        (c: { status: string }) => c.status === 'ok',
      );
    });
    return backend;
  }

  it("answers an entity's rollouts in every cluster from the cache", async () => {
    const { server, stop } = await syncedBackend();
    const res = await eventually(async () => {
      const r = await request(server).get(
        `${api}/entities/component/default/web/rollouts`,
      );
      return r.body.rollouts?.length === 3 &&
        r.body.rollouts.every((ro: any) => ro.info.revisions.length > 0)
        ? r
        : undefined;
    });
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/web');
    expect(
      res.body.rollouts.map(
        (r: any) => `${r.cluster}/${r.namespace}/${r.name}`,
      ),
    ).toEqual([
      'cluster-01/shop/web',
      'cluster-02/shop/web',
      'cluster-03/shop/web',
    ]);
    const first = res.body.rollouts[0];
    expect(first.info).toMatchObject({
      name: 'web',
      namespace: 'shop',
      strategy: 'Canary',
    });
    expect(first.info.images[0].image).toBe('registry.local/web:1.0');
    expect(first.actions.map((a: any) => a.action)).toContain('promote');
    expect(res.body.clusters.map((c: any) => c.status)).toEqual([
      'ok',
      'ok',
      'ok',
    ]);

    // Reads cost the clusters nothing.
    for (const c of simulator.clusters) c.clearRequestLog();
    for (let i = 0; i < 5; i++) {
      await request(server)
        .get(`${api}/entities/component/default/web/rollouts`)
        .expect(200);
    }
    // (watch streams are the cache's own long-lived connections, opened once per kind)
    expect(
      simulator.clusters.flatMap(c => c.requestLog()).filter(e => !e.watch),
    ).toEqual([]);
    await stop();
  });

  it('returns one rollout in full, with pods fetched for it alone', async () => {
    const { server, stop } = await syncedBackend();
    const path = `${api}/entities/component/default/web/rollouts/cluster-02/shop/web`;
    const res = await eventually(async () => {
      const r = await request(server).get(path);
      return r.status === 200 && r.body.pods.length > 0 ? r : undefined;
    });
    expect(res.body).toMatchObject({
      entityRef: 'component:default/web',
      cluster: 'cluster-02',
      namespace: 'shop',
      name: 'web',
      clusterStatus: { name: 'cluster-02', status: 'ok' },
    });
    expect(res.body.steps.steps.length).toBe(4);
    expect(res.body.pods[0]).toMatchObject({
      ready: expect.stringMatching(/^\d+\/\d+$/),
    });
    const podRequests = simulator.clusters[1]
      .requestLog()
      .filter(e => e.path.endsWith('/pods'));
    expect(podRequests.length).toBeGreaterThan(0);
    await stop();
  });

  it("refuses another entity's rollout, unknown clusters and hostile names", async () => {
    const { server, stop } = await syncedBackend();
    const base = `${api}/entities/component/default/web/rollouts`;
    await request(server).get(`${base}/cluster-01/shop/other`).expect(404);
    const unknown = await request(server)
      .get(`${base}/nope/shop/web`)
      .expect(404);
    expect(unknown.body.error).toMatchObject({
      name: 'NotFoundError',
      message: "Unknown cluster 'nope'",
    });
    await request(server)
      .get(`${base}/cluster-01/..%2F..%2Fetc/web`)
      .expect(400);
    await request(server)
      .get(`${base}/cluster-01/shop/web%3Fwatch%3Dtrue`)
      .expect(400);
    await request(server)
      .get(`${base}/${'a'.repeat(300)}/shop/web`)
      .expect(400);
    await request(server)
      .get(`${api}/entities/component/default/missing/rollouts`)
      .expect(404);
    await request(server)
      .get(`${api}/entities/comp%20onent/default/web/rollouts`)
      .expect(400);
    await request(server).get(`${api}/rollouts?attention=maybe`).expect(400);
    await stop();
  });

  it('signals the entity channel on a change in a cluster', async () => {
    const { server, stop, signals } = await syncedBackend();
    await request(server)
      .get(`${api}/entities/component/default/web/rollouts`)
      .expect(200);
    signals.length = 0;
    const store = simulator.clusters[0].store;
    const ro = store.get('Rollout', 'shop', 'web')!;
    const changedAt = Date.now();
    store.update({ ...ro, spec: { ...ro.spec, paused: true } });
    const signal = await eventually(() =>
      signals.find(
        s => s.channel === 'progressive-delivery:entity:component:default/web',
      ),
    );
    expect(signal.at - changedAt).toBeLessThan(1000);
    // The read that follows the signal sees the change at once: no stale memoized body.
    const after = await request(server)
      .get(`${api}/entities/component/default/web/rollouts`)
      .expect(200);
    expect(
      after.body.rollouts.find((r: any) => r.cluster === 'cluster-01').info
        .manuallyPaused,
    ).toBe(true);
    // Unchanged data answers 304 to the ETag (the controller may still be settling).
    let etag = after.headers.etag;
    await eventually(async () => {
      const r = await request(server)
        .get(`${api}/entities/component/default/web/rollouts`)
        .set('If-None-Match', etag);
      etag = r.headers.etag;
      return r.status === 304 || undefined;
    });
    expect(signals.some(s => s.channel === 'progressive-delivery:ops')).toBe(
      true,
    );
    // a change to another entity's rollout does not signal this entity
    signals.length = 0;
    const otherRo = store.get('Rollout', 'shop', 'other')!;
    store.update({ ...otherRo, spec: { ...otherRo.spec, paused: true } });
    await eventually(() =>
      signals.find(s => s.channel === 'progressive-delivery:ops'),
    );
    expect(
      signals.filter(s => s.channel.endsWith('component:default/web')),
    ).toEqual([]);
    await stop();
  });

  it('lists rollouts across clusters for the ops view, with needs-attention', async () => {
    const { server, stop } = await syncedBackend();
    const store = simulator.clusters[2].store;
    const ro = store.get('Rollout', 'shop', 'other')!;
    store.update({ ...ro, spec: { ...ro.spec, paused: true } });
    const all = await eventually(async () => {
      const r = await request(server).get(`${api}/rollouts`);
      return r.body.rollouts?.length === 6 ? r : undefined;
    });
    expect(new Set(all.body.rollouts.map((r: any) => r.entityRef))).toEqual(
      new Set(['component:default/web', 'component:default/other']),
    );
    const attention = await eventually(async () => {
      const r = await request(server).get(`${api}/rollouts?attention=true`);
      return r.body.rollouts?.length === 1 ? r : undefined;
    });
    expect(attention.body.rollouts[0]).toMatchObject({
      cluster: 'cluster-03',
      name: 'other',
      attention: { reason: 'paused' },
    });
    await stop();
  });
});
