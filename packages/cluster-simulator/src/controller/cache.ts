import { KindName, KubeObject } from '../types';

/** Informer-style cache of the objects the controller looks at, with an owner index. */
export class ObjectCache {
  private readonly byKind = new Map<string, Map<string, KubeObject>>();
  private readonly byOwner = new Map<string, Set<string>>();

  static key(ns: string | undefined, name: string) {
    return `${ns ?? ''}/${name}`;
  }

  clear() {
    this.byKind.clear();
    this.byOwner.clear();
  }

  private kindMap(kind: string) {
    let m = this.byKind.get(kind);
    if (!m) {
      m = new Map();
      this.byKind.set(kind, m);
    }
    return m;
  }

  private ownerKey(kind: string, uid: string) {
    return `${kind}|${uid}`;
  }

  private index(obj: KubeObject, add: boolean) {
    const k = `${obj.kind}|${ObjectCache.key(
      obj.metadata.namespace,
      obj.metadata.name,
    )}`;
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const ok = this.ownerKey(obj.kind, ref.uid);
      let s = this.byOwner.get(ok);
      if (add) {
        if (!s) {
          s = new Set();
          this.byOwner.set(ok, s);
        }
        s.add(k);
      } else if (s) {
        s.delete(k);
        if (s.size === 0) this.byOwner.delete(ok);
      }
    }
  }

  put(obj: KubeObject) {
    const m = this.kindMap(obj.kind);
    const k = ObjectCache.key(obj.metadata.namespace, obj.metadata.name);
    const old = m.get(k);
    if (old) this.index(old, false);
    m.set(k, obj);
    this.index(obj, true);
  }

  remove(obj: KubeObject) {
    const m = this.kindMap(obj.kind);
    const k = ObjectCache.key(obj.metadata.namespace, obj.metadata.name);
    const old = m.get(k);
    if (old) {
      this.index(old, false);
      m.delete(k);
    }
  }

  get(kind: KindName, ns: string | undefined, name: string) {
    return this.byKind.get(kind)?.get(ObjectCache.key(ns, name));
  }

  list(kind: KindName): KubeObject[] {
    return [...(this.byKind.get(kind)?.values() ?? [])];
  }

  /** Objects of `kind` with an ownerReference to `ownerUid`. */
  owned(kind: KindName, ownerUid: string | undefined): KubeObject[] {
    if (!ownerUid) return [];
    const s = this.byOwner.get(this.ownerKey(kind, ownerUid));
    if (!s) return [];
    const out: KubeObject[] = [];
    for (const k of s) {
      const [, key] = k.split('|');
      const o = this.byKind.get(kind)?.get(key);
      if (o) out.push(o);
    }
    return out;
  }
}
