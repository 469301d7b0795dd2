import { ManualClock } from '../clock';
import type { KubeObject, StoreEvent } from '../types';
import { StoreError } from './errors';
import { MemoryObjectStore } from './MemoryObjectStore';

const ro = (
  name: string,
  ns = 'team-a',
  spec: unknown = { replicas: 1 },
): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name, namespace: ns, labels: { app: name } },
  spec,
});

describe('MemoryObjectStore', () => {
  it('assigns uid, resourceVersion, creationTimestamp and generation on create', () => {
    const clock = new ManualClock('2026-03-01T10:00:00.123Z');
    const store = new MemoryObjectStore({ clock, initialResourceVersion: 100 });
    const created = store.create(ro('web'));
    expect(created.metadata).toMatchObject({
      name: 'web',
      namespace: 'team-a',
      resourceVersion: '101',
      generation: 1,
      creationTimestamp: '2026-03-01T10:00:00Z',
    });
    expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.resourceVersion).toBe('101');
    expect(() => store.create(ro('web'))).toThrow(StoreError);
  });

  it('keeps a seeded uid and creationTimestamp', () => {
    const store = new MemoryObjectStore();
    const o = ro('web');
    o.metadata.uid = 'u-1';
    o.metadata.creationTimestamp = '2020-01-01T00:00:00Z';
    expect(store.create(o).metadata).toMatchObject({
      uid: 'u-1',
      creationTimestamp: '2020-01-01T00:00:00Z',
    });
  });

  it('scopes cluster-scoped kinds without a namespace and defaults namespaced ones', () => {
    const store = new MemoryObjectStore();
    const ns = store.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'x', namespace: 'y' },
    });
    expect(ns.metadata.namespace).toBeUndefined();
    expect(store.get('Namespace', undefined, 'x')).toBeDefined();
    const o = ro('web');
    delete o.metadata.namespace;
    expect(store.create(o).metadata.namespace).toBe('default');
  });

  it('returns copies: mutating results changes nothing', () => {
    const store = new MemoryObjectStore();
    const created = store.create(ro('web'));
    created.spec.replicas = 99;
    store.get('Rollout', 'team-a', 'web')!.spec.replicas = 98;
    store.list('Rollout')[0].spec.replicas = 97;
    expect(store.get('Rollout', 'team-a', 'web')!.spec.replicas).toBe(1);
  });

  it('lists by kind and namespace, sorted', () => {
    const store = new MemoryObjectStore();
    store.create(ro('b', 'team-b'));
    store.create(ro('z', 'team-a'));
    store.create(ro('a', 'team-a'));
    expect(store.list('Rollout').map(o => o.metadata.name)).toEqual([
      'a',
      'z',
      'b',
    ]);
    expect(store.list('Rollout', 'team-b').map(o => o.metadata.name)).toEqual([
      'b',
    ]);
    expect(store.list('Pod')).toEqual([]);
  });

  it('bumps generation only on spec changes and keeps immutable metadata', () => {
    const store = new MemoryObjectStore();
    const created = store.create(ro('web'));
    const labelled = store.update({
      ...created,
      metadata: {
        ...created.metadata,
        labels: { app: 'x' },
        uid: 'forged',
        creationTimestamp: 'x',
      },
    });
    expect(labelled.metadata.generation).toBe(1);
    expect(labelled.metadata.uid).toBe(created.metadata.uid);
    expect(labelled.metadata.creationTimestamp).toBe(
      created.metadata.creationTimestamp,
    );
    const scaled = store.update({ ...labelled, spec: { replicas: 3 } });
    expect(scaled.metadata.generation).toBe(2);
    const status = store.update({ ...scaled, status: { phase: 'Healthy' } });
    expect(status.metadata.generation).toBe(2);
    expect(status.status).toEqual({ phase: 'Healthy' });
  });

  it('with subresource status takes only status', () => {
    const store = new MemoryObjectStore();
    const created = store.create(ro('web'));
    const updated = store.update(
      { ...created, spec: { replicas: 5 }, status: { phase: 'Degraded' } },
      { subresource: 'status' },
    );
    expect(updated.spec).toEqual({ replicas: 1 });
    expect(updated.status).toEqual({ phase: 'Degraded' });
    expect(updated.metadata.generation).toBe(1);
  });

  it('emits exactly one event per change and nothing for no-op writes', () => {
    const store = new MemoryObjectStore();
    const events: StoreEvent[] = [];
    const off = store.onChange(e => events.push(e));
    const created = store.create(ro('web'));
    const same = store.update(created);
    expect(same.metadata.resourceVersion).toBe(
      created.metadata.resourceVersion,
    );
    store.update({ ...created, spec: { replicas: 2 } });
    const deleted = store.delete('Rollout', 'team-a', 'web');
    expect(store.delete('Rollout', 'team-a', 'web')).toBeUndefined();
    expect(events.map(e => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    // DELETED carries the last state stamped with the deletion's resourceVersion
    expect(deleted!.spec).toEqual({ replicas: 2 });
    expect(events[2].object.metadata.resourceVersion).toBe(
      store.resourceVersion,
    );
    off();
    store.create(ro('x'));
    expect(events).toHaveLength(3);
  });

  it('throws NotFound when updating a missing object', () => {
    const store = new MemoryObjectStore();
    expect(() => store.update(ro('nope'))).toThrow(/not found/);
  });

  it('delivers events raised inside listeners in resourceVersion order', () => {
    const store = new MemoryObjectStore();
    const seen: string[] = [];
    store.onChange(e => {
      if (e.type === 'ADDED' && e.object.metadata.name === 'web') {
        store.update({
          ...store.get('Rollout', 'team-a', 'web')!,
          status: { phase: 'Progressing' },
        });
      }
    });
    store.onChange(e =>
      seen.push(`${e.type}:${e.object.metadata.resourceVersion}`),
    );
    store.create(ro('web'));
    expect(seen).toEqual(['ADDED:101', 'MODIFIED:102']);
  });

  it('keeps a listener failure from breaking the write', () => {
    const store = new MemoryObjectStore();
    const warn = jest
      .spyOn(process, 'emitWarning')
      .mockImplementation(() => {});
    const seen: string[] = [];
    store.onChange(() => {
      throw new Error('boom');
    });
    store.onChange(e => seen.push(e.type));
    expect(store.create(ro('web')).metadata.name).toBe('web');
    expect(seen).toEqual(['ADDED']);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('replays history after a resourceVersion and expires it on compaction', () => {
    const store = new MemoryObjectStore({ initialResourceVersion: 100 });
    store.create(ro('a'));
    store.create(ro('b'));
    store.create(ro('c'));
    expect(store.eventsAfter(101)!.map(e => e.rv)).toEqual([102, 103]);
    expect(store.eventsAfter(103)).toEqual([]);
    expect(store.eventsAfter(100)!.map(e => e.object.metadata.name)).toEqual([
      'a',
      'b',
      'c',
    ]);
    store.compact();
    expect(store.compactedResourceVersion).toBe('103');
    expect(store.eventsAfter(102)).toBeUndefined();
    expect(store.eventsAfter(103)).toEqual([]);
    store.create(ro('d'));
    expect(store.eventsAfter(103)!.map(e => e.object.metadata.name)).toEqual([
      'd',
    ]);
  });

  it('compacts the oldest events when the history ring is full', () => {
    const store = new MemoryObjectStore({
      historySize: 3,
      initialResourceVersion: 0,
    });
    for (let i = 0; i < 10; i++) store.create(ro(`r${i}`));
    expect(store.compactedResourceVersion).toBe('7');
    expect(store.eventsAfter(6)).toBeUndefined();
    expect(store.eventsAfter(7)!.map(e => e.rv)).toEqual([8, 9, 10]);
  });

  it('hands listeners frozen objects (the contract says never mutate them)', () => {
    const store = new MemoryObjectStore();
    let obj: KubeObject | undefined;
    store.onChange(e => {
      obj = e.object;
    });
    store.create(ro('web'));
    expect(Object.isFrozen(obj!.metadata)).toBe(true);
  });
});
