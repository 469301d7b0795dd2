import { KubernetesObject } from './objectMeta';
import { ROLLOUT_REVISION_ANNOTATION } from './wellKnownKeys';

/**
 * The kubectl plugin links children to parents only through `ownerReferences[].uid`, never by
 * labels (reference §1.0); we do the same so our tree matches its tree.
 * @public
 */
export function isOwnedBy(child: KubernetesObject, ownerUid?: string): boolean {
  if (!ownerUid) return false;
  return (child.metadata.ownerReferences ?? []).some(
    ref => ref.uid === ownerUid,
  );
}

/** Children of `ownerUid` among `objects`, in input order. @public */
export function ownedBy<T extends KubernetesObject>(
  objects: readonly T[] | undefined,
  ownerUid?: string,
): T[] {
  return (objects ?? []).filter(o => isOwnedBy(o, ownerUid));
}

/**
 * `rollout.argoproj.io/revision` as a number; 0 when missing or not an integer, as upstream's
 * `strconv.Atoi` fallback does.
 * @public
 */
export function parseRevision(object: KubernetesObject): number {
  const raw = object.metadata.annotations?.[ROLLOUT_REVISION_ANNOTATION];
  if (raw === undefined || !/^[+-]?\d+$/.test(raw)) return 0;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : 0;
}
