import { validateLabelKey, validateLabelValue } from '../store/labelSelector';
import { isPlainObject } from '../store/objectUtil';
import { ResourceInfo } from './registry';

export interface FieldCause {
  field: string;
  message: string;
}

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// Kinds whose names become DNS labels (hostnames) and so may not contain dots.
const LABEL_NAMED = new Set(['Namespace', 'Service']);
const REPLICATED = new Set(['Rollout', 'Deployment', 'ReplicaSet']);

export function validateName(r: ResourceInfo, name: unknown): FieldCause[] {
  const label = LABEL_NAMED.has(r.kind);
  if (typeof name !== 'string' || name === '') {
    return [
      {
        field: 'metadata.name',
        message: 'Required value: name or generateName is required',
      },
    ];
  }
  const ok = label
    ? name.length <= 63 && DNS_LABEL.test(name)
    : name.length <= 253 && DNS_SUBDOMAIN.test(name);
  return ok
    ? []
    : [
        {
          field: 'metadata.name',
          message: `Invalid value: "${name}": a lowercase RFC 1123 ${
            label ? 'label' : 'subdomain'
          } must consist of lower case alphanumeric characters, '-'${
            label ? '' : " or '.'"
          }, and must start and end with an alphanumeric character`,
        },
      ];
}

function stringMap(
  field: string,
  value: unknown,
  labels: boolean,
): FieldCause[] {
  if (value === undefined || value === null) return [];
  if (!isPlainObject(value))
    return [{ field, message: 'Invalid value: must be an object' }];
  const causes: FieldCause[] = [];
  for (const [k, v] of Object.entries(value)) {
    const keyErr = validateLabelKey(k);
    if (keyErr)
      causes.push({ field, message: `Invalid value: "${k}": ${keyErr}` });
    if (typeof v !== 'string') {
      causes.push({
        field: `${field}.${k}`,
        message: 'Invalid value: must be a string',
      });
    } else if (labels) {
      const valErr = validateLabelValue(v);
      if (valErr)
        causes.push({
          field: `${field}.${k}`,
          message: `Invalid value: "${v}": ${valErr}`,
        });
    }
  }
  return causes;
}

/**
 * The checks a real API server would fail with 422 Invalid for these kinds: names, label
 * and annotation syntax, and replica counts.
 */
export function validateObject(
  r: ResourceInfo,
  obj: Record<string, unknown>,
): FieldCause[] {
  const meta = isPlainObject(obj.metadata) ? obj.metadata : {};
  const causes = [
    ...validateName(r, meta.name),
    ...stringMap('metadata.labels', meta.labels, true),
    ...stringMap('metadata.annotations', meta.annotations, false),
  ];
  if (obj.spec !== undefined && obj.spec !== null && !isPlainObject(obj.spec)) {
    causes.push({ field: 'spec', message: 'Invalid value: must be an object' });
  }
  if (
    REPLICATED.has(r.kind) &&
    isPlainObject(obj.spec) &&
    obj.spec.replicas !== undefined
  ) {
    const n = obj.spec.replicas;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      causes.push({
        field: 'spec.replicas',
        message: `Invalid value: ${JSON.stringify(
          n,
        )}: must be greater than or equal to 0`,
      });
    }
  }
  return causes;
}
