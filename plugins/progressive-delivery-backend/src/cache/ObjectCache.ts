import { KubernetesObject } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { WatchedKind } from '../kubernetes/resources';

export type CacheEventType = 'added' | 'modified' | 'deleted';

export interface CacheEvent {
  cluster: string;
  kind: WatchedKind;
  type: CacheEventType;
  object: KubernetesObject;
}

function key(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}

/**
 * The watched objects of one cluster, per kind, with an index from owner UID to the
 * objects it owns (ReplicaSets, AnalysisRuns, Experiments of a Rollout). Reads never go
 * to the cluster.
 */
export class ObjectCache {
  private readonly byKind = new Map<
    WatchedKind,
    Map<string, KubernetesObject>
  >();
  private readonly byOwner = new Map<string, Set<KubernetesObject>>();
  private readonly uidIndex = new Map<string, KubernetesObject>();
  private readonly listeners = new Set<(event: CacheEvent) => void>();
  private changes = 0;

  constructor(readonly cluster: string) {}

  /** Grows with every change; equal revisions mean equal contents (for response memos). */
  get revision(): number {
    return this.changes;
  }

  onChange(listener: (event: CacheEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list<T extends KubernetesObject>(kind: WatchedKind): T[] {
    return [...(this.byKind.get(kind)?.values() ?? [])] as T[];
  }

  get<T extends KubernetesObject>(
    kind: WatchedKind,
    namespace: string | undefined,
    name: string,
  ): T | undefined {
    return this.byKind.get(kind)?.get(key(namespace, name)) as T | undefined;
  }

  ownedBy<T extends KubernetesObject>(
    kind: WatchedKind,
    ownerUid: string,
  ): T[] {
    const owned = this.byOwner.get(ownerUid);
    if (!owned) return [];
    return [...owned].filter(o => o.kind === kind) as T[];
  }

  byUid<T extends KubernetesObject>(uid: string): T | undefined {
    return this.uidIndex.get(uid) as T | undefined;
  }

  size(kind?: WatchedKind): number {
    if (kind) return this.byKind.get(kind)?.size ?? 0;
    let total = 0;
    for (const objects of this.byKind.values()) total += objects.size;
    return total;
  }

  upsert(kind: WatchedKind, object: KubernetesObject): void {
    const objects = this.objectsOf(kind);
    const k = key(object.metadata.namespace, object.metadata.name);
    const previous = objects.get(k);
    if (
      previous &&
      previous.metadata.resourceVersion === object.metadata.resourceVersion
    ) {
      return;
    }
    const stored = { ...object, kind };
    if (previous) this.unindex(previous);
    objects.set(k, stored);
    this.index(stored);
    this.emit({
      cluster: this.cluster,
      kind,
      type: previous ? 'modified' : 'added',
      object: stored,
    });
  }

  delete(kind: WatchedKind, object: KubernetesObject): void {
    const objects = this.objectsOf(kind);
    const k = key(object.metadata.namespace, object.metadata.name);
    const previous = objects.get(k);
    if (!previous) return;
    objects.delete(k);
    this.unindex(previous);
    this.emit({
      cluster: this.cluster,
      kind,
      type: 'deleted',
      object: previous,
    });
  }

  /**
   * Replaces all objects of a kind after a (re)list, emitting only the differences, so a
   * relist after 410 or a reconnect does not look like a storm of changes.
   */
  replaceAll(kind: WatchedKind, objects: KubernetesObject[]): void {
    const fresh = new Set(
      objects.map(o => key(o.metadata.namespace, o.metadata.name)),
    );
    for (const existing of this.list(kind)) {
      if (
        !fresh.has(key(existing.metadata.namespace, existing.metadata.name))
      ) {
        this.delete(kind, existing);
      }
    }
    for (const object of objects) this.upsert(kind, object);
  }

  private objectsOf(kind: WatchedKind): Map<string, KubernetesObject> {
    let objects = this.byKind.get(kind);
    if (!objects) {
      objects = new Map();
      this.byKind.set(kind, objects);
    }
    return objects;
  }

  private index(object: KubernetesObject): void {
    if (object.metadata.uid) this.uidIndex.set(object.metadata.uid, object);
    for (const ref of object.metadata.ownerReferences ?? []) {
      let owned = this.byOwner.get(ref.uid);
      if (!owned) {
        owned = new Set();
        this.byOwner.set(ref.uid, owned);
      }
      owned.add(object);
    }
  }

  private unindex(object: KubernetesObject): void {
    if (
      object.metadata.uid &&
      this.uidIndex.get(object.metadata.uid) === object
    ) {
      this.uidIndex.delete(object.metadata.uid);
    }
    for (const ref of object.metadata.ownerReferences ?? []) {
      const owned = this.byOwner.get(ref.uid);
      owned?.delete(object);
      if (owned && owned.size === 0) this.byOwner.delete(ref.uid);
    }
  }

  private emit(event: CacheEvent): void {
    this.changes++;
    for (const listener of this.listeners) listener(event);
  }
}
