import type { KubeObject } from '../../types';
import type { MemoryObjectStore } from '../../store/MemoryObjectStore';
import { RESOURCES } from '../registry';

/**
 * What kube-controller-manager would do after an API delete, done at once: the garbage
 * collector removes dependents (ownerReferences), and deleting a Namespace removes its
 * content. Deletes go through the store so watchers see every DELETED event.
 */
export function deleteDependents(
  store: MemoryObjectStore,
  owner: KubeObject,
): void {
  const uid = owner.metadata.uid;
  if (owner.kind === 'Namespace') {
    for (const r of RESOURCES.filter(x => x.namespaced)) {
      for (const o of store.snapshot(r.kind, owner.metadata.name)) {
        deleteWithDependents(store, r.kind, o);
      }
    }
  }
  if (!uid) return;
  for (const r of RESOURCES) {
    for (const o of store.snapshot(r.kind)) {
      if (o.metadata.ownerReferences?.some(ref => ref.uid === uid)) {
        deleteWithDependents(store, r.kind, o);
      }
    }
  }
}

function deleteWithDependents(
  store: MemoryObjectStore,
  kind: string,
  o: KubeObject,
): void {
  const deleted = store.delete(kind, o.metadata.namespace, o.metadata.name);
  if (deleted) deleteDependents(store, deleted);
}
