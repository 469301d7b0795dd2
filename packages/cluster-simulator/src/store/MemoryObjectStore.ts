import { randomUUID } from 'node:crypto';
import type {
  Clock,
  KindName,
  KubeObject,
  ObjectStore,
  StoreEvent,
  WatchEventType,
} from '../types';
import { StoreError } from './errors';
import { clone, deepEqual, deepFreeze } from './objectUtil';

/** One change in the store's event history (what watches replay on resume). */
export interface HistoryEntry {
  rv: number;
  type: WatchEventType;
  /** Frozen: the object after the change (DELETED: last state, stamped with the deletion RV). */
  object: KubeObject;
  /** Frozen: the object before the change (MODIFIED, DELETED); used for selector transitions. */
  previous?: KubeObject;
}

export interface MemoryObjectStoreOptions {
  /** Source of creationTimestamp; defaults to the wall clock. */
  clock?: Clock;
  /** How many events are kept for watch resume before the oldest are compacted away. */
  historySize?: number;
  /** The resourceVersion of an empty store (the first write gets this + 1). */
  initialResourceVersion?: number;
}

/** Kinds that have no namespace; everything else lives in one. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set<KindName>([
  'Namespace',
  'ClusterAnalysisTemplate',
]);

/** RFC 3339 with second precision, as Kubernetes serializes metav1.Time. */
export function formatTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const wallClock: Clock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => {
    const h = setTimeout(fn, ms);
    return () => clearTimeout(h);
  },
};

/**
 * In-memory ObjectStore of one simulated cluster. Stored objects are frozen and replaced on
 * every write, so history entries and list snapshots can share them without copying; the
 * ObjectStore methods hand out copies as the contract requires.
 */
export class MemoryObjectStore implements ObjectStore {
  private rv: number;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly clock: Clock;
  private readonly historySize: number;
  // History ring: entries[start..] are live, sorted by rv.
  private history: HistoryEntry[] = [];
  private historyStart = 0;
  private compactedRv: number;
  private readonly listeners = new Set<(entry: HistoryEntry) => void>();
  // Events raised while listeners run (e.g. a controller reacting synchronously) are queued
  // so every listener sees events in resourceVersion order.
  private readonly pending: HistoryEntry[] = [];
  private emitting = false;

  constructor(options: MemoryObjectStoreOptions = {}) {
    this.clock = options.clock ?? wallClock;
    this.historySize = Math.max(1, options.historySize ?? 10_000);
    this.rv = options.initialResourceVersion ?? 100;
    this.compactedRv = this.rv;
  }

  /** The cluster-wide resourceVersion of the latest change (what a list reports). */
  get resourceVersion(): string {
    return String(this.rv);
  }

  /** The oldest resourceVersion a watch can still resume from. */
  get compactedResourceVersion(): string {
    return String(this.compactedRv);
  }

  // Methods take any kind name (wider than the ObjectStore contract) so the server can also
  // store the extra built-in kinds it serves.
  list(kind: string, namespace?: string): KubeObject[] {
    return this.snapshot(kind, namespace).map(o => clone(o));
  }

  /**
   * Frozen objects sorted by namespace/name, without copying (for serialization). `filter`
   * runs before sorting, so selective lists stay cheap.
   */
  snapshot(
    kind: string,
    namespace?: string,
    filter?: (o: KubeObject) => boolean,
  ): KubeObject[] {
    const byKey = this.objects.get(kind);
    if (!byKey) return [];
    const keyed: Array<[string, KubeObject]> = [];
    for (const [key, o] of byKey) {
      if (
        (namespace === undefined || o.metadata.namespace === namespace) &&
        (!filter || filter(o))
      ) {
        keyed.push([key, o]);
      }
    }
    // etcd returns keys in byte order; so do we (keys are `namespace/name`).
    return keyed.sort((a, b) => compareKeys(a[0], b[0])).map(([, o]) => o);
  }

  get(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const o = this.peek(kind, namespace, name);
    return o ? clone(o) : undefined;
  }

  /** The frozen stored object, without copying. */
  peek(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    return this.objects.get(kind)?.get(this.key(kind, namespace, name));
  }

  create(object: KubeObject): KubeObject {
    const kind = object.kind;
    const name = object.metadata?.name;
    if (!kind || !name)
      throw new Error('create: kind and metadata.name are required');
    const namespace = this.namespaceFor(kind, object.metadata.namespace);
    const key = this.key(kind, namespace, name);
    if (this.objects.get(kind)?.has(key)) {
      throw new StoreError('AlreadyExists', kind, namespace, name);
    }
    const stored = clone(object);
    const rv = ++this.rv;
    stored.metadata = {
      ...stored.metadata,
      name,
      // Seeds may pre-assign uid (for ownerReferences) and a past creationTimestamp; the
      // HTTP layer strips both so API clients always get server-assigned values.
      uid: stored.metadata.uid ?? randomUUID(),
      creationTimestamp:
        stored.metadata.creationTimestamp ?? formatTimestamp(this.clock.now()),
      resourceVersion: String(rv),
      generation: 1,
    };
    if (namespace === undefined) delete stored.metadata.namespace;
    else stored.metadata.namespace = namespace;
    deepFreeze(stored);
    this.bucket(kind).set(key, stored);
    this.record({ rv, type: 'ADDED', object: stored });
    return clone(stored);
  }

