import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ScorecardSummary } from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** A ref as the catalog may hold it (`storefront`, `group:team-a`), parsed with defaults. */
export function parseRef(
  ref: string,
  defaultKind: string,
): CompoundEntityRef | undefined {
  try {
    return parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' });
  } catch {
    return undefined;
  }
}

/** The full ref (`system:default/storefront`); unparseable text stays as it is. */
export function normalizeRef(
  ref: string | undefined,
  defaultKind: string,
): string | undefined {
  if (!ref) return undefined;
  const parsed = parseRef(ref, defaultKind);
  return parsed ? stringifyEntityRef(parsed) : ref;
}

/**
 * `spec.owner` and `spec.system` may be short refs (`system: storefront`): made full, so that
 * filters, groups and links treat `storefront` and `system:default/storefront` as one.
 */
export function normalizeSummaries(
  entities: ScorecardSummary[],
): ScorecardSummary[] {
  return entities.map(e => ({
    ...e,
    owner: normalizeRef(e.owner, 'group'),
    system: normalizeRef(e.system, 'system'),
  }));
}
