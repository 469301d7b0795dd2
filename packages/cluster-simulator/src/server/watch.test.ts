import {
  eventually,
  openWatch,
  rollout,
  startTestCluster,
  TestCluster,
  TOKENS,
} from './__testUtils__/testCluster';

const ALL = '/apis/argoproj.io/v1alpha1/rollouts';
const NS = '/apis/argoproj.io/v1alpha1/namespaces/team-a/rollouts';

describe('watch', () => {
  let c: TestCluster;
  beforeEach(async () => {
    c = await startTestCluster({ bookmarkIntervalMs: 50 });
  });
  afterEach(() => c.close());

  const bump = (name: string, ns: string, replicas: number) =>
    c.store.update({
      ...c.store.get('Rollout', ns, name)!,
      spec: { replicas },
    });

  it('flushes headers at once even with nothing to send', async () => {
    const w = await openWatch(
      c.url,
      '/apis/argoproj.io/v1alpha1/namespaces/empty/rollouts?watch=true',
    );
    expect(w.status).toBe(200);
    expect(w.events).toEqual([]);
    w.abort();
  });

  it('starts with ADDED for current objects, then streams changes as JSON lines', async () => {
    const w = await openWatch(c.url, `${ALL}?watch=true`);
    await w.waitFor(2);
    bump('web', 'team-a', 2);
    c.store.delete('Rollout', 'team-b', 'api');
    const events = await w.waitFor(4);
    expect(events.map(e => `${e.type}:${e.object.metadata.name}`)).toEqual([
      'ADDED:web',
      'ADDED:api',
      'MODIFIED:web',
      'DELETED:api',
    ]);
    expect(events[3].object.metadata.resourceVersion).toBe(
      c.store.resourceVersion,
    );
    expect(events[2].object.kind).toBe('Rollout');
    w.abort();
  });

  it('treats resourceVersion=0 like no resourceVersion', async () => {
    const w = await openWatch(c.url, `${NS}?watch=1&resourceVersion=0`);
    expect((await w.waitFor(1)).map(e => e.type)).toEqual(['ADDED']);
    w.abort();
  });

  it('resumes from a resourceVersion, replaying only later events', async () => {
    const rv = c.store.resourceVersion;
    bump('web', 'team-a', 2);
    bump('web', 'team-a', 3);
    const w = await openWatch(c.url, `${ALL}?watch=true&resourceVersion=${rv}`);
    const events = await w.waitFor(2);
    expect(events.map(e => `${e.type}:${e.object.spec.replicas}`)).toEqual([
      'MODIFIED:2',
      'MODIFIED:3',
    ]);
    w.abort();
  });

  it('sends a 410 Expired ERROR event and closes when resuming before the compaction point', async () => {
    const rv = c.store.resourceVersion;
    bump('web', 'team-a', 2);
    c.server.faults.compact();
    const w = await openWatch(c.url, `${ALL}?watch=true&resourceVersion=${rv}`);
    expect(w.status).toBe(200);
    expect(await w.closed).toBe('end');
    expect(w.events).toHaveLength(1);
    expect(w.events[0].type).toBe('ERROR');
    expect(w.events[0].object).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Expired',
      code: 410,
    });
    expect(w.events[0].object.message).toContain(
      `too old resource version: ${rv}`,
    );
    // from the current version it works again
    const ok = await openWatch(
      c.url,
      `${ALL}?watch=true&resourceVersion=${c.store.resourceVersion}`,
    );
    bump('web', 'team-a', 5);
    expect((await ok.waitFor(1))[0].type).toBe('MODIFIED');
    ok.abort();
  });

  it('answers 410 for a resourceVersion from the future', async () => {
    const w = await openWatch(
      c.url,
      `${ALL}?watch=true&resourceVersion=999999`,
    );
    await w.closed;
    expect(w.events[0].object.code).toBe(410);
  });

  it('sends BOOKMARK events only when allowed', async () => {
    const rv = c.store.resourceVersion;
    const w = await openWatch(
      c.url,
      `${ALL}?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true`,
    );
    const [bookmark] = await w.waitFor(1);
    expect(bookmark).toEqual({
      type: 'BOOKMARK',
      object: {
        kind: 'Rollout',
        apiVersion: 'argoproj.io/v1alpha1',
        metadata: { resourceVersion: rv },
      },
    });
    const plain = await openWatch(
      c.url,
      `${ALL}?watch=true&resourceVersion=${rv}`,
    );
    await new Promise(r => setTimeout(r, 150));
    expect(plain.events).toEqual([]);
    w.abort();
    plain.abort();
  });

  it('closes the stream after timeoutSeconds (with a final bookmark) and after the server timeout', async () => {
    const started = Date.now();
    const rv = c.store.resourceVersion;
    const w = await openWatch(
      c.url,
      `${NS}?watch=true&resourceVersion=${rv}&timeoutSeconds=1`,
    );
    expect(await w.closed).toBe('end');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const short = await startTestCluster({ watchTimeoutMs: 100 });
    try {
      const w2 = await openWatch(
        short.url,
        `${NS}?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true`,
      );
      expect(await w2.closed).toBe('end');
      expect(w2.events.map(e => e.type)).toEqual(['BOOKMARK']);
    } finally {
      await short.close();
    }
  });

  it('filters by namespace and label selector, turning label changes into ADDED/DELETED', async () => {
    const w = await openWatch(
      c.url,
      `${ALL}?watch=true&labelSelector=tier%3Dfront`,
    );
    const ns = await openWatch(
      c.url,
      `${NS}?watch=true&resourceVersion=${c.store.resourceVersion}`,
    );
    const web = c.store.get('Rollout', 'team-a', 'web')!;
    c.store.update({
      ...web,
      metadata: { ...web.metadata, labels: { tier: 'front' } },
    });
    bump('api', 'team-b', 4);
    const web2 = c.store.get('Rollout', 'team-a', 'web')!;
    c.store.update({
      ...web2,
      metadata: { ...web2.metadata, labels: { tier: 'back' } },
    });
    const events = await w.waitFor(2);
    expect(events.map(e => `${e.type}:${e.object.metadata.name}`)).toEqual([
      'ADDED:web',
      'DELETED:web',
    ]);
    expect((await ns.waitFor(2)).map(e => e.object.metadata.name)).toEqual([
      'web',
      'web',
    ]);
    await new Promise(r => setTimeout(r, 50));
    expect(ns.events).toHaveLength(2);
    w.abort();
    ns.abort();
  });

  it('supports streaming lists (sendInitialEvents) with the initial-events-end bookmark', async () => {
    const w = await openWatch(
      c.url,
      `${ALL}?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&resourceVersion=${c.store.resourceVersion}`,
    );
    const events = await w.waitFor(3);
    expect(events.map(e => e.type)).toEqual(['ADDED', 'ADDED', 'BOOKMARK']);
    expect(events[2].object.metadata.annotations).toEqual({
      'k8s.io/initial-events-end': 'true',
    });
    w.abort();
  });

  it('watches one object through its named path', async () => {
    const w = await openWatch(c.url, `${NS}/web?watch=true`);
    c.store.create(rollout('team-a', 'other'));
    bump('web', 'team-a', 2);
    expect(
      (await w.waitFor(2)).map(e => `${e.type}:${e.object.metadata.name}`),
    ).toEqual(['ADDED:web', 'MODIFIED:web']);
    w.abort();
  });

  it('answers 400 before streaming for a bad resourceVersion, timeout or selector', async () => {
    for (const q of [
      'resourceVersion=abc',
      'timeoutSeconds=-1',
      'labelSelector=a%20in%20b',
    ]) {
      const r = await c.request('GET', `${ALL}?watch=true&${q}`);
      expect(r.status).toBe(400);
      expect(r.json.reason).toBe('BadRequest');
    }
  });

  it('lets the read-only token watch, logs the open watch and unsubscribes on client close', async () => {
    c.server.requestLog.clear();
    const w = await openWatch(c.url, `${ALL}?watch=true`, TOKENS.readOnly);
    await w.waitFor(2);
    expect(c.server.requestLog.list()[0]).toMatchObject({
      status: 200,
      watch: true,
      user: 'simulator:read-only',
    });
    expect(c.server.watches.size).toBe(1);
    w.abort();
    await eventually(() => c.server.watches.size === 0, 2000, 'watch cleanup');
  });
});
