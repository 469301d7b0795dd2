import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  AuditPageResponse,
  ClustersResponse,
  EntityRolloutsResponse,
  EntityScorecardResponse,
  EntitySlosResponse,
  OpsRolloutsResponse,
  OrgScorecardResponse,
  RolloutActionRequest,
  RolloutActionResponse,
  RolloutDetailResponse,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/**
 * A cluster the backend is configured to watch.
 * @public
 * @deprecated `getClusters` returns `ClusterSyncStatus` from the common package.
 */
export interface ConfiguredCluster {
  name: string;
  title?: string;
  authProvider: string;
}

/** Which rollout of an entity: the cluster, its namespace and its name. @public */
export interface RolloutRef {
  cluster: string;
  namespace: string;
  name: string;
}

/** Paging of the audit routes (newest first). @public */
export interface AuditPageRequest {
  limit?: number;
  cursor?: string;
}

/** Client for the progressive-delivery backend (`/api/progressive-delivery`). @public */
export interface ProgressiveDeliveryApi {
  /** `GET /clusters`: sync health of every configured cluster. */
  getClusters(): Promise<ClustersResponse>;
  /** `GET /entities/:kind/:namespace/:name/rollouts` */
  getEntityRollouts(entity: CompoundEntityRef): Promise<EntityRolloutsResponse>;
  /** `GET /entities/:kind/:namespace/:name/rollouts/:cluster/:ns/:rollout` */
  getRolloutDetail(
    entity: CompoundEntityRef,
    rollout: RolloutRef,
  ): Promise<RolloutDetailResponse>;
  /** `POST .../actions`; rejects with a `ResponseError` (403, 409, 503, ...). */
  performAction(
    entity: CompoundEntityRef,
    rollout: RolloutRef,
    request: RolloutActionRequest,
  ): Promise<RolloutActionResponse>;
  /** `GET /entities/:kind/:namespace/:name/audit` */
  getEntityAudit(
    entity: CompoundEntityRef,
    page?: AuditPageRequest,
  ): Promise<AuditPageResponse>;
  /** `GET /rollouts`: every rollout the user may read, across clusters. */
  getOpsRollouts(options?: {
    attention?: boolean;
  }): Promise<OpsRolloutsResponse>;
  /** `GET /audit`: the global audit log (needs `progressive-delivery.audit.read`). */
  getAudit(page?: AuditPageRequest): Promise<AuditPageResponse>;
  /** `GET /entities/:kind/:namespace/:name/slos`: the entity's Pyrra SLOs with budget and burn rates. */
  getEntitySlos(entity: CompoundEntityRef): Promise<EntitySlosResponse>;
  /** `GET /entities/:kind/:namespace/:name/scorecard?days=N` */
  getEntityScorecard(
    entity: CompoundEntityRef,
    options?: { days?: number },
  ): Promise<EntityScorecardResponse>;
  /** `GET /scorecards?days=N`: every readable entity's scorecard summary (organisation view). */
  getOrgScorecards(options?: { days?: number }): Promise<OrgScorecardResponse>;
}

/** @public */
export const progressiveDeliveryApiRef = createApiRef<ProgressiveDeliveryApi>({
  id: 'plugin.progressive-delivery.service',
});
