import { InputError } from '@backstage/errors';
import { isValidClusterName } from '../clusters/ConfigClusterSupplier';
import { assertObjectName } from '../kubernetes/resources';

/** Validates `:cluster/:rolloutNamespace/:rollout` from a URL before anything uses them. */
export function parseRolloutParams(params: {
  cluster?: string;
  rolloutNamespace?: string;
  rollout?: string;
}): { cluster: string; namespace: string; rollout: string } {
  const { cluster = '', rolloutNamespace = '', rollout = '' } = params;
  if (!isValidClusterName(cluster))
    throw new InputError('Invalid cluster name');
  assertObjectName(rolloutNamespace, 'namespace');
  assertObjectName(rollout, 'rollout');
  return { cluster, namespace: rolloutNamespace, rollout };
}
