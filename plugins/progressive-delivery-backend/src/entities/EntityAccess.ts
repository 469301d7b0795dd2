import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  entityWorkloadSelector,
  EntityWorkloadSelector,
  LabelSelectorError,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

export interface AuthorizedEntity {
  entity: Entity;
  entityRef: string;
  /** Undefined when the entity carries no Kubernetes annotations. */
  selector?: EntityWorkloadSelector;
}

/**
 * Loads an entity with the caller's credentials (so catalog read rules apply) and checks a
 * permission against it. Unknown entities are 404, denied ones 403.
 */
export class EntityAccess {
  private readonly readCache = new Map<
    string,
    { at: number; value: AuthorizedEntity }
  >();
  private readonly renewing = new Set<string>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
    /** How long an allowed read is reused for the same principal; 0 disables it. */
    private readonly readCacheTtlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Loads the entity and checks the permission, in parallel. With `cacheRead`, an allowed
   * result is reused for the same principal for a few seconds: pages refetch on every change
   * signal, and the catalog and permission round trips are most of a read's cost. Past the
   * TTL and up to twice it, the old result is still served while a check in the background
   * renews it (so a busy entity never waits for the round trips), and a denial or error found
   * there removes it; older results are never used. Actions never use the cache.
   */
  async load(
    entityRef: string,
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
    options: { cacheRead?: boolean } = {},
  ): Promise<AuthorizedEntity> {
    const principal = principalKey(credentials);
    const key =
      options.cacheRead && principal && this.readCacheTtlMs > 0
        ? `${principal}|${permission.name}|${entityRef}`
        : undefined;
    if (!key) {
      return this.check(entityRef, permission, credentials);
    }
    const cached = this.readCache.get(key);
    const age = cached ? this.now() - cached.at : Infinity;
    if (cached && age < this.readCacheTtlMs) {
      return cached.value;
    }
    if (cached && age < 2 * this.readCacheTtlMs) {
      this.renew(key, entityRef, permission, credentials);
      return cached.value;
    }
    const value = await this.check(entityRef, permission, credentials);
    this.remember(key, value);
    return value;
  }

  private async check(
    entityRef: string,
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
  ): Promise<AuthorizedEntity> {
    const [entity, [decision]] = await Promise.all([
      this.catalog.getEntityByRef(entityRef, { credentials }),
      this.permissions.authorize([{ permission, resourceRef: entityRef }], {
        credentials,
      }),
    ]);
    if (!entity) {
      throw new NotFoundError(`Entity ${entityRef} not found`);
    }
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on ${entityRef}`,
      );
    }
    return { entity, entityRef, selector: selectorOf(entity) };
  }

  /** One background renewal per key at a time. */
  private renew(
    key: string,
    entityRef: string,
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
  ): void {
    if (this.renewing.has(key)) return;
    this.renewing.add(key);
    this.check(entityRef, permission, credentials)
      .then(
        value => this.remember(key, value),
        () => this.readCache.delete(key),
      )
      .finally(() => this.renewing.delete(key));
  }

  private remember(key: string, value: AuthorizedEntity): void {
    this.prune();
    this.readCache.set(key, { at: this.now(), value });
  }

  private prune() {
    if (this.readCache.size < 5_000) return;
    const cutoff = this.now() - 2 * this.readCacheTtlMs;
    for (const [key, entry] of this.readCache) {
      if (entry.at < cutoff) this.readCache.delete(key);
    }
    if (this.readCache.size >= 5_000) this.readCache.clear();
  }
}

function principalKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user:${principal.userEntityRef}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return undefined;
}

export function selectorOf(entity: Entity): EntityWorkloadSelector | undefined {
  try {
    return entityWorkloadSelector(entity);
  } catch (error) {
    if (error instanceof LabelSelectorError) {
      throw new InputError(
        `The entity's Kubernetes annotations are invalid: ${error.message}`,
      );
    }
    throw error;
  }
}
