import type { KubeObject } from '../types';
import {
  LabelSelectorError,
  matchesLabelSelector,
  parseLabelSelector,
} from '../store/labelSelector';
import { ResourceInfo } from './registry';
import { errors } from './status';

/** Field selectors the real API server supports for (almost) every kind, plus a few pod ones. */
const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];
const EXTRA_FIELDS: Record<string, string[]> = {
  Pod: ['status.phase', 'spec.nodeName', 'spec.serviceAccountName'],
  Namespace: ['status.phase'],
};

interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const p of path.split('.')) {
    cur =
      cur && typeof cur === 'object'
        ? (cur as Record<string, unknown>)[p]
        : undefined;
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

function parseFieldSelector(
  r: ResourceInfo,
  input: string | null,
): FieldRequirement[] {
  if (!input || input.trim() === '') return [];
  return input.split(',').map(part => {
    const m = /^\s*([A-Za-z.]+)\s*(==|!=|=)\s*(.*?)\s*$/.exec(part);
    if (!m)
      throw errors.badRequest(
        `invalid selector: '${input}'; can't understand '${part}'`,
      );
    const [, field, op, value] = m;
    if (![...COMMON_FIELDS, ...(EXTRA_FIELDS[r.kind] ?? [])].includes(field)) {
      throw errors.badRequest(`field label not supported: ${field}`);
    }
    return { field, value, negate: op === '!=' };
  });
}

/** Builds the object filter of a list or watch from its query; malformed selectors are 400. */
export function objectFilter(
  r: ResourceInfo,
  query: URLSearchParams,
  namespace: string | undefined,
): (obj: KubeObject) => boolean {
  let labels;
  try {
    labels = parseLabelSelector(query.get('labelSelector'));
  } catch (e) {
    if (e instanceof LabelSelectorError) throw errors.badRequest(e.message);
    throw e;
  }
  const fields = parseFieldSelector(r, query.get('fieldSelector'));
  return obj =>
    (namespace === undefined || obj.metadata.namespace === namespace) &&
    matchesLabelSelector(labels, obj.metadata.labels) &&
    fields.every(f => (fieldValue(obj, f.field) === f.value) !== f.negate);
}
