import { InputError } from '@backstage/errors';
import { stringifyEntityRef } from '@backstage/catalog-model';

const KIND = /^[A-Za-z][A-Za-z0-9]{0,62}$/;
const NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/;

/** Validates `:kind/:namespace/:name` from a URL before anything else looks at them. */
export function parseEntityParams(params: {
  kind?: string;
  namespace?: string;
  name?: string;
}): string {
  const { kind, namespace, name } = params;
  if (!kind || !KIND.test(kind)) throw new InputError('Invalid entity kind');
  if (!namespace || !NAME.test(namespace)) {
    throw new InputError('Invalid entity namespace');
  }
  if (!name || !NAME.test(name)) throw new InputError('Invalid entity name');
  return stringifyEntityRef({ kind, namespace, name });
}
