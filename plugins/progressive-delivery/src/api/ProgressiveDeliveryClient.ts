import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
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
import {
  AuditPageRequest,
  ProgressiveDeliveryApi,
  RolloutRef,
} from './ProgressiveDeliveryApi';

const enc = encodeURIComponent;

function entityPath(entity: CompoundEntityRef): string {
  return `/entities/${enc(entity.kind.toLocaleLowerCase('en-US'))}/${enc(
    entity.namespace,
  )}/${enc(entity.name)}`;
}

function rolloutPath(entity: CompoundEntityRef, rollout: RolloutRef): string {
  return `${entityPath(entity)}/rollouts/${enc(rollout.cluster)}/${enc(
    rollout.namespace,
  )}/${enc(rollout.name)}`;
}

function query(params: Record<string, string | number | boolean | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Talks to `/api/progressive-delivery` with the signed-in user's credentials. @public */
export class ProgressiveDeliveryClient implements ProgressiveDeliveryApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getClusters(): Promise<ClustersResponse> {
    return this.request('/clusters');
  }

  async getEntityRollouts(
    entity: CompoundEntityRef,
  ): Promise<EntityRolloutsResponse> {
    return this.request(`${entityPath(entity)}/rollouts`);
  }

  async getRolloutDetail(
    entity: CompoundEntityRef,
    rollout: RolloutRef,
  ): Promise<RolloutDetailResponse> {
    return this.request(rolloutPath(entity, rollout));
  }

  async performAction(
    entity: CompoundEntityRef,
    rollout: RolloutRef,
    request: RolloutActionRequest,
  ): Promise<RolloutActionResponse> {
    return this.request(`${rolloutPath(entity, rollout)}/actions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  async getEntityAudit(
    entity: CompoundEntityRef,
    page: AuditPageRequest = {},
  ): Promise<AuditPageResponse> {
    return this.request(`${entityPath(entity)}/audit${query({ ...page })}`);
  }

  async getOpsRollouts(
    options: { attention?: boolean } = {},
  ): Promise<OpsRolloutsResponse> {
    return this.request(`/rollouts${query({ attention: options.attention })}`);
  }

  async getAudit(page: AuditPageRequest = {}): Promise<AuditPageResponse> {
    return this.request(`/audit${query({ ...page })}`);
  }

  async getEntitySlos(entity: CompoundEntityRef): Promise<EntitySlosResponse> {
    return this.request(`${entityPath(entity)}/slos`);
  }

  async getEntityScorecard(
    entity: CompoundEntityRef,
    options: { days?: number } = {},
  ): Promise<EntityScorecardResponse> {
    return this.request(
      `${entityPath(entity)}/scorecard${query({ days: options.days })}`,
    );
  }

  async getOrgScorecards(
    options: { days?: number } = {},
  ): Promise<OrgScorecardResponse> {
    return this.request(`/scorecards${query({ days: options.days })}`);
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('progressive-delivery');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
