import { isPlainObject } from '../../store/objectUtil';
import { getOwn, setOwn } from './safeObject';

/**
 * JSON Merge Patch (RFC 7386): objects merge recursively, `null` deletes a key, anything
 * else (arrays included) replaces. Returns a new value; inputs are not modified.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clonePlain(patch);
  const result: Record<string, unknown> = {};
  if (isPlainObject(target)) {
    for (const [k, v] of Object.entries(target)) setOwn(result, k, v);
  }
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else setOwn(result, k, applyMergePatch(getOwn(result, k), v));
  }
  return result;
}

function clonePlain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clonePlain);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) setOwn(out, k, clonePlain(x));
    return out;
  }
  return v;
}
