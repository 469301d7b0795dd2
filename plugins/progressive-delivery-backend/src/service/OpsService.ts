import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityWorkloadSelector,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_ID_LABEL,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  OpsRollout,
  OpsRolloutsResponse,
  rolloutAttention,
  rolloutReadPermission,
  entityWorkloadSelector,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { rolloutMatches, RolloutService } from './RolloutService';

interface ReadableEntity {
  entityRef: string;
  title?: string;
  owner?: string;
  selector: EntityWorkloadSelector;
}

/**
 * The ops view: every rollout in every cluster joined to the entities the caller may read.
 * Entities matched by kubernetes-id are looked up by label value, so the join stays linear.
 */
export class OpsService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
    private readonly rollouts: RolloutService,
  ) {}

  async list(
    credentials: BackstageCredentials,
    options: { attentionOnly?: boolean } = {},
  ): Promise<OpsRolloutsResponse> {
    const entities = await this.readableEntities(credentials);
    const byId = new Map<string, ReadableEntity[]>();
    const bySelector: ReadableEntity[] = [];
    for (const entity of entities) {
      const [first] = entity.selector.requirements;
      if (
        entity.selector.requirements.length === 1 &&
        first.key === KUBERNETES_ID_LABEL &&
        first.operator === 'eq'
      ) {
        const list = byId.get(first.value) ?? [];
        list.push(entity);
        byId.set(first.value, list);
      } else {
        bySelector.push(entity);
      }
    }

    const result: OpsRollout[] = [];
    for (const { cluster, rollout } of this.rollouts.allRollouts()) {
      const id = rollout.metadata.labels?.[KUBERNETES_ID_LABEL];
      const candidates = [...(id ? byId.get(id) ?? [] : []), ...bySelector];
      const owners = candidates.filter(e =>
        rolloutMatches(rollout, e.selector),
      );
      if (owners.length === 0) continue;
      const summary = this.rollouts.summarize(cluster, rollout);
      const attention = rolloutAttention(summary.info);
      if (options.attentionOnly && !attention) continue;
      for (const owner of owners) {
        result.push({
          ...summary,
          entityRef: owner.entityRef,
          ...(owner.title ? { entityTitle: owner.title } : {}),
          ...(owner.owner ? { owner: owner.owner } : {}),
          ...(attention ? { attention } : {}),
        });
      }
    }
    result.sort(
      (a, b) =>
        a.entityRef.localeCompare(b.entityRef) ||
        a.cluster.localeCompare(b.cluster) ||
        a.name.localeCompare(b.name),
    );
    return { rollouts: result, clusters: this.rollouts.clusterStatuses() };
  }

  private async readableEntities(
    credentials: BackstageCredentials,
  ): Promise<ReadableEntity[]> {
    const { items } = await this.catalog.getEntities(
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
        ],
      },
      { credentials },
    );
    const candidates = items.flatMap(entity => {
      const selector = safeSelector(entity);
      return selector ? [{ entity, selector }] : [];
    });
    if (candidates.length === 0) return [];
    const decisions = await this.permissions.authorize(
      candidates.map(({ entity }) => ({
        permission: rolloutReadPermission,
        resourceRef: stringifyEntityRef(entity),
      })),
      { credentials },
    );
    return candidates.flatMap(({ entity, selector }, i) =>
      decisions[i]?.result === AuthorizeResult.ALLOW
        ? [
            {
              entityRef: stringifyEntityRef(entity),
              title: entity.metadata.title,
              owner:
                typeof entity.spec?.owner === 'string'
                  ? entity.spec.owner
                  : undefined,
              selector,
            },
          ]
        : [],
    );
  }
}

/** An entity with a malformed annotation is left out of the ops view, not fatal to it. */
function safeSelector(entity: Entity): EntityWorkloadSelector | undefined {
  try {
    return entityWorkloadSelector(entity);
  } catch {
    return undefined;
  }
}
