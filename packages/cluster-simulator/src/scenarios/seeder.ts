import { RolloutControllerEngine } from '../controller/engine';
import { fnv32a } from '../controller/hash';
import { Clock, KindName, KubeObject, ObjectStore } from '../types';

/**
 * Seeds a store and drives it with a private, timer-less controller engine, so a scenario can
 * create objects and then move them (new image, promote-full, ...) to their start-up state
 * synchronously and deterministically. The cluster's own controller takes over afterwards
 * (its first full reconcile schedules the timers).
 */
export class Seeder {
  readonly engine: RolloutControllerEngine;

  constructor(
    readonly store: ObjectStore,
    readonly clock: Clock,
    readonly clusterName: string,
  ) {
    this.engine = new RolloutControllerEngine({
      store,
      clock,
      clusterName,
      timers: false,
    });
    this.engine.resync();
  }

  /** Creates and lets the controller model react. */
  create(obj: KubeObject, settle = true): KubeObject {
    const created = this.store.create(obj);
    this.engine.observe(created);
    if (settle) this.engine.drain();
    return created;
  }

  /** Creates without queueing controller work (objects already in their settled state). */
  createQuiet(obj: KubeObject): KubeObject {
    const created = this.store.create(obj);
    this.engine.cache.put(created);
    return created;
  }

  get(kind: KindName, ns: string | undefined, name: string): KubeObject {
    const o = this.store.get(kind, ns, name);
    if (!o) throw new Error(`seed: ${kind} ${ns}/${name} missing`);
    return o;
  }

  /** Updates the main resource (like kubectl apply / set image) and settles. */
  update(obj: KubeObject): KubeObject {
    const updated = this.store.update(obj);
    this.engine.observe(updated);
    this.engine.drain();
    return updated;
  }

  /** Writes a status change (like a kubectl plugin status patch) and settles. */
  patchStatus(
    kind: KindName,
    ns: string,
    name: string,
    change: Record<string, unknown>,
  ): KubeObject {
    const cur = this.get(kind, ns, name);
    const updated = this.store.update(
      { ...cur, status: { ...(cur.status ?? {}), ...change } },
      { subresource: 'status' },
    );
    this.engine.observe(updated);
    this.engine.drain();
    return updated;
  }

  setImage(ns: string, name: string, image: string): KubeObject {
    const ro = this.get('Rollout', ns, name);
    ro.spec.template.spec.containers[0].image = image;
    return this.update(ro);
  }

  settle() {
    this.engine.drain();
  }
}

/** A deterministic RFC 4122-shaped uid, so seeded ownerReferences are stable across runs. */
export function seededUid(seed: string): string {
  const hex = [0, 1, 2, 3]
    .map(i => fnv32a(`${seed}#${i}`).toString(16).padStart(8, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function namespaceObject(
  name: string,
  labels: Record<string, string> = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { 'kubernetes.io/metadata.name': name, ...labels },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

export function serviceObject(
  ns: string,
  name: string,
  selector: Record<string, string>,
  clusterIpSeed: string,
  labels: Record<string, string> = {},
): KubeObject {
  const h = fnv32a(clusterIpSeed);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns, labels },
    spec: {
      type: 'ClusterIP',
      clusterIP: `10.96.${(h >>> 8) % 256}.${(h % 250) + 2}`,
      selector,
      ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }],
    },
    status: { loadBalancer: {} },
  };
}
