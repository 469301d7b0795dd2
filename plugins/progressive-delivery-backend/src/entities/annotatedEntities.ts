import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityWorkloadSelector,
  entityWorkloadSelector,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  rolloutReadPermission,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** A catalog entity with Kubernetes annotations, as the cross-entity views need it. */
export interface AnnotatedEntityRef {
  entityRef: string;
  title?: string;
  /** `spec.owner`. */
  owner?: string;
  /** `spec.system`. */
  system?: string;
  selector: EntityWorkloadSelector;
}

/** An entity with a malformed annotation is left out of the cross-entity views, not fatal to them. */
function safeSelector(entity: Entity): EntityWorkloadSelector | undefined {
  try {
    return entityWorkloadSelector(entity);
  } catch {
    return undefined;
  }
}

/**
 * `spec.owner` / `spec.system` as a full entity ref (catalog-info files often write the short
 * form, `team-a`); undefined when absent or unparseable.
 */
function specRef(
  entity: Entity,
  field: 'owner' | 'system',
  defaultKind: string,
): string | undefined {
  const value = entity.spec?.[field];
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/** Every entity with Kubernetes annotations that the credentials may see in the catalog. */
export async function listAnnotatedEntities(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<AnnotatedEntityRef[]> {
  const { items } = await catalog.getEntities(
    {
      filter: [
        {
          [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        {
          [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
      ],
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'metadata.annotations',
        'spec.owner',
        'spec.system',
      ],
    },
    { credentials },
  );
  return items.flatMap(entity => {
    const selector = safeSelector(entity);
    if (!selector) return [];
    const owner = specRef(entity, 'owner', 'group');
    const system = specRef(entity, 'system', 'system');
    return [
      {
        entityRef: stringifyEntityRef(entity),
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
        ...(owner ? { owner } : {}),
        ...(system ? { system } : {}),
        selector,
      },
    ];
  });
}

/** Those of the annotated entities whose rollouts the caller may read (one batched decision). */
export async function readableAnnotatedEntities(
  catalog: CatalogService,
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<AnnotatedEntityRef[]> {
  const candidates = await listAnnotatedEntities(catalog, credentials);
  if (candidates.length === 0) return [];
  const decisions = await permissions.authorize(
    candidates.map(({ entityRef }) => ({
      permission: rolloutReadPermission,
      resourceRef: entityRef,
    })),
    { credentials },
  );
  return candidates.filter(
    (_, i) => decisions[i]?.result === AuthorizeResult.ALLOW,
  );
}
