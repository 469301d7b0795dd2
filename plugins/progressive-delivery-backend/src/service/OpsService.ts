import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  KUBERNETES_ID_LABEL,
  OpsRollout,
  OpsRolloutsResponse,
  rolloutAttention,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import {
  AnnotatedEntityRef,
  readableAnnotatedEntities,
} from '../entities/annotatedEntities';
import { rolloutMatches, RolloutService } from './RolloutService';

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
    const entities = await readableAnnotatedEntities(
      this.catalog,
      this.permissions,
      credentials,
    );
    const byId = new Map<string, AnnotatedEntityRef[]>();
    const bySelector: AnnotatedEntityRef[] = [];
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
}