  update(object: KubeObject, options?: { subresource?: 'status' }): KubeObject {
    const kind = object.kind;
    const name = object.metadata?.name;
    const namespace = this.namespaceFor(kind, object.metadata?.namespace);
    const key = this.key(kind, namespace, name);
    const existing = this.objects.get(kind)?.get(key);
    if (!existing) throw new StoreError('NotFound', kind, namespace, name);

    let candidate: KubeObject;
    if (options?.subresource === 'status') {
      candidate = clone(existing) as KubeObject;
      if (object.status === undefined) delete candidate.status;
      else candidate.status = clone(object.status);
    } else {
      candidate = clone(object);
      candidate.metadata = {
        ...candidate.metadata,
        name: existing.metadata.name,
        uid: existing.metadata.uid,
        creationTimestamp: existing.metadata.creationTimestamp,
        resourceVersion: existing.metadata.resourceVersion,
        generation: existing.metadata.generation,
      };
      if (namespace === undefined) delete candidate.metadata.namespace;
      else candidate.metadata.namespace = namespace;
    }
    // A write that changes nothing must not bump the RV or emit an event (informers and
    // kubectl's "patched (no change)" depend on it).
    if (deepEqual(candidate, existing)) return clone(existing);
    if (
      options?.subresource !== 'status' &&
      !deepEqual(candidate.spec, existing.spec)
    ) {
      candidate.metadata.generation = (existing.metadata.generation ?? 0) + 1;
    }
    const rv = ++this.rv;
    candidate.metadata.resourceVersion = String(rv);
    deepFreeze(candidate);
    this.bucket(kind).set(key, candidate);
    this.record({
      rv,
      type: 'MODIFIED',
      object: candidate,
      previous: existing,
    });
    return clone(candidate);
  }

  delete(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const ns = this.namespaceFor(kind, namespace);
    const key = this.key(kind, ns, name);
    const bucket = this.objects.get(kind);
    const existing = bucket?.get(key);
    if (!bucket || !existing) return undefined;
    bucket.delete(key);
    const rv = ++this.rv;
    // Like etcd, the DELETED event carries the deletion's resourceVersion so watchers
    // can resume after it.
    const last = clone(existing);
    last.metadata.resourceVersion = String(rv);
    deepFreeze(last);
    this.record({ rv, type: 'DELETED', object: last, previous: existing });
    return clone(last);
  }

  onChange(listener: (event: StoreEvent) => void): () => void {
    return this.subscribe(e => listener({ type: e.type, object: e.object }));
  }

  /** Like onChange, but with the full history entry (rv and previous state). */
  subscribe(listener: (entry: HistoryEntry) => void): () => void {
    // Wrap so the same function can subscribe twice and unsubscribe independently.
    const wrapper = (e: HistoryEntry) => listener(e);
    this.listeners.add(wrapper);
    return () => {
      this.listeners.delete(wrapper);
    };
  }

  /**
   * Events with rv > `resourceVersion`, oldest first; `undefined` when that RV is older
   * than the compaction point (the watch must answer 410 Expired).
   */
  eventsAfter(resourceVersion: number): HistoryEntry[] | undefined {
    if (resourceVersion < this.compactedRv) return undefined;
    const live = this.history;
    let lo = this.historyStart;
    let hi = live.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (live[mid].rv <= resourceVersion) lo = mid + 1;
      else hi = mid;
    }
    return live.slice(lo);
  }

  /** Forgets all history: resuming a watch from any earlier RV now gets 410 Expired. */
  compact(): void {
    this.history = [];
    this.historyStart = 0;
    this.compactedRv = this.rv;
  }

  private record(entry: HistoryEntry): void {
    this.history.push(entry);
    if (this.history.length - this.historyStart > this.historySize) {
      this.compactedRv = this.history[this.historyStart].rv;
      this.historyStart++;
      if (this.historyStart > this.historySize) {
        this.history = this.history.slice(this.historyStart);
        this.historyStart = 0;
      }
    }
    this.pending.push(entry);
    if (this.emitting) return;
    this.emitting = true;
    try {
      while (this.pending.length > 0) {
        const next = this.pending.shift()!;
        for (const l of [...this.listeners]) {
          try {
            l(next);
          } catch (err) {
            // A failing listener must not undo a committed write or starve other listeners.
            process.emitWarning(
              `cluster-simulator store listener failed: ${String(err)}`,
            );
          }
        }
      }
    } finally {
      this.emitting = false;
    }
  }

  private namespaceFor(
    kind: string,
    namespace: string | undefined,
  ): string | undefined {
    if (CLUSTER_SCOPED_KINDS.has(kind)) return undefined;
    return namespace || 'default';
  }

  private key(
    kind: string,
    namespace: string | undefined,
    name: string,
  ): string {
    return `${this.namespaceFor(kind, namespace) ?? ''}/${name}`;
  }

  private bucket(kind: string): Map<string, KubeObject> {
    let b = this.objects.get(kind);
    if (!b) {
      b = new Map();
      this.objects.set(kind, b);
    }
    return b;
  }
}

function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
