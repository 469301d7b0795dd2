import { isPlainObject } from '../../store/objectUtil';
import { getOwn, setOwn } from './safeObject';

/**
 * A simplified strategic merge patch for the built-in kinds (Pod, Service, Deployment,
 * ReplicaSet, Namespace). Real Kubernetes derives merge keys from Go struct tags; we know
 * the few list fields that matter for these kinds and merge those by key, honour
 * `$patch: delete|replace` on list items and maps, and drop other `$` directives. All other
 * lists replace, like a JSON merge patch. Custom resources never get here (415).
 */

const MERGE_KEYS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  imagePullSecrets: ['name'],
  conditions: ['type'],
  ports: ['containerPort', 'port'],
};

function mergeKeyFor(field: string, items: unknown[]): string | undefined {
  const candidates = MERGE_KEYS[field];
  if (!candidates) return undefined;
  return candidates.find(k =>
    items.every(i => isPlainObject(i) && getOwn(i, k) !== undefined),
  );
}

function mergeList(field: string, target: unknown, patch: unknown[]): unknown {
  if (patch.some(i => isPlainObject(i) && getOwn(i, '$patch') === 'replace')) {
    return patch
      .filter(i => !(isPlainObject(i) && getOwn(i, '$patch') === 'replace'))
      .map(stripDirectives);
  }
  const key = mergeKeyFor(field, patch);
  if (!key || !Array.isArray(target) || !mergeKeyFor(field, target)) {
    return patch.map(stripDirectives);
  }
  const result = [...target];
  for (const item of patch as Record<string, unknown>[]) {
    const idx = result.findIndex(
      t => getOwn(t as Record<string, unknown>, key) === item[key],
    );
    if (getOwn(item, '$patch') === 'delete') {
      if (idx >= 0) result.splice(idx, 1);
    } else if (idx >= 0) {
      result[idx] = applyStrategicMergePatch(result[idx], item);
    } else {
      result.push(stripDirectives(item));
    }
  }
  return result;
}

function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (!k.startsWith('$')) setOwn(out, k, stripDirectives(x));
  }
  return out;
}

export function applyStrategicMergePatch(
  target: unknown,
  patch: unknown,
): unknown {
  if (!isPlainObject(patch)) return stripDirectives(patch);
  if (getOwn(patch, '$patch') === 'replace') return stripDirectives(patch);
  if (getOwn(patch, '$patch') === 'delete') return undefined;
  const result: Record<string, unknown> = {};
  if (isPlainObject(target)) {
    for (const [k, v] of Object.entries(target)) setOwn(result, k, v);
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete result[k];
    } else if (Array.isArray(v)) {
      setOwn(result, k, mergeList(k, getOwn(result, k), v));
    } else {
      const merged = applyStrategicMergePatch(getOwn(result, k), v);
      if (merged === undefined) delete result[k];
      else setOwn(result, k, merged);
    }
  }
  return result;
}
