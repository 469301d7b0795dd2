/*
 * Hashes the way Kubernetes and Argo Rollouts compute them: FNV-32a over a deterministic
 * serialisation, then `rand.SafeEncodeString` of the decimal value (which yields the familiar
 * 8–10 character pod-template hashes such as `65fb5ffc84`).
 */

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32 bit. */
export function fnv32a(input: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** `k8s.io/apimachinery/pkg/util/rand.SafeEncodeString`. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  }
  return out;
}

/** JSON with object keys sorted, so equal objects serialise equally. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(v => stableStringify(v)).join(',')}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter(k => obj[k] !== undefined)
    .sort();
  return `{${keys
    .map(k => `${JSON.stringify(k)}:${stableStringify(obj[k])}`)
    .join(',')}}`;
}

/** Hash of a value as the controller names things (`ComputeHash`, `ComputeStepHash`). */
export function computeHash(value: unknown, collisionCount = 0): string {
  const text =
    collisionCount > 0
      ? `${stableStringify(value)}#${collisionCount}`
      : stableStringify(value);
  return safeEncodeString(String(fnv32a(text)));
}

/** Five random-looking (but deterministic) characters, like a generated pod name suffix. */
export function nameSuffix(seed: string, length = 5): string {
  let out = '';
  let h = fnv32a(seed);
  while (out.length < length) {
    out += ALPHANUMS[h % ALPHANUMS.length];
    h = Math.floor(h / ALPHANUMS.length);
    if (h === 0) {
      h = fnv32a(`${seed}/${out}`);
    }
  }
  return out;
}
