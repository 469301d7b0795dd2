import { clone, deepEqual, isPlainObject } from '../../store/objectUtil';
import { getOwn, hasOwn, setOwn } from './safeObject';

/**
 * JSON Patch (RFC 6902): add, remove, replace, move, copy, test. All operations apply to a
 * copy and the result is returned only if every one succeeds (atomic, as the RFC asks).
 */

export class JsonPatchError extends Error {
  /**
   * `malformed`: the patch document itself is wrong (HTTP 400).
   * `failed`: a well-formed operation could not be applied, e.g. a failed `test` or a
   * missing path (HTTP 422).
   */
  constructor(readonly failure: 'malformed' | 'failed', message: string) {
    super(message);
    this.name = 'JsonPatchError';
  }
}

type Container = Record<string, unknown> | unknown[];

export interface JsonPatchOperation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new JsonPatchError(
      'malformed',
      `invalid JSON pointer "${pointer}": must start with "/"`,
    );
  }
  return pointer
    .slice(1)
    .split('/')
    .map(token => {
      if (/~[^01]|~$/.test(token)) {
        throw new JsonPatchError(
          'malformed',
          `invalid escape in JSON pointer "${pointer}"`,
        );
      }
      return token.replace(/~1/g, '/').replace(/~0/g, '~');
    });
}

function arrayIndex(
  arr: unknown[],
  token: string,
  forAdd: boolean,
  path: string,
): number {
  if (forAdd && token === '-') return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) {
    throw new JsonPatchError(
      'failed',
      `invalid array index "${token}" in path "${path}"`,
    );
  }
  const i = Number(token);
  if (i > arr.length || (!forAdd && i === arr.length)) {
    throw new JsonPatchError(
      'failed',
      `array index ${i} out of bounds in path "${path}"`,
    );
  }
  return i;
}

/** Resolves the parent container of the pointer's last token. */
function resolveParent(
  doc: unknown,
  tokens: string[],
  path: string,
): Container {
  let cur: unknown = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[arrayIndex(cur, t, false, path)];
    else if (isPlainObject(cur) && hasOwn(cur, t)) cur = cur[t];
    else throw new JsonPatchError('failed', `path "${path}" does not exist`);
  }
  if (!Array.isArray(cur) && !isPlainObject(cur)) {
    throw new JsonPatchError('failed', `path "${path}" does not exist`);
  }
  return cur;
}

function getValue(doc: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return doc;
  const parent = resolveParent(doc, tokens, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent))
    return parent[arrayIndex(parent, last, false, path)];
  if (!hasOwn(parent, last))
    throw new JsonPatchError('failed', `path "${path}" does not exist`);
  return parent[last];
}

function add(doc: unknown, path: string, value: unknown): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const parent = resolveParent(doc, tokens, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent))
    parent.splice(arrayIndex(parent, last, true, path), 0, value);
  else setOwn(parent, last, value);
  return doc;
}

function remove(doc: unknown, path: string): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0)
    throw new JsonPatchError('failed', 'cannot remove the whole document');
  const parent = resolveParent(doc, tokens, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent))
    parent.splice(arrayIndex(parent, last, false, path), 1);
  else if (hasOwn(parent, last)) delete parent[last];
  else throw new JsonPatchError('failed', `path "${path}" does not exist`);
  return doc;
}

function replace(doc: unknown, path: string, value: unknown): unknown {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const parent = resolveParent(doc, tokens, path);
  const last = tokens[tokens.length - 1];
  if (Array.isArray(parent))
    parent[arrayIndex(parent, last, false, path)] = value;
  else if (hasOwn(parent, last)) setOwn(parent, last, value);
  else throw new JsonPatchError('failed', `path "${path}" does not exist`);
  return doc;
}

function validateOperation(raw: unknown, index: number): JsonPatchOperation {
  if (!isPlainObject(raw)) {
    throw new JsonPatchError(
      'malformed',
      `operation ${index} is not an object`,
    );
  }
  const op = getOwn(raw, 'op');
  const path = getOwn(raw, 'path');
  if (typeof op !== 'string')
    throw new JsonPatchError('malformed', `operation ${index} has no "op"`);
  if (typeof path !== 'string') {
    throw new JsonPatchError('malformed', `operation ${index} has no "path"`);
  }
  if (!['add', 'remove', 'replace', 'move', 'copy', 'test'].includes(op)) {
    throw new JsonPatchError(
      'malformed',
      `operation ${index} has unknown op "${op}"`,
    );
  }
  if (['add', 'replace', 'test'].includes(op) && !hasOwn(raw, 'value')) {
    throw new JsonPatchError(
      'malformed',
      `operation ${index} (${op}) has no "value"`,
    );
  }
  const from = getOwn(raw, 'from');
  if (['move', 'copy'].includes(op) && typeof from !== 'string') {
    throw new JsonPatchError(
      'malformed',
      `operation ${index} (${op}) has no "from"`,
    );
  }
  parsePointer(path);
  if (typeof from === 'string') parsePointer(from);
  return {
    op,
    path,
    from: from as string | undefined,
    value: getOwn(raw, 'value'),
  };
}

export function applyJsonPatch(document: unknown, patch: unknown): unknown {
  if (!Array.isArray(patch)) {
    throw new JsonPatchError(
      'malformed',
      'a JSON patch must be an array of operations',
    );
  }
  const ops = patch.map(validateOperation);
  let doc = clone(document);
  for (const o of ops) {
    switch (o.op) {
      case 'add':
        doc = add(doc, o.path, clone(o.value));
        break;
      case 'remove':
        doc = remove(doc, o.path);
        break;
      case 'replace':
        doc = replace(doc, o.path, clone(o.value));
        break;
      case 'move': {
        if (o.path.startsWith(`${o.from}/`)) {
          throw new JsonPatchError(
            'failed',
            `cannot move "${o.from}" into its own child`,
          );
        }
        const v = getValue(doc, o.from!);
        doc = add(remove(doc, o.from!), o.path, v);
        break;
      }
      case 'copy':
        doc = add(doc, o.path, clone(getValue(doc, o.from!)));
        break;
      case 'test':
        if (!deepEqual(getValue(doc, o.path), o.value)) {
          throw new JsonPatchError(
            'failed',
            `test operation failed: value at "${o.path}" differs`,
          );
        }
        break;
      default:
        break;
    }
  }
  return doc;
}
