import http from 'node:http';
import {
  openWatch,
  startTestCluster,
  TestCluster,
} from '../server/__testUtils__/testCluster';

const NS = '/apis/argoproj.io/v1alpha1/namespaces/team-a/rollouts';

describe('fault injection', () => {
  let c: TestCluster;
  beforeEach(async () => {
    c = await startTestCluster();
  });
  afterEach(() => c.close());

  it('adds latency', async () => {
    c.server.faults.setLatency(200);
    expect(c.server.faults.state.latencyMs).toBe(200);
    const t = Date.now();
    expect((await c.request('GET', NS)).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(190);
  });

  it('starts no watch for a client that left during the added latency', async () => {
    c.server.faults.setLatency(200);
    const req = http.get(`${c.url}${NS}?watch=true`, {
      headers: { authorization: 'Bearer rw-token' },
    });
    req.on('error', () => {});
    await new Promise(r => setTimeout(r, 50));
    req.destroy();
    await new Promise(r => setTimeout(r, 300));
    expect(c.server.watches.size).toBe(0);
  });

  it('answers 500 InternalError at the error rate', async () => {
    c.server.faults.setErrorRate(1);
    const r = await c.request('GET', NS);
    expect(r.status).toBe(500);
    expect(r.contentType).toBe('application/json');
    expect(r.json).toMatchObject({
      kind: 'Status',
      reason: 'InternalError',
      code: 500,
    });
    c.server.faults.setErrorRate(0);
    expect((await c.request('GET', NS)).status).toBe(200);
    expect(() => c.server.faults.setErrorRate(1.5)).toThrow();
    expect(() => c.server.faults.setLatency(-1)).toThrow();
  });

  it('hangs requests: accepted, never answered', async () => {
    c.server.faults.setHang(true);
    c.server.requestLog.clear();
    await expect(
      fetch(`${c.url}${NS}`, {
        headers: { authorization: 'Bearer rw-token' },
        signal: AbortSignal.timeout(300),
      }),
    ).rejects.toThrow();
    expect(c.server.requestLog.list()[0]).toMatchObject({
      path: NS,
      status: 0,
    });
    c.server.faults.setHang(false);
    expect((await c.request('GET', NS)).status).toBe(200);
  });

  it('drops open watches abruptly, or closes them cleanly', async () => {
    const w1 = await openWatch(c.url, `${NS}?watch=true`);
    const w2 = await openWatch(c.url, `${NS}?watch=true`);
    await w1.waitFor(1);
    expect(c.server.faults.dropWatches()).toBe(2);
    expect(await w1.closed).toBe('error');
    expect(await w2.closed).toBe('error');
    const w3 = await openWatch(c.url, `${NS}?watch=true`);
    await w3.waitFor(1);
    expect(c.server.faults.closeWatches()).toBe(1);
    expect(await w3.closed).toBe('end');
  });

  it('compacts history so a resume gets 410', async () => {
    const rv = c.store.resourceVersion;
    c.store.update({
      ...c.store.get('Rollout', 'team-a', 'web')!,
      spec: { replicas: 3 },
    });
    c.server.faults.compact();
    const w = await openWatch(c.url, `${NS}?watch=true&resourceVersion=${rv}`);
    await w.closed;
    expect(w.events[0]).toMatchObject({ type: 'ERROR', object: { code: 410 } });
  });

  it('goes down (connections refused, watches dropped) and comes back on the same port', async () => {
    const w = await openWatch(c.url, `${NS}?watch=true`);
    await w.waitFor(1);
    await c.server.faults.down();
    expect(c.server.faults.state.down).toBe(true);
    expect(await w.closed).toBe('error');
    await expect(c.request('GET', NS)).rejects.toThrow();
    await c.server.faults.up();
    expect(c.server.url).toBe(c.url);
    const r = await c.request('GET', NS);
    expect(r.status).toBe(200);
    expect(r.json.items.map((i: any) => i.metadata.name)).toEqual(['web']);
  });

  it('resets every fault', async () => {
    c.server.faults.setLatency(50);
    c.server.faults.setErrorRate(1);
    c.server.faults.setHang(true);
    await c.server.faults.down();
    await c.server.faults.reset();
    expect(c.server.faults.state).toEqual({
      latencyMs: 0,
      errorRate: 0,
      hang: false,
      down: false,
    });
    expect((await c.request('GET', NS)).status).toBe(200);
  });
});
