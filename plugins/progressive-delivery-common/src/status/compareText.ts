/**
 * Orders strings by UTF-16 code units, like Go's `<` on (ASCII) strings and unlike
 * `localeCompare`, so names sort exactly as the kubectl plugin sorts them.
 */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
