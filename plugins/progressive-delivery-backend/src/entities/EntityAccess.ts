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
  constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
  ) {}

  async load(
    entityRef: string,
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
  ): Promise<AuthorizedEntity> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`Entity ${entityRef} not found`);
    }
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${permission.name} on ${entityRef}`,
      );
    }
    return { entity, entityRef, selector: selectorOf(entity) };
  }
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
