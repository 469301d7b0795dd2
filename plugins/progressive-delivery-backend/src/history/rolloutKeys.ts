import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import { RolloutKey } from './types';

/** Keys per query: a few bindings each stays far below SQLite's and PostgreSQL's limits. */
const KEYS_PER_QUERY = 100;

/** Checks and de-duplicates the rollouts asked about; InputError on anything malformed. */
export function normalizeRolloutKeys(rollouts: unknown): RolloutKey[] {
  if (!Array.isArray(rollouts)) {
    throw new InputError(
      'rollouts must be an array of { cluster, namespace, name }',
    );
  }
  const seen = new Map<string, RolloutKey>();
  for (const key of rollouts) {
    const { cluster, namespace, name } = (key ?? {}) as Partial<RolloutKey>;
    if (![cluster, namespace, name].every(isNonEmptyString)) {
      throw new InputError(
        'Each rollout needs a non-empty cluster, namespace and name',
      );
    }
    const rollout = { cluster, namespace, name } as RolloutKey;
    seen.set(JSON.stringify([cluster, namespace, name]), rollout);
  }
  return [...seen.values()];
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** Runs `query` once per chunk of keys and concatenates the rows. */
export async function inKeyChunks<K, T>(
  keys: readonly K[],
  query: (chunk: K[]) => PromiseLike<T[]>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    rows.push(...(await query(keys.slice(i, i + KEYS_PER_QUERY))));
  }
  return rows;
}

/** `(cluster = ? and namespace = ? and <nameColumn> = ?) or ...` for one chunk of keys. */
export function whereRolloutKeyIn(
  builder: Knex.QueryBuilder,
  keys: RolloutKey[],
  nameColumn: string,
): void {
  builder.where(any => {
    for (const key of keys) {
      any.orWhere(one =>
        one
          .where('cluster', key.cluster)
          .andWhere('namespace', key.namespace)
          .andWhere(nameColumn, key.name),
      );
    }
  });
}
